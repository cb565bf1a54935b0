/**
 * `akash_fee_allowance`: a feegrant allowance from the provider's key (the granter) paying a grantee's transaction
 * fees: basic (a total spend limit and/or an expiration) or periodic (at most `period_spend_limit` per `period`).
 *
 * The chain has no "update allowance" message and refuses a second grant for the same pair, so a change revokes
 * and grants again (in two transactions: the grantee has no allowance for about a block in between). Destroy
 * revokes. An allowance revoked, used up or expired outside Terraform disappears from state and is granted again.
 */
import type { AkashPorts } from "../../akash/ports/akash-ports";
import type { FeeAllowance } from "../../akash/ports/chain";
import {
  checkCoinList,
  checkExpiration,
  coinList,
  coinStrings,
  expirationValue,
  parseTimestamp,
} from "../../domain/grant-terms";
import { accountAddress } from "../../domain/account-address";
import { liveFeeAllowance } from "../../domain/live-grants";
import { withUserErrors } from "../../domain/user-errors";
import { defineSchema, type ModelOf, type StateModelOf } from "../../framework/model";
import { requiresReplace, stableComputed } from "../../framework/plan-modifiers";
import { formatGoDuration, parseDuration } from "../../go-duration";
import { defineResource } from "../../framework/typed-resource";
import { grantHandlers } from "./grant-resource";

const feeAllowanceSchema = defineSchema({
  version: 0,
  block: {
    description:
      "Pays another account's transaction fees (the grantee, e.g. a CI key) from this provider's account (the " +
      "granter): a feegrant allowance. The grantee's provider uses it with `fee_granter` (or `granter`).\n\n" +
      "Basic allowance: an optional total `spend_limit` and `expiration`. Periodic allowance: also `period` and " +
      "`period_spend_limit` (at most that much per period). Changing anything revokes and grants again (the chain " +
      "cannot update an allowance in place); destroying revokes it. An allowance revoked, used up or expired " +
      "outside Terraform is granted again on the next apply.",
    attributes: {
      id: { type: "string", ...stableComputed, description: "`<granter>/<grantee>`." },
      granter: {
        type: "string",
        ...stableComputed,
        description: "The account that pays the fees: the provider's signing key.",
      },
      grantee: {
        type: "string",
        required: true,
        description: "The account whose fees are paid (akash1...).",
        planModifiers: [requiresReplace("the grantee identifies the allowance")],
        validators: [accountAddress],
      },
      spend_limit: {
        type: ["list", "string"],
        optional: true,
        description:
          'Most the grantee may spend on fees in total, e.g. `["5000000uakt"]` (fees are paid in uakt). Unset = no ' +
          "total limit.",
      },
      expiration: {
        type: "string",
        optional: true,
        description: "When the allowance ends (RFC 3339, e.g. `2027-01-01T00:00:00Z`). Unset = no expiry.",
      },
      period: {
        type: "string",
        optional: true,
        description:
          "Makes the allowance periodic: the length of a period, e.g. `24h`. Requires `period_spend_limit`.",
      },
      period_spend_limit: {
        type: ["list", "string"],
        optional: true,
        description: 'Most the grantee may spend per period, e.g. `["1000000uakt"]`.',
      },
      kind: { type: "string", computed: true, description: "`basic` or `periodic`." },
      remaining: {
        type: ["list", "string"],
        computed: true,
        description: "What is left of `spend_limit` on chain now (empty when there is no total limit).",
      },
      period_remaining: {
        type: ["list", "string"],
        computed: true,
        description: "Periodic allowances: what can still be spent in the current period.",
      },
      period_reset: {
        type: "string",
        computed: true,
        description: "Periodic allowances: when the current period ends (RFC 3339).",
      },
    },
  },
});

type FeeAllowanceModel = ModelOf<typeof feeAllowanceSchema>;
type FeeAllowanceState = StateModelOf<typeof feeAllowanceSchema>;

function fromChain(configured: FeeAllowanceModel | FeeAllowanceState, allowance: FeeAllowance) {
  const configuredPeriod = configured.period === null ? undefined : parseDuration(configured.period);
  const period = allowance.period;
  return {
    id: `${allowance.granter}/${allowance.grantee}`,
    granter: allowance.granter,
    grantee: allowance.grantee,
    kind: allowance.kind,
    expiration: expirationValue(configured.expiration, allowance.expiration),
    // Keep the user's spelling ("24h" vs "1440m") when the chain holds the same period.
    period: period
      ? configured.period !== null && configuredPeriod === period.seconds * 1000
        ? configured.period
        : formatGoDuration(period.seconds)
      : null,
    remaining: coinStrings(allowance.spendLimit),
    period_remaining: period ? coinStrings(period.canSpend) : null,
    period_reset: period?.reset ? period.reset.toISOString() : null,
  };
}

const feeAllowances = grantHandlers({
  what: "fee allowance",
  live: liveFeeAllowance,
  exists: async (chain, granter, grantee) => (await chain.feeAllowances({ granter, grantee })).length > 0,
  grantMessage: (planned: FeeAllowanceModel, granter, grantee) => {
    const expiration = planned.expiration === null ? undefined : parseTimestamp(planned.expiration);
    const periodMs = planned.period === null ? undefined : parseDuration(planned.period);
    return {
      kind: "grantFeeAllowance",
      granter,
      grantee,
      spendLimit: coinList(planned.spend_limit),
      ...(expiration ? { expiration } : {}),
      ...(periodMs
        ? {
            period: {
              seconds: Math.round(periodMs / 1000),
              spendLimit: coinList(planned.period_spend_limit),
            },
          }
        : {}),
    };
  },
  revokeMessage: (granter, grantee) => ({ kind: "revokeFeeAllowance", granter, grantee }),
  onePerPair: true,
  goneCodes: ["not-found", "fee-allowance-unavailable"],
  fromChain,
  imported: (allowance): FeeAllowanceState => {
    const configured: FeeAllowanceState = {
      id: null,
      granter: null,
      grantee: null,
      spend_limit: allowance.spendLimit.length > 0 ? coinStrings(allowance.spendLimit) : null,
      expiration: null,
      period: null,
      period_spend_limit: allowance.period ? coinStrings(allowance.period.spendLimit) : null,
      kind: null,
      remaining: null,
      period_remaining: null,
      period_reset: null,
    };
    return { ...configured, ...fromChain(configured, allowance) };
  },
});

export const feeAllowanceResource = withUserErrors(
  defineResource<AkashPorts, typeof feeAllowanceSchema>({
    typeName: "akash_fee_allowance",
    timeouts: { create: "5m", update: "5m", delete: "5m" },
    schema: feeAllowanceSchema,
    validateConfig(config, diags) {
      checkCoinList(config.spend_limit, ["spend_limit"], diags);
      checkCoinList(config.period_spend_limit, ["period_spend_limit"], diags);
      checkExpiration(config.expiration, ["expiration"], diags);
      if (typeof config.period === "string") {
        const ms = parseDuration(config.period);
        if (ms === undefined || ms < 1000) {
          diags.error("Invalid period", `"${config.period}" is not a duration of at least 1s, e.g. 24h.`, [
            "period",
          ]);
        }
      }
      const hasPeriod = config.period !== null;
      const hasPeriodLimit = config.period_spend_limit !== null;
      if (hasPeriod !== hasPeriodLimit) {
        diags.error(
          "Incomplete periodic allowance",
          "Set both `period` and `period_spend_limit` for a periodic allowance, or neither for a basic one.",
          [hasPeriod ? "period_spend_limit" : "period"],
        );
      }
      // The chain requires the per-period limit to fit in the total one.
      if (Array.isArray(config.spend_limit) && Array.isArray(config.period_spend_limit)) {
        const total = coinList(config.spend_limit);
        for (const coin of coinList(config.period_spend_limit)) {
          const cap = total.find((c) => c.denom === coin.denom);
          if (!cap || coin.amount > cap.amount) {
            diags.error(
              "Period limit above the total limit",
              `period_spend_limit ${coin.amount}${coin.denom} exceeds spend_limit (${cap ? `${cap.amount}${coin.denom}` : `no ${coin.denom}`}).`,
              ["period_spend_limit"],
            );
          }
        }
      }
    },
    ...feeAllowances,
  }),
);
