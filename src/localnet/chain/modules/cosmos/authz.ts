/**
 * x/authz: grants (granter → grantee per msg type), MsgGrant / MsgRevoke / MsgExec and the Query service. The
 * keeper is in authz-keeper.ts, MsgExec in authz-exec.ts, the queries in authz-queries.ts.
 */
import {
  MsgGrant,
  MsgGrantResponse,
  MsgRevoke,
  MsgRevokeResponse,
} from "cosmjs-types/cosmos/authz/v1beta1/tx";
import { requireAddress } from "../../address";
import { moduleError, sdkError } from "../../errors";
import { typedEvent } from "../../events";
import type { ChainModule, MsgContext, MsgHandler } from "../../module";
import { execMsg, type RouterLookup } from "./authz-exec";
import { decodeAuthorization, toDate } from "./authz-encoding";
import { authzKeeper } from "./authz-keeper";
import { authzQueries } from "./authz-queries";
import { authorizationType } from "./authorizations";

export function authzModule(router: RouterLookup): ChainModule {
  return {
    name: "authz",
    msgs: {
      "/cosmos.authz.v1beta1.MsgGrant": grantMsg(router),
      "/cosmos.authz.v1beta1.MsgRevoke": revokeMsg,
      "/cosmos.authz.v1beta1.MsgExec": execMsg(router),
    },
    queries: authzQueries,
  };
}

function grantMsg(router: RouterLookup): MsgHandler<MsgGrant> {
  return {
    decode: (bytes) => MsgGrant.decode(bytes),
    toAmino: grantAmino,
    signers: (msg) => [msg.granter],
    validateBasic: (msg) => {
      requireAddress(msg.granter, "granter address");
      requireAddress(msg.grantee, "grantee address");
      if (msg.granter === msg.grantee)
        throw moduleError("authz", 7, "grantee and granter should be different");
      const { authorization } = decodeAuthorization(msg.grant?.authorization);
      authorizationType(authorization.typeUrl)!.validate(authorization.value);
    },
    handle: (ctx, msg) => handleGrant(ctx, msg, router),
  };
}

function grantAmino(msg: MsgGrant): { type: string; value: unknown } {
  const any = msg.grant?.authorization;
  const type = any ? authorizationType(any.typeUrl) : undefined;
  return {
    type: "cosmos-sdk/MsgGrant",
    value: {
      granter: msg.granter,
      grantee: msg.grantee,
      grant: {
        authorization:
          type && any ? { type: type.aminoName, value: type.toAmino(type.decode(any.value)) } : {},
        ...(msg.grant?.expiration
          ? { expiration: toDate(msg.grant.expiration)!.toISOString().replace(".000Z", "Z") }
          : {}),
      },
    },
  };
}

/** Stores (or replaces) the grant; the msg type it authorizes must be routable and the expiration in the future. */
function handleGrant(
  ctx: MsgContext,
  msg: MsgGrant,
  router: RouterLookup,
): { typeUrl: string; value: Uint8Array } {
  const { authorization, msgTypeUrl } = decodeAuthorization(msg.grant?.authorization);
  if (!router(msgTypeUrl)) throw sdkError(29, `${msgTypeUrl} doesn't exist.`);
  const expiration = toDate(msg.grant?.expiration);
  if (expiration && expiration.getTime() < ctx.time.getTime()) {
    throw moduleError("authz", 3, "expiration time of authorization should be more than current time");
  }
  ctx.authz.set(msg.granter, msg.grantee, msgTypeUrl, {
    ...authorization,
    ...(expiration ? { expiration } : {}),
  });
  ctx.emit(
    typedEvent("cosmos.authz.v1beta1.EventGrant", {
      msg_type_url: msgTypeUrl,
      granter: msg.granter,
      grantee: msg.grantee,
    }),
  );
  return {
    typeUrl: "/cosmos.authz.v1beta1.MsgGrantResponse",
    value: MsgGrantResponse.encode({}).finish(),
  };
}

const revokeMsg: MsgHandler<MsgRevoke> = {
  decode: (bytes) => MsgRevoke.decode(bytes),
  toAmino: (msg) => ({
    type: "cosmos-sdk/MsgRevoke",
    value: { granter: msg.granter, grantee: msg.grantee, msg_type_url: msg.msgTypeUrl },
  }),
  signers: (msg) => [msg.granter],
  validateBasic: (msg) => {
    requireAddress(msg.granter, "granter address");
    requireAddress(msg.grantee, "grantee address");
    if (msg.granter === msg.grantee) throw moduleError("authz", 7, "grantee and granter should be different");
    if (msg.msgTypeUrl === "") throw sdkError(18, "missing method name");
  },
  handle: handleRevoke,
};

function handleRevoke(ctx: MsgContext, msg: MsgRevoke): { typeUrl: string; value: Uint8Array } {
  if (!authzKeeper(ctx).has(msg.granter, msg.grantee, msg.msgTypeUrl)) {
    throw moduleError("authz", 2, "authorization not found", "failed to delete grant with key");
  }
  ctx.authz.set(msg.granter, msg.grantee, msg.msgTypeUrl, undefined);
  ctx.emit(
    typedEvent("cosmos.authz.v1beta1.EventRevoke", {
      msg_type_url: msg.msgTypeUrl,
      granter: msg.granter,
      grantee: msg.grantee,
    }),
  );
  return {
    typeUrl: "/cosmos.authz.v1beta1.MsgRevokeResponse",
    value: MsgRevokeResponse.encode({}).finish(),
  };
}
