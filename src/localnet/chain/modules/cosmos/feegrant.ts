/**
 * x/feegrant: fee allowances (Basic, Periodic, AllowedMsg), MsgGrantAllowance / MsgRevokeAllowance, the Query
 * service, and `useGrantedFees` (feegrant-keeper.ts) which the ante handler calls when a tx names a fee granter.
 */
import type { BasicAllowance, PeriodicAllowance } from "cosmjs-types/cosmos/feegrant/v1beta1/feegrant";
import {
  MsgGrantAllowance,
  MsgGrantAllowanceResponse,
  MsgRevokeAllowance,
  MsgRevokeAllowanceResponse,
} from "cosmjs-types/cosmos/feegrant/v1beta1/tx";
import { requireAddress } from "../../address";
import { sdkError } from "../../errors";
import { event } from "../../events";
import type { ChainModule, MsgContext, MsgHandler } from "../../module";
import {
  amino,
  BASIC,
  decodeAllowance,
  durationMs,
  msToTs,
  PERIODIC,
  tsMs,
  validateAllowance,
} from "./feegrant-allowances";
import { FeegrantKeeper } from "./feegrant-keeper";
import { feegrantQueries } from "./feegrant-queries";

export function feegrantModule(): ChainModule {
  return {
    name: "feegrant",
    msgs: {
      "/cosmos.feegrant.v1beta1.MsgGrantAllowance": grantAllowanceMsg,
      "/cosmos.feegrant.v1beta1.MsgRevokeAllowance": revokeAllowanceMsg,
    },
    queries: feegrantQueries,
  };
}

function keeperOf(ctx: MsgContext): FeegrantKeeper {
  return new FeegrantKeeper(ctx.storeOf("feegrant"), ctx.emit);
}

const grantAllowanceMsg: MsgHandler<MsgGrantAllowance> = {
  decode: (bytes) => MsgGrantAllowance.decode(bytes),
  toAmino: (msg) => {
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
  signers: (msg) => [msg.granter],
  validateBasic: (msg) => {
    requireAddress(msg.granter, "granter address");
    requireAddress(msg.grantee, "grantee address");
    if (msg.granter === msg.grantee) throw sdkError(7, "cannot self-grant fee authorization");
    const allowance = decodeAllowance(msg.allowance);
    validateAllowance(allowance.typeUrl, allowance.value);
  },
  handle: handleGrantAllowance,
};

/** One allowance per granter and grantee; it must not already have expired. */
function handleGrantAllowance(
  ctx: MsgContext,
  msg: MsgGrantAllowance,
): { typeUrl: string; value: Uint8Array } {
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
}

const revokeAllowanceMsg: MsgHandler<MsgRevokeAllowance> = {
  decode: (bytes) => MsgRevokeAllowance.decode(bytes),
  toAmino: (msg) => ({
    type: "cosmos-sdk/MsgRevokeAllowance",
    value: { granter: msg.granter, grantee: msg.grantee },
  }),
  signers: (msg) => [msg.granter],
  validateBasic: (msg) => {
    requireAddress(msg.granter, "granter address");
    requireAddress(msg.grantee, "grantee address");
    if (msg.granter === msg.grantee) throw sdkError(7, "addresses must be different");
  },
  handle: handleRevokeAllowance,
};

function handleRevokeAllowance(
  ctx: MsgContext,
  msg: MsgRevokeAllowance,
): { typeUrl: string; value: Uint8Array } {
  const keeper = keeperOf(ctx);
  if (!keeper.get(msg.granter, msg.grantee)) throw sdkError(38, "fee-grant not found");
  keeper.remove(msg.granter, msg.grantee);
  ctx.emit(event("revoke_feegrant", { granter: msg.granter, grantee: msg.grantee }));
  return {
    typeUrl: "/cosmos.feegrant.v1beta1.MsgRevokeAllowanceResponse",
    value: MsgRevokeAllowanceResponse.encode({}).finish(),
  };
}
