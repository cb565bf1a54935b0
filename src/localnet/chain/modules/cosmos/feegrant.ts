/**
 * x/feegrant: fee allowances (Basic, Periodic, AllowedMsg), MsgGrantAllowance / MsgRevokeAllowance, the Query
 * service, and `useGrantedFees` which the ante handler calls when a tx names a fee granter.
 */
import {
  AllowedMsgAllowance,
  BasicAllowance,
  Grant,
  PeriodicAllowance,
} from "cosmjs-types/cosmos/feegrant/v1beta1/feegrant";
import {
  QueryAllowanceRequest,
  QueryAllowanceResponse,
  QueryAllowancesByGranterRequest,
  QueryAllowancesByGranterResponse,
  QueryAllowancesRequest,
  QueryAllowancesResponse,
} from "cosmjs-types/cosmos/feegrant/v1beta1/query";
import {
  MsgGrantAllowance,
  MsgGrantAllowanceResponse,
  MsgRevokeAllowance,
  MsgRevokeAllowanceResponse,
} from "cosmjs-types/cosmos/feegrant/v1beta1/tx";
import { Any } from "cosmjs-types/google/protobuf/any";
import type { Duration } from "cosmjs-types/google/protobuf/duration";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { isAddress, requireAddress } from "../../address";
import { parseCoins, subCoins, toProtoCoins, validateCoins } from "../../coins";
import { moduleError, queryError, sdkError, wrapError } from "../../errors";
import { event } from "../../events";
import type { ChainError, ChainModule, Coin, KVStore, MsgContext } from "../../module";
import { paginate } from "./pagination";

type AllowanceValue = BasicAllowance | PeriodicAllowance | AllowedMsgAllowance;

interface AllowanceRecord {
  granter: string;
  grantee: string;
  typeUrl: string;
  value: AllowanceValue;
}

const BASIC = "/cosmos.feegrant.v1beta1.BasicAllowance";
const PERIODIC = "/cosmos.feegrant.v1beta1.PeriodicAllowance";
const ALLOWED_MSG = "/cosmos.feegrant.v1beta1.AllowedMsgAllowance";

const allowanceKey = (granter: string, grantee: string) => `allowance/${grantee}/${granter}`;
const granterIndexKey = (granter: string, grantee: string) => `by_granter/${granter}/${grantee}`;

function feegrantError(code: number, description: string, wrap?: string): ChainError {
  return moduleError("feegrant", code, description, wrap);
}
const feeLimitExceeded = (wrap: string) => feegrantError(2, "fee limit exceeded", wrap);
const feeLimitExpired = (wrap: string) => feegrantError(3, "fee allowance expired", wrap);

function tsMs(ts: Timestamp | undefined): number | undefined {
  return ts ? Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1e6) : undefined;
}

function msToTs(ms: number): Timestamp {
  return { seconds: BigInt(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 };
}

function durationMs(d: Duration | undefined): number {
  return d ? Number(d.seconds) * 1000 + Math.floor(d.nanos / 1e6) : 0;
}

function decodeAllowance(any: Any | undefined): { typeUrl: string; value: AllowanceValue } {
  if (!any) throw sdkError(18, "allowance is nil");
  switch (any.typeUrl) {
    case BASIC:
      return { typeUrl: any.typeUrl, value: BasicAllowance.decode(any.value) };
    case PERIODIC:
      return { typeUrl: any.typeUrl, value: PeriodicAllowance.decode(any.value) };
    case ALLOWED_MSG:
      return { typeUrl: any.typeUrl, value: AllowedMsgAllowance.decode(any.value) };
    default:
      throw sdkError(2, `unable to resolve type URL ${any.typeUrl}: tx parse error`);
  }
}

function encodeAllowance(typeUrl: string, value: AllowanceValue): Any {
  switch (typeUrl) {
    case BASIC:
      return Any.fromPartial({ typeUrl, value: BasicAllowance.encode(value as BasicAllowance).finish() });
    case PERIODIC:
      return Any.fromPartial({
        typeUrl,
        value: PeriodicAllowance.encode(value as PeriodicAllowance).finish(),
      });
    default:
      return Any.fromPartial({
        typeUrl,
        value: AllowedMsgAllowance.encode(value as AllowedMsgAllowance).finish(),
      });
  }
}

function validateAllowance(typeUrl: string, value: AllowanceValue): void {
  if (typeUrl === BASIC) {
    validateCoins(parseCoins((value as BasicAllowance).spendLimit));
  } else if (typeUrl === PERIODIC) {
    const p = value as PeriodicAllowance;
    if (p.basic) validateCoins(parseCoins(p.basic.spendLimit));
    const periodLimit = parseCoins(p.periodSpendLimit);
    validateCoins(periodLimit);
    if (durationMs(p.period) <= 0) throw feegrantError(4, "invalid duration", "period must be positive");
  } else {
    const a = value as AllowedMsgAllowance;
    if (a.allowedMessages.length === 0) throw feegrantError(6, "allowed messages shouldn't be empty");
    const inner = decodeAllowance(a.allowance);
    validateAllowance(inner.typeUrl, inner.value);
  }
}

/** Allowance.Accept: returns the updated allowance, or "remove"; throws when the fee is not allowed. */
function accept(
  typeUrl: string,
  value: AllowanceValue,
  fee: Coin[],
  msgTypeUrls: string[],
  now: Date,
): { remove: boolean; updated: AllowanceValue } {
  if (typeUrl === BASIC) {
    const basic = value as BasicAllowance;
    const expiry = tsMs(basic.expiration);
    if (expiry !== undefined && expiry < now.getTime()) throw feeLimitExpired("basic allowance");
    if (basic.spendLimit.length === 0) return { remove: false, updated: basic };
    const left = subCoins(parseCoins(basic.spendLimit), fee);
    if (!left) throw feeLimitExceeded("basic allowance");
    return { remove: left.length === 0, updated: { ...basic, spendLimit: toProtoCoins(left) } };
  }
  if (typeUrl === PERIODIC) {
    const p = value as PeriodicAllowance;
    const basic = p.basic ?? BasicAllowance.fromPartial({});
    const expiry = tsMs(basic.expiration);
    if (expiry !== undefined && expiry < now.getTime()) throw feeLimitExpired("absolute limit");
    let canSpend = parseCoins(p.periodCanSpend);
    let reset = tsMs(p.periodReset) ?? 0;
    const period = durationMs(p.period);
    if (now.getTime() >= reset) {
      // tryResetPeriod: refill up to the period limit, capped by what the absolute limit still allows.
      canSpend = parseCoins(p.periodSpendLimit);
      if (basic.spendLimit.length > 0) {
        const absolute = parseCoins(basic.spendLimit);
        canSpend = canSpend.map((c) => {
          const cap = absolute.find((a) => a.denom === c.denom)?.amount ?? 0n;
          return { denom: c.denom, amount: c.amount < cap ? c.amount : cap };
        });
      }
      reset += period;
      if (now.getTime() > reset) reset = now.getTime() + period;
    }
    const periodLeft = subCoins(canSpend, fee);
    if (!periodLeft) throw feeLimitExceeded("period limit");
    let spendLimit = basic.spendLimit;
    let remove = false;
    if (basic.spendLimit.length > 0) {
      const left = subCoins(parseCoins(basic.spendLimit), fee);
      if (!left) throw feeLimitExceeded("absolute limit");
      spendLimit = toProtoCoins(left);
      remove = left.length === 0;
    }
    return {
      remove,
      updated: {
        ...p,
        basic: { ...basic, spendLimit },
        periodCanSpend: toProtoCoins(periodLeft),
        periodReset: msToTs(reset),
      },
    };
  }
  const allowed = value as AllowedMsgAllowance;
  for (const url of msgTypeUrls) {
    if (!allowed.allowedMessages.includes(url)) {
      throw feegrantError(7, "message not allowed", "message does not exist in allowed messages");
    }
  }
  const inner = decodeAllowance(allowed.allowance);
  const result = accept(inner.typeUrl, inner.value, fee, msgTypeUrls, now);
  return {
    remove: result.remove,
    updated: { ...allowed, allowance: encodeAllowance(inner.typeUrl, result.updated) },
  };
}

export class FeegrantKeeper {
  constructor(
    private readonly store: KVStore,
    private readonly emit: MsgContext["emit"],
  ) {}

  get(granter: string, grantee: string): AllowanceRecord | undefined {
    return this.store.get<AllowanceRecord>(allowanceKey(granter, grantee));
  }

  set(record: AllowanceRecord): void {
    this.store.set(allowanceKey(record.granter, record.grantee), record);
    this.store.set(granterIndexKey(record.granter, record.grantee), true);
  }

  remove(granter: string, grantee: string): void {
    this.store.delete(allowanceKey(granter, grantee));
    this.store.delete(granterIndexKey(granter, grantee));
  }

  /** The ante fee decorator's call; errors carry the SDK's "<granter> does not allow to pay fees for <grantee>". */
  useGrantedFees(granter: string, grantee: string, fee: Coin[], msgTypeUrls: string[], now: Date): void {
    try {
      const record = this.get(granter, grantee);
      if (!record) throw sdkError(38, "fee-grant not found");
      let result: { remove: boolean; updated: AllowanceValue };
      try {
        result = accept(record.typeUrl, record.value, fee, msgTypeUrls, now);
      } catch (e) {
        if ((e as ChainError).codespace === "feegrant" && (e as ChainError).code === 3)
          this.remove(granter, grantee);
        throw e;
      }
      if (result.remove) {
        this.remove(granter, grantee);
        this.emit(event("revoke_feegrant", { granter, grantee }));
      } else {
        this.set({ ...record, value: result.updated });
        this.emit(event("update_feegrant", { granter, grantee }));
      }
      this.emit(event("use_feegrant", { granter, grantee }));
    } catch (e) {
      if ((e as ChainError).codespace === undefined) throw e;
      throw wrapError(e as ChainError, `${granter} does not allow to pay fees for ${grantee}`);
    }
  }

  list(prefix: string): AllowanceRecord[] {
    return [...this.store.iterate<AllowanceRecord>(prefix)].map(([, r]) => r);
  }
}

function toGrant(r: AllowanceRecord): Grant {
  return Grant.fromPartial({
    granter: r.granter,
    grantee: r.grantee,
    allowance: encodeAllowance(r.typeUrl, r.value),
  });
}

function amino(typeUrl: string, value: AllowanceValue): unknown {
  if (typeUrl === BASIC) {
    const b = value as BasicAllowance;
    return {
      type: "cosmos-sdk/BasicAllowance",
      value: {
        spend_limit: b.spendLimit,
        ...(b.expiration
          ? { expiration: new Date(tsMs(b.expiration)!).toISOString().replace(".000Z", "Z") }
          : {}),
      },
    };
  }
  return {
    type: typeUrl === PERIODIC ? "cosmos-sdk/PeriodicAllowance" : "cosmos-sdk/AllowedMsgAllowance",
    value: {},
  };
}

export function feegrantModule(): ChainModule {
  const keeperOf = (ctx: MsgContext) => new FeegrantKeeper(ctx.storeOf("feegrant"), ctx.emit);
  return {
    name: "feegrant",
    msgs: {
      "/cosmos.feegrant.v1beta1.MsgGrantAllowance": {
        decode: (bytes) => MsgGrantAllowance.decode(bytes),
        toAmino: (msg: MsgGrantAllowance) => {
          const allowance = decodeAllowance(msg.allowance);
          return {
            type: "cosmos-sdk/MsgGrantAllowance",
            value: {
              granter: msg.granter,
              grantee: msg.grantee,
              allowance: amino(allowance.typeUrl, allowance.value),
            },
          };
        },
        signers: (msg: MsgGrantAllowance) => [msg.granter],
        validateBasic: (msg: MsgGrantAllowance) => {
          requireAddress(msg.granter, "granter address");
          requireAddress(msg.grantee, "grantee address");
          if (msg.granter === msg.grantee) throw sdkError(7, "cannot self-grant fee authorization");
          const allowance = decodeAllowance(msg.allowance);
          validateAllowance(allowance.typeUrl, allowance.value);
        },
        handle: (ctx, msg: MsgGrantAllowance) => {
          const keeper = keeperOf(ctx);
          if (keeper.get(msg.granter, msg.grantee)) throw sdkError(18, "fee allowance already exists");
          const allowance = decodeAllowance(msg.allowance);
          const basic =
            allowance.typeUrl === BASIC
              ? (allowance.value as BasicAllowance)
              : allowance.typeUrl === PERIODIC
                ? (allowance.value as PeriodicAllowance).basic
                : undefined;
          const expiry = tsMs(basic?.expiration);
          if (expiry !== undefined && expiry < ctx.time.getTime()) {
            throw sdkError(18, "expiration is before current block time");
          }
          let value = allowance.value;
          if (allowance.typeUrl === PERIODIC) {
            // The SDK starts the first period at grant time with the full period limit available.
            const p = value as PeriodicAllowance;
            value = {
              ...p,
              periodCanSpend: p.periodSpendLimit,
              periodReset: msToTs(ctx.time.getTime() + durationMs(p.period)),
            };
          }
          ctx.auth.ensure(msg.grantee);
          keeper.set({ granter: msg.granter, grantee: msg.grantee, typeUrl: allowance.typeUrl, value });
          ctx.emit(event("set_feegrant", { granter: msg.granter, grantee: msg.grantee }));
          return {
            typeUrl: "/cosmos.feegrant.v1beta1.MsgGrantAllowanceResponse",
            value: MsgGrantAllowanceResponse.encode({}).finish(),
          };
        },
      },
      "/cosmos.feegrant.v1beta1.MsgRevokeAllowance": {
        decode: (bytes) => MsgRevokeAllowance.decode(bytes),
        toAmino: (msg: MsgRevokeAllowance) => ({
          type: "cosmos-sdk/MsgRevokeAllowance",
          value: { granter: msg.granter, grantee: msg.grantee },
        }),
        signers: (msg: MsgRevokeAllowance) => [msg.granter],
        validateBasic: (msg: MsgRevokeAllowance) => {
          requireAddress(msg.granter, "granter address");
          requireAddress(msg.grantee, "grantee address");
          if (msg.granter === msg.grantee) throw sdkError(7, "addresses must be different");
        },
        handle: (ctx, msg: MsgRevokeAllowance) => {
          const keeper = keeperOf(ctx);
          if (!keeper.get(msg.granter, msg.grantee)) throw sdkError(38, "fee-grant not found");
          keeper.remove(msg.granter, msg.grantee);
          ctx.emit(event("revoke_feegrant", { granter: msg.granter, grantee: msg.grantee }));
          return {
            typeUrl: "/cosmos.feegrant.v1beta1.MsgRevokeAllowanceResponse",
            value: MsgRevokeAllowanceResponse.encode({}).finish(),
          };
        },
      },
    },
    queries: {
      "/cosmos.feegrant.v1beta1.Query/Allowance": (ctx, data) => {
        const req = QueryAllowanceRequest.decode(data);
        if (!isAddress(req.granter) || !isAddress(req.grantee))
          throw queryError("InvalidArgument", "invalid address");
        const record = new FeegrantKeeper(ctx.storeOf("feegrant"), () => undefined).get(
          req.granter,
          req.grantee,
        );
        if (!record) throw sdkError(38, "fee-grant not found");
        return QueryAllowanceResponse.encode({ allowance: toGrant(record) }).finish();
      },
      "/cosmos.feegrant.v1beta1.Query/Allowances": (ctx, data) => {
        const req = QueryAllowancesRequest.decode(data);
        if (!isAddress(req.grantee)) throw queryError("InvalidArgument", "invalid address");
        const keeper = new FeegrantKeeper(ctx.storeOf("feegrant"), () => undefined);
        const page = paginate(keeper.list(`allowance/${req.grantee}/`), req.pagination);
        return QueryAllowancesResponse.encode({
          allowances: page.items.map(toGrant),
          pagination: page.response,
        }).finish();
      },
      "/cosmos.feegrant.v1beta1.Query/AllowancesByGranter": (ctx, data) => {
        const req = QueryAllowancesByGranterRequest.decode(data);
        if (!isAddress(req.granter)) throw queryError("InvalidArgument", "invalid address");
        const keeper = new FeegrantKeeper(ctx.storeOf("feegrant"), () => undefined);
        const records: AllowanceRecord[] = [];
        for (const [key] of ctx.storeOf("feegrant").iterate(`by_granter/${req.granter}/`)) {
          const grantee = key.slice(`by_granter/${req.granter}/`.length);
          const record = keeper.get(req.granter, grantee);
          if (record) records.push(record);
        }
        const page = paginate(records, req.pagination);
        return QueryAllowancesByGranterResponse.encode({
          allowances: page.items.map(toGrant),
          pagination: page.response,
        }).finish();
      },
    },
  };
}
