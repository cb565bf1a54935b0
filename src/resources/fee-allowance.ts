/**
 * `akash_fee_allowance`: a feegrant allowance from the provider's key (the granter) paying a grantee's transaction
 * fees: basic (a total spend limit and/or an expiration) or periodic (at most `period_spend_limit` per `period`).
 *
 * The chain has no "update allowance" message and refuses a second grant for the same pair, so a change revokes
 * and grants again (in two transactions: the grantee has no allowance for about a block in between). Destroy
 * revokes. An allowance revoked, used up or expired outside Terraform disappears from state and is granted again.
 */
import type { Chain, FeeAllowance } from "../akash/ports/chain";
import { isChainError } from "../akash/ports/errors";
import { DiagnosticError } from "../framework/diagnostics";
import { requiresReplace, stableComputed } from "../framework/plan-modifiers";
import type { ResourceDefinition } from "../framework/resource";
import { parseDuration } from "../framework/timeouts";
import { matches } from "../framework/validators";
import type { ObjectValue } from "../framework/values";
import type { AkashProviderData } from "../provider/akash-provider";
import { withUserErrors } from "./port-errors";
import {
  ACCOUNT_ADDRESS,
  checkCoinList,
  checkExpiration,
  coinList,
  coinStrings,
  expirationValue,
  firstUnexpired,
  parseGrantImportId,
  parseTimestamp,
  requireGranter,
} from "./grant-terms";

export async function liveFeeAllowance(
  chain: Chain,
  granter: string,
  grantee: string,
  now = new Date(),
): Promise<FeeAllowance | undefined> {
  return firstUnexpired(await chain.feeAllowances({ granter, grantee }), now);
}

/** Go-style duration text for a number of seconds ("24h", "1h30m", "45s"). */
function durationText(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s || (!h && !m) ? `${s}s` : ""}`;
}

function stateFrom(prior: ObjectValue, allowance: FeeAllowance): ObjectValue {
  const configuredPeriod = typeof prior.period === "string" ? parseDuration(prior.period) : undefined;
  const period = allowance.period;
  return {
    ...prior,
    id: `${allowance.granter}/${allowance.grantee}`,
    granter: allowance.granter,
    grantee: allowance.grantee,
    kind: allowance.kind,
    expiration: expirationValue(prior.expiration, allowance.expiration),
    // Keep the user's spelling ("24h" vs "1440m") when the chain holds the same period.
    period: period
      ? configuredPeriod === period.seconds * 1000
        ? prior.period!
        : durationText(period.seconds)
      : null,
    remaining: coinStrings(allowance.spendLimit),
    period_remaining: period ? coinStrings(period.canSpend) : null,
    period_reset: period?.reset ? period.reset.toISOString() : null,
  };
}

async function grant(
  planned: ObjectValue,
  provider: AkashProviderData,
  signal: AbortSignal,
  replacing: boolean,
) {
  const chain = await provider.signingChain();
  const granter = chain.transactions.signerAddress;
  const grantee = planned.grantee as string;
  requireGranter(granter, granter, grantee, "fee allowance");
  const existing = await liveFeeAllowance(chain, granter, grantee);
  if (existing && !replacing) {
    throw new DiagnosticError(
      "Fee allowance already exists",
      `${granter} already gives ${grantee} a fee allowance (${existing.kind}). The chain allows one per pair: ` +
        `import it (\`terraform import <address> ${grantee}\`) or revoke it first.`,
    );
  }
  if ((await chain.feeAllowances({ granter, grantee })).length > 0) {
    await chain.transactions.submit({ kind: "revokeFeeAllowance", granter, grantee }, { signal });
  }
  const expiration = typeof planned.expiration === "string" ? parseTimestamp(planned.expiration) : undefined;
  const periodMs = typeof planned.period === "string" ? parseDuration(planned.period) : undefined;
  await chain.transactions.submit(
    {
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
    },
    { signal },
  );
  const live = await liveFeeAllowance(chain, granter, grantee);
  if (!live) {
    throw new DiagnosticError(
      "Fee allowance not found after granting",
      `The allowance from ${granter} to ${grantee} was accepted but cannot be read back; run terraform refresh.`,
    );
  }
  return stateFrom({ ...planned, granter }, live);
}

export const feeAllowanceResource: ResourceDefinition<AkashProviderData> = withUserErrors<AkashProviderData>({
  typeName: "akash_fee_allowance",
  timeouts: { create: "5m", update: "5m", delete: "5m" },
  schema: {
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
          validators: [matches(ACCOUNT_ADDRESS, "an account address (akash1...)")],
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
  },

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
    const hasPeriod = config.period !== null && config.period !== undefined;
    const hasPeriodLimit = config.period_spend_limit !== null && config.period_spend_limit !== undefined;
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

  create: ({ planned, provider, ctx }) => grant(planned, provider, ctx.signal, false),

  update: ({ planned, provider, ctx }) => grant(planned, provider, ctx.signal, true),

  async read({ state, provider, ctx }) {
    const chain = await provider.chain();
    const live = await liveFeeAllowance(chain, state.granter as string, state.grantee as string);
    if (!live) {
      ctx.log.info("fee allowance revoked, used up or expired outside terraform", { id: state.id });
      return null;
    }
    return stateFrom(state, live);
  },

  async delete({ state, provider, ctx }) {
    const chain = await provider.signingChain();
    const granter = state.granter as string;
    const grantee = state.grantee as string;
    requireGranter(chain.transactions.signerAddress, granter, grantee, "fee allowance");
    if ((await chain.feeAllowances({ granter, grantee })).length === 0) return;
    try {
      await chain.transactions.submit(
        { kind: "revokeFeeAllowance", granter, grantee },
        { signal: ctx.signal },
      );
    } catch (error) {
      if (isChainError(error, "not-found") || isChainError(error, "fee-allowance-unavailable")) return;
      throw error;
    }
  },

  async importState({ id, provider }) {
    const parsed = parseGrantImportId(id);
    const granter = parsed.granter ?? (await provider.signerAddress());
    const chain = await provider.chain();
    const live = await liveFeeAllowance(chain, granter, parsed.grantee);
    if (!live) {
      throw new DiagnosticError(
        "Fee allowance not found",
        `${granter} gives ${parsed.grantee} no live fee allowance on chain ${await chain.chainId()}.`,
      );
    }
    return stateFrom(
      {
        spend_limit: live.spendLimit.length > 0 ? coinStrings(live.spendLimit) : null,
        period_spend_limit: live.period ? coinStrings(live.period.spendLimit) : null,
        expiration: null,
        period: null,
      },
      live,
    );
  },
});
