/** Grants as the authz protos carry them: authorizations as Any, expirations as Timestamp. */
import { GrantAuthorization } from "cosmjs-types/cosmos/authz/v1beta1/authz";
import { Any } from "cosmjs-types/google/protobuf/any";
import { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { sdkError } from "../../errors";
import type { Authorization } from "../../module";
import type { GrantRecord } from "./authz-keeper";
import { authorizationType } from "./authorizations";

export function toDate(ts: Timestamp | undefined): Date | undefined {
  if (!ts) return undefined;
  return new Date(Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1e6));
}

export function toTimestamp(date: Date | undefined): Timestamp | undefined {
  if (!date) return undefined;
  const ms = date.getTime();
  return Timestamp.fromPartial({ seconds: BigInt(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 });
}

export function encodeAuthorization(authorization: Authorization): Any {
  const type = authorizationType(authorization.typeUrl);
  if (!type) throw sdkError(35, `unknown authorization type ${authorization.typeUrl}`);
  return Any.fromPartial({ typeUrl: authorization.typeUrl, value: type.encode(authorization.value) });
}

export function decodeAuthorization(any: Any | undefined): {
  authorization: Authorization;
  msgTypeUrl: string;
} {
  if (!any) throw sdkError(18, "authorization is nil");
  const type = authorizationType(any.typeUrl);
  if (!type) throw sdkError(2, `unable to resolve type URL ${any.typeUrl}: tx parse error`);
  const value = type.decode(any.value);
  return { authorization: { typeUrl: any.typeUrl, value }, msgTypeUrl: type.msgTypeUrl(value) };
}

export function toGrantAuthorization(r: GrantRecord): GrantAuthorization {
  return GrantAuthorization.fromPartial({
    granter: r.granter,
    grantee: r.grantee,
    authorization: encodeAuthorization(r.authorization),
    expiration: toTimestamp(r.authorization.expiration),
  });
}
