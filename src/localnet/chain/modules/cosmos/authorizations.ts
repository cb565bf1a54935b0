/**
 * The authorization types the chain understands inside authz grants, each with its codec, the msg type it
 * authorizes, stateless validation and the Accept rule MsgExec applies.
 */
import { GenericAuthorization } from "cosmjs-types/cosmos/authz/v1beta1/authz";
import { SendAuthorization } from "cosmjs-types/cosmos/bank/v1beta1/authz";
import { parseCoins, subCoins, toProtoCoins, validateCoins } from "../../coins";
import { moduleError, sdkError } from "../../errors";
import {
  ACCOUNT_DEPOSIT_TYPE_URL,
  afterSpend,
  depositAuthorizationCodec,
  limitIn,
  spendableLimits,
  type DepositAuthorizationValue,
} from "../akash/escrow/deposit-authorization";

export interface AcceptResult {
  accept: boolean;
  delete?: boolean;
  updated?: unknown;
}

export interface AuthorizationType<V = unknown> {
  typeUrl: string;
  aminoName: string;
  decode(bytes: Uint8Array): V;
  encode(value: V): Uint8Array;
  /** The msg type URL this authorization is stored under. */
  msgTypeUrl(value: V): string;
  validate(value: V): void;
  accept(value: V, msgTypeUrl: string, msg: unknown): AcceptResult;
  toAmino(value: V): unknown;
}

const generic: AuthorizationType<GenericAuthorization> = {
  typeUrl: "/cosmos.authz.v1beta1.GenericAuthorization",
  aminoName: "cosmos-sdk/GenericAuthorization",
  decode: (bytes) => GenericAuthorization.decode(bytes),
  encode: (value) => GenericAuthorization.encode(value).finish(),
  msgTypeUrl: (value) => value.msg,
  validate: () => undefined,
  accept: () => ({ accept: true }),
  toAmino: (value) => ({ msg: value.msg }),
};

const send: AuthorizationType<SendAuthorization> = {
  typeUrl: "/cosmos.bank.v1beta1.SendAuthorization",
  aminoName: "cosmos-sdk/SendAuthorization",
  decode: (bytes) => SendAuthorization.decode(bytes),
  encode: (value) => SendAuthorization.encode(value).finish(),
  msgTypeUrl: () => "/cosmos.bank.v1beta1.MsgSend",
  validate: (value) => {
    const limit = parseCoins(value.spendLimit);
    if (limit.length === 0) throw sdkError(10, "spend limit cannot be nil");
    validateCoins(limit);
  },
  accept: (value, _url, msg) => {
    const amount = parseCoins((msg as { amount: { denom: string; amount: string }[] }).amount);
    const left = subCoins(parseCoins(value.spendLimit), amount);
    if (!left) throw sdkError(5, "requested amount is more than spend limit");
    if (left.length === 0) return { accept: true, delete: true };
    return { accept: true, updated: { ...value, spendLimit: toProtoCoins(left) } };
  },
  toAmino: (value) => ({ spend_limit: value.spendLimit, allow_list: value.allowList }),
};

const deposit: AuthorizationType<DepositAuthorizationValue> = {
  typeUrl: depositAuthorizationCodec.typeUrl,
  aminoName: "akash/DepositAuthorization",
  decode: (bytes) => depositAuthorizationCodec.decode(bytes),
  encode: (value) => depositAuthorizationCodec.encode(value),
  msgTypeUrl: () => ACCOUNT_DEPOSIT_TYPE_URL,
  validate: (value) => {
    if (value.spendLimit && value.spendLimit.amount !== "" && value.spendLimit.amount !== "0") {
      throw sdkError(10, "spend limit is deprecated and must be zero");
    }
    if (value.scopes.length === 0) throw moduleError("escrow", 17, "invalid authz scope", "empty scope");
    const limits = parseCoins(value.spendLimits);
    validateCoins(limits);
  },
  // TryAccept(partial=false), as MsgExec uses it: the legacy spend_limit counts too; the whole amount or nothing.
  accept: (value, _url, msg) => {
    const m = msg as { id?: { scope: number }; deposit?: { amount?: { denom: string; amount: string } } };
    if (!m.id || !value.scopes.includes(m.id.scope)) {
      throw moduleError("escrow", 15, "unauthorized deposit scope");
    }
    const coin = m.deposit?.amount;
    if (!coin) throw moduleError("escrow", 16, "invalid deposit");
    const limits = spendableLimits(value);
    if (!limits.some((c) => c.denom === coin.denom)) return { accept: false };
    const amount = BigInt(coin.amount);
    if (amount > limitIn(limits, coin.denom)) throw sdkError(5);
    const updated = afterSpend(value, coin.denom, amount);
    if (updated.spendLimits.length === 0) return { accept: true, delete: true };
    return { accept: true, updated };
  },
  toAmino: (value) => ({
    spend_limit: value.spendLimit ?? { denom: "", amount: "0" },
    scopes: value.scopes,
    spend_limits: value.spendLimits,
  }),
};

const TYPES = new Map<string, AuthorizationType<unknown>>(
  [generic, send, deposit].map((t) => [t.typeUrl, t as AuthorizationType<unknown>]),
);

export function authorizationType(typeUrl: string): AuthorizationType<unknown> | undefined {
  return TYPES.get(typeUrl);
}
