/**
 * x/authz: grants (granter → grantee per msg type), MsgGrant / MsgRevoke / MsgExec and the Query service. MsgExec
 * runs inner msgs through the normal router with the granter as signer, after the grant's Accept rule.
 */
import { Grant, GrantAuthorization } from "cosmjs-types/cosmos/authz/v1beta1/authz";
import {
  QueryGranteeGrantsRequest,
  QueryGranteeGrantsResponse,
  QueryGranterGrantsRequest,
  QueryGranterGrantsResponse,
  QueryGrantsRequest,
  QueryGrantsResponse,
} from "cosmjs-types/cosmos/authz/v1beta1/query";
import {
  MsgExec,
  MsgExecResponse,
  MsgGrant,
  MsgGrantResponse,
  MsgRevoke,
  MsgRevokeResponse,
} from "cosmjs-types/cosmos/authz/v1beta1/tx";
import { Any } from "cosmjs-types/google/protobuf/any";
import { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { addressBytes, isAddress, requireAddress } from "../../address";
import { moduleError, queryError, sdkError } from "../../errors";
import { typedEvent } from "../../events";
import type { Authorization, AuthzKeeper, ChainModule, KVStore, MsgContext, MsgHandler } from "../../module";
import { authorizationType } from "./authorizations";
import { paginate } from "./pagination";

interface GrantRecord {
  granter: string;
  grantee: string;
  msgTypeUrl: string;
  authorization: Authorization;
}

const grantKey = (granter: string, grantee: string, msgTypeUrl: string) =>
  `grant/${granter}/${grantee}/${msgTypeUrl}`;

/**
 * The SDK keys grants by length-prefixed address bytes, so walking a grantee's grants visits granters in
 * (length, address bytes) order, not in bech32 text order; the index key sorts the same way.
 */
function addressOrder(address: string): string {
  const bytes = addressBytes(address);
  return `${bytes.length.toString(16).padStart(2, "0")}${Buffer.from(bytes).toString("hex")}`;
}

const granteeIndexKey = (granter: string, grantee: string, msgTypeUrl: string) =>
  `by_grantee/${grantee}/${msgTypeUrl}/${addressOrder(granter)}`;

function expired(authorization: Authorization, now: Date): boolean {
  return authorization.expiration !== undefined && authorization.expiration.getTime() <= now.getTime();
}

export class AuthzKeeperImpl implements AuthzKeeper {
  constructor(private readonly store: KVStore) {}

  get(granter: string, grantee: string, msgTypeUrl: string, now: Date): Authorization | undefined {
    const record = this.store.get<GrantRecord>(grantKey(granter, grantee, msgTypeUrl));
    if (!record || expired(record.authorization, now)) return undefined;
    return record.authorization;
  }

  set(granter: string, grantee: string, msgTypeUrl: string, authorization: Authorization | undefined): void {
    if (authorization === undefined) {
      this.store.delete(grantKey(granter, grantee, msgTypeUrl));
      this.store.delete(granteeIndexKey(granter, grantee, msgTypeUrl));
      return;
    }
    this.store.set<GrantRecord>(grantKey(granter, grantee, msgTypeUrl), {
      granter,
      grantee,
      msgTypeUrl,
      authorization,
    });
    this.store.set(granteeIndexKey(granter, grantee, msgTypeUrl), granter);
  }

  has(granter: string, grantee: string, msgTypeUrl: string): boolean {
    return this.store.has(grantKey(granter, grantee, msgTypeUrl));
  }

  /** Unexpired grants to `grantee` for `msgTypeUrl`, in the SDK's store order (granter address bytes). */
  byGrantee(
    grantee: string,
    msgTypeUrl: string,
    now: Date,
  ): { granter: string; authorization: Authorization }[] {
    const result: { granter: string; authorization: Authorization }[] = [];
    for (const [, granter] of this.store.iterate<string>(`by_grantee/${grantee}/${msgTypeUrl}/`)) {
      const authorization = this.get(granter, grantee, msgTypeUrl, now);
      if (authorization) result.push({ granter, authorization });
    }
    return result;
  }

  /** All grants (expired included, like the SDK until pruning), optionally filtered. */
  list(filter: { granter?: string; grantee?: string; msgTypeUrl?: string }): GrantRecord[] {
    const prefix = filter.granter ? `grant/${filter.granter}/` : "grant/";
    const records: GrantRecord[] = [];
    for (const [, record] of this.store.iterate<GrantRecord>(prefix)) {
      if (filter.grantee && record.grantee !== filter.grantee) continue;
      if (filter.msgTypeUrl && record.msgTypeUrl !== filter.msgTypeUrl) continue;
      records.push(record);
    }
    return records;
  }
}

function toDate(ts: Timestamp | undefined): Date | undefined {
  if (!ts) return undefined;
  return new Date(Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1e6));
}

function toTimestamp(date: Date | undefined): Timestamp | undefined {
  if (!date) return undefined;
  const ms = date.getTime();
  return Timestamp.fromPartial({ seconds: BigInt(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 });
}

function encodeAuthorization(authorization: Authorization): Any {
  const type = authorizationType(authorization.typeUrl);
  if (!type) throw sdkError(35, `unknown authorization type ${authorization.typeUrl}`);
  return Any.fromPartial({ typeUrl: authorization.typeUrl, value: type.encode(authorization.value) });
}

function decodeAuthorization(any: Any | undefined): { authorization: Authorization; msgTypeUrl: string } {
  if (!any) throw sdkError(18, "authorization is nil");
  const type = authorizationType(any.typeUrl);
  if (!type) throw sdkError(2, `unable to resolve type URL ${any.typeUrl}: tx parse error`);
  const value = type.decode(any.value);
  return { authorization: { typeUrl: any.typeUrl, value }, msgTypeUrl: type.msgTypeUrl(value) };
}

function keeper(ctx: MsgContext): AuthzKeeperImpl {
  return ctx.authz as AuthzKeeperImpl;
}

export type RouterLookup = (typeUrl: string) => MsgHandler<unknown> | undefined;

export function authzModule(router: RouterLookup): ChainModule {
  const execHandler: MsgHandler<MsgExec> = {
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
    handle: (ctx, msg) => {
      const results: Uint8Array[] = [];
      for (const any of msg.msgs) {
        const handler = router(any.typeUrl)!;
        const inner = handler.decode(any.value);
        const signers = handler.signers(inner);
        if (signers.length !== 1) {
          throw moduleError("authz", 9, "authorization can be given to msg with only one signer");
        }
        const granter = signers[0]!;
        if (granter !== msg.grantee) {
          const authorization = ctx.authz.get(granter, msg.grantee, any.typeUrl, ctx.time);
          if (!authorization) {
            throw moduleError(
              "authz",
              2,
              "authorization not found",
              `failed to get grant with given granter: ${granter}, grantee: ${msg.grantee} & msgType: ${any.typeUrl} `,
            );
          }
          const type = authorizationType(authorization.typeUrl);
          const result = type ? type.accept(authorization.value, any.typeUrl, inner) : { accept: false };
          if (result.delete) ctx.authz.set(granter, msg.grantee, any.typeUrl, undefined);
          else if (result.updated !== undefined) {
            ctx.authz.set(granter, msg.grantee, any.typeUrl, { ...authorization, value: result.updated });
          }
          if (!result.accept) throw sdkError(4);
        }
        const response = handler.handle(ctx, inner);
        results.push(response.value);
      }
      return {
        typeUrl: "/cosmos.authz.v1beta1.MsgExecResponse",
        value: MsgExecResponse.encode({ results }).finish(),
      };
    },
  };

  return {
    name: "authz",
    msgs: {
      "/cosmos.authz.v1beta1.MsgGrant": {
        decode: (bytes) => MsgGrant.decode(bytes),
        toAmino: (msg: MsgGrant) => {
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
        },
        signers: (msg: MsgGrant) => [msg.granter],
        validateBasic: (msg: MsgGrant) => {
          requireAddress(msg.granter, "granter address");
          requireAddress(msg.grantee, "grantee address");
          if (msg.granter === msg.grantee)
            throw moduleError("authz", 7, "grantee and granter should be different");
          const { authorization } = decodeAuthorization(msg.grant?.authorization);
          authorizationType(authorization.typeUrl)!.validate(authorization.value);
        },
        handle: (ctx, msg: MsgGrant) => {
          const { authorization, msgTypeUrl } = decodeAuthorization(msg.grant?.authorization);
          if (!router(msgTypeUrl)) throw sdkError(29, `${msgTypeUrl} doesn't exist.`);
          const expiration = toDate(msg.grant?.expiration);
          if (expiration && expiration.getTime() < ctx.time.getTime()) {
            throw moduleError(
              "authz",
              3,
              "expiration time of authorization should be more than current time",
            );
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
        },
      },
      "/cosmos.authz.v1beta1.MsgRevoke": {
        decode: (bytes) => MsgRevoke.decode(bytes),
        toAmino: (msg: MsgRevoke) => ({
          type: "cosmos-sdk/MsgRevoke",
          value: { granter: msg.granter, grantee: msg.grantee, msg_type_url: msg.msgTypeUrl },
        }),
        signers: (msg: MsgRevoke) => [msg.granter],
        validateBasic: (msg: MsgRevoke) => {
          requireAddress(msg.granter, "granter address");
          requireAddress(msg.grantee, "grantee address");
          if (msg.granter === msg.grantee)
            throw moduleError("authz", 7, "grantee and granter should be different");
          if (msg.msgTypeUrl === "") throw sdkError(18, "missing method name");
        },
        handle: (ctx, msg: MsgRevoke) => {
          if (!keeper(ctx).has(msg.granter, msg.grantee, msg.msgTypeUrl)) {
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
        },
      },
      "/cosmos.authz.v1beta1.MsgExec": execHandler,
    },
    queries: {
      "/cosmos.authz.v1beta1.Query/Grants": (ctx, data) => {
        const req = QueryGrantsRequest.decode(data);
        if (!isAddress(req.granter))
          throw queryError("InvalidArgument", `invalid granter address: ${req.granter}`);
        if (!isAddress(req.grantee))
          throw queryError("InvalidArgument", `invalid grantee address: ${req.grantee}`);
        const k = ctx.authz as AuthzKeeperImpl;
        if (req.msgTypeUrl !== "") {
          const authorization = k.get(req.granter, req.grantee, req.msgTypeUrl, ctx.time);
          if (!authorization) {
            throw queryError("NotFound", `authorization not found for ${req.msgTypeUrl} type`);
          }
          return QueryGrantsResponse.encode({
            grants: [
              Grant.fromPartial({
                authorization: encodeAuthorization(authorization),
                expiration: toTimestamp(authorization.expiration),
              }),
            ],
          }).finish();
        }
        const page = paginate(k.list({ granter: req.granter, grantee: req.grantee }), req.pagination);
        return QueryGrantsResponse.encode({
          grants: page.items.map((r) =>
            Grant.fromPartial({
              authorization: encodeAuthorization(r.authorization),
              expiration: toTimestamp(r.authorization.expiration),
            }),
          ),
          pagination: page.response,
        }).finish();
      },
      "/cosmos.authz.v1beta1.Query/GranterGrants": (ctx, data) => {
        const req = QueryGranterGrantsRequest.decode(data);
        if (!isAddress(req.granter))
          throw queryError("InvalidArgument", `invalid granter address: ${req.granter}`);
        const page = paginate((ctx.authz as AuthzKeeperImpl).list({ granter: req.granter }), req.pagination);
        return QueryGranterGrantsResponse.encode({
          grants: page.items.map(toGrantAuthorization),
          pagination: page.response,
        }).finish();
      },
      "/cosmos.authz.v1beta1.Query/GranteeGrants": (ctx, data) => {
        const req = QueryGranteeGrantsRequest.decode(data);
        if (!isAddress(req.grantee))
          throw queryError("InvalidArgument", `invalid grantee address: ${req.grantee}`);
        const page = paginate((ctx.authz as AuthzKeeperImpl).list({ grantee: req.grantee }), req.pagination);
        return QueryGranteeGrantsResponse.encode({
          grants: page.items.map(toGrantAuthorization),
          pagination: page.response,
        }).finish();
      },
    },
  };
}

function toGrantAuthorization(r: GrantRecord): GrantAuthorization {
  return GrantAuthorization.fromPartial({
    granter: r.granter,
    grantee: r.grantee,
    authorization: encodeAuthorization(r.authorization),
    expiration: toTimestamp(r.authorization.expiration),
  });
}
