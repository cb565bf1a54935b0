/**
 * Fee allowances (Basic, Periodic, AllowedMsg): their Any encoding, stateless checks, amino form, and the Accept
 * rule that spends them.
 */
import {
  AllowedMsgAllowance,
  BasicAllowance,
  Grant,
  PeriodicAllowance,
} from "cosmjs-types/cosmos/feegrant/v1beta1/feegrant";
import { Any } from "cosmjs-types/google/protobuf/any";
import type { Duration } from "cosmjs-types/google/protobuf/duration";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { parseCoins, subCoins, toProtoCoins, validateCoins } from "../../coins";
import { moduleError, sdkError } from "../../errors";
import type { ChainError, Coin } from "../../module";

export type AllowanceValue = BasicAllowance | PeriodicAllowance | AllowedMsgAllowance;

export interface AllowanceRecord {
  granter: string;
  grantee: string;
  typeUrl: string;
  value: AllowanceValue;
}

export const BASIC = "/cosmos.feegrant.v1beta1.BasicAllowance";
export const PERIODIC = "/cosmos.feegrant.v1beta1.PeriodicAllowance";
export const ALLOWED_MSG = "/cosmos.feegrant.v1beta1.AllowedMsgAllowance";

function feegrantError(code: number, description: string, wrap?: string): ChainError {
  return moduleError("feegrant", code, description, wrap);
}
const feeLimitExceeded = (wrap: string) => feegrantError(2, "fee limit exceeded", wrap);
const feeLimitExpired = (wrap: string) => feegrantError(3, "fee allowance expired", wrap);

export function tsMs(ts: Timestamp | undefined): number | undefined {
  return ts ? Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1e6) : undefined;
}

export function msToTs(ms: number): Timestamp {
  return { seconds: BigInt(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 };
}

export function durationMs(d: Duration | undefined): number {
  return d ? Number(d.seconds) * 1000 + Math.floor(d.nanos / 1e6) : 0;
}

export function decodeAllowance(any: Any | undefined): { typeUrl: string; value: AllowanceValue } {
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

export function encodeAllowance(typeUrl: string, value: AllowanceValue): Any {
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

export function validateAllowance(typeUrl: string, value: AllowanceValue): void {
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
export function accept(
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

export function toGrant(r: AllowanceRecord): Grant {
  return Grant.fromPartial({
    granter: r.granter,
    grantee: r.grantee,
    allowance: encodeAllowance(r.typeUrl, r.value),
  });
}

export function amino(typeUrl: string, value: AllowanceValue): unknown {
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
