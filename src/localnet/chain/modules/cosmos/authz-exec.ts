/**
 * MsgExec: runs inner msgs through the normal router with the granter as signer, after the grant's Accept rule
 * (which may spend or delete the grant).
 */
import { MsgExec, MsgExecResponse } from "cosmjs-types/cosmos/authz/v1beta1/tx";
import { requireAddress } from "../../address";
import { moduleError, sdkError } from "../../errors";
import type { MsgContext, MsgHandler } from "../../module";
import { authorizationType } from "./authorizations";

export type RouterLookup = (typeUrl: string) => MsgHandler<unknown> | undefined;

export function execMsg(router: RouterLookup): MsgHandler<MsgExec> {
  return {
    decode: (bytes) => MsgExec.decode(bytes),
    toAmino: (msg) => ({
      type: "cosmos-sdk/MsgExec",
      value: {
        grantee: msg.grantee,
        msgs: msg.msgs.map((any) => {
          const handler = router(any.typeUrl);
          if (!handler) throw sdkError(2, `unable to resolve type URL ${any.typeUrl}: tx parse error`);
          return handler.toAmino(handler.decode(any.value));
        }),
      },
    }),
    signers: (msg) => [msg.grantee],
    validateBasic: (msg) => {
      requireAddress(msg.grantee, "grantee address");
      if (msg.msgs.length === 0) throw sdkError(18, "messages cannot be empty");
      for (const any of msg.msgs) {
        const handler = router(any.typeUrl);
        if (!handler) throw sdkError(2, `unable to resolve type URL ${any.typeUrl}: tx parse error`);
        handler.validateBasic?.(handler.decode(any.value));
      }
    },
    handle: (ctx, msg) => handleExec(ctx, msg, router),
  };
}

function handleExec(
  ctx: MsgContext,
  msg: MsgExec,
  router: RouterLookup,
): { typeUrl: string; value: Uint8Array } {
  const results: Uint8Array[] = [];
  for (const any of msg.msgs) {
    const handler = router(any.typeUrl)!;
    const inner = handler.decode(any.value);
    const signers = handler.signers(inner);
    if (signers.length !== 1) {
      throw moduleError("authz", 9, "authorization can be given to msg with only one signer");
    }
    const granter = signers[0]!;
    if (granter !== msg.grantee)
      acceptGrant(ctx, { granter, grantee: msg.grantee, typeUrl: any.typeUrl, inner });
    const response = handler.handle(ctx, inner);
    results.push(response.value);
  }
  return {
    typeUrl: "/cosmos.authz.v1beta1.MsgExecResponse",
    value: MsgExecResponse.encode({ results }).finish(),
  };
}

/** The grant must exist and accept the inner msg; the grant is then updated or deleted as its rule says. */
function acceptGrant(
  ctx: MsgContext,
  use: { granter: string; grantee: string; typeUrl: string; inner: unknown },
): void {
  const { granter, grantee, typeUrl, inner } = use;
  const authorization = ctx.authz.get(granter, grantee, typeUrl, ctx.time);
  if (!authorization) {
    throw moduleError(
      "authz",
      2,
      "authorization not found",
      `failed to get grant with given granter: ${granter}, grantee: ${grantee} & msgType: ${typeUrl} `,
    );
  }
  const type = authorizationType(authorization.typeUrl);
  const result = type ? type.accept(authorization.value, typeUrl, inner) : { accept: false };
  if (result.delete) ctx.authz.set(granter, grantee, typeUrl, undefined);
  else if (result.updated !== undefined) {
    ctx.authz.set(granter, grantee, typeUrl, { ...authorization, value: result.updated });
  }
  if (!result.accept) throw sdkError(4);
}
