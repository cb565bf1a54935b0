/**
 * `akash_deposit_authorization`: an authz grant of `/akash.escrow.v1.DepositAuthorization` from the provider's key
 * (the granter) to a grantee, who can then fund deployment deposits from the granter's balance (deposit source
 * `grant`) up to per-denom spend limits.
 *
 * The chain spends the limit as deposits are made and credits unspent escrow back when a funded deployment
 * closes, so `remaining` moves on its own; the configured `spend_limits` are what was granted. Any change
 * re-grants (MsgGrant replaces the grant, resetting what is left to the new limits); destroy revokes. A grant
 * revoked or expired outside Terraform disappears from state, so the next plan grants it again.
 */
import type { Chain, DepositGrant } from "../akash/ports/chain";
import { isChainError } from "../akash/ports/errors";
import { DiagnosticError } from "../framework/diagnostics";
import { requiresReplace, stableComputed } from "../framework/plan-modifiers";
import type { ResourceDefinition } from "../framework/resource";
import { lengthBetween, matches, oneOf } from "../framework/validators";
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

/** The live grant, or undefined when it is gone (revoked, or expired: authz stops honouring it then). */
export async function liveDepositGrant(
  chain: Chain,
  granter: string,
  grantee: string,
  now = new Date(),
): Promise<DepositGrant | undefined> {
  return firstUnexpired(await chain.depositGrants({ granter, grantee }), now);
}

function stateFrom(prior: ObjectValue, grant: DepositGrant): ObjectValue {
  return {
    ...prior,
    id: `${grant.granter}/${grant.grantee}`,
    granter: grant.granter,
    grantee: grant.grantee,
    scopes: grant.scopes.length > 0 ? grant.scopes : (prior.scopes ?? null),
    expiration: expirationValue(prior.expiration, grant.expiration),
    remaining: coinStrings(grant.spendLimits),
  };
}

async function grant(planned: ObjectValue, provider: AkashProviderData, signal: AbortSignal) {
  const chain = await provider.signingChain();
  const granter = chain.transactions.signerAddress;
  const grantee = planned.grantee as string;
  requireGranter(granter, granter, grantee, "deposit authorization");
  const expiration = typeof planned.expiration === "string" ? parseTimestamp(planned.expiration) : undefined;
  await chain.transactions.submit(
    {
      kind: "grantDepositAuthorization",
      granter,
      grantee,
      spendLimits: coinList(planned.spend_limits),
      scopes: (planned.scopes as ("deployment" | "bid")[] | null) ?? ["deployment"],
      ...(expiration ? { expiration } : {}),
    },
    { signal },
  );
  const live = await liveDepositGrant(chain, granter, grantee);
  if (!live) {
    throw new DiagnosticError(
      "Deposit authorization not found after granting",
      `The grant from ${granter} to ${grantee} was accepted but cannot be read back; run terraform refresh.`,
    );
  }
  return stateFrom({ ...planned, granter }, live);
}

export const depositAuthorizationResource: ResourceDefinition<AkashProviderData> =
  withUserErrors<AkashProviderData>({
    typeName: "akash_deposit_authorization",
    timeouts: { create: "5m", update: "5m", delete: "5m" },
    schema: {
      version: 0,
      block: {
        description:
          "Lets another account (the grantee, e.g. a CI key) fund deployment deposits from this provider's account " +
          "(the granter) up to per-denom spend limits: an authz grant of `/akash.escrow.v1.DepositAuthorization`. " +
          'The grantee deploys with `deposit_source = "grant"` (or the provider\'s `deposit_granter`).\n\n' +
          "`remaining` shows what is left of the limits: deposits spend it, and unspent escrow is credited back when " +
          "a funded deployment closes. Changing anything re-grants (which resets `remaining` to the new limits); " +
          "destroying revokes the grant. A grant revoked or expired outside Terraform is granted again on the next apply.",
        attributes: {
          id: { type: "string", ...stableComputed, description: "`<granter>/<grantee>`." },
          granter: {
            type: "string",
            ...stableComputed,
            description: "The account whose funds are spent: the provider's signing key.",
          },
          grantee: {
            type: "string",
            required: true,
            description: "The account allowed to spend (akash1...).",
            planModifiers: [requiresReplace("the grantee identifies the grant")],
            validators: [matches(ACCOUNT_ADDRESS, "an account address (akash1...)")],
          },
          spend_limits: {
            type: ["list", "string"],
            required: true,
            description:
              'Most the grantee may deposit in total, one coin per denom, e.g. `["50000000uact"]` (50 ACT).',
            validators: [lengthBetween(1)],
          },
          scopes: {
            type: ["list", "string"],
            optional: true,
            computed: true,
            default: ["deployment"],
            description:
              "What the grant may fund: `deployment` (deployment escrow deposits) and/or `bid` (provider bid deposits).",
          },
          expiration: {
            type: "string",
            optional: true,
            description:
              "When the grant stops being usable (RFC 3339, e.g. `2027-01-01T00:00:00Z`). Unset = no expiry. " +
              "After it passes, the grant shows as gone and the next apply grants it again (with a later expiration).",
          },
          remaining: {
            type: ["list", "string"],
            computed: true,
            description: "What is left of `spend_limits` on chain now, per denom.",
          },
        },
      },
    },

    validateConfig(config, diags) {
      checkCoinList(config.spend_limits, ["spend_limits"], diags);
      checkExpiration(config.expiration, ["expiration"], diags);
      if (Array.isArray(config.scopes)) {
        const scopeCheck = oneOf(["deployment", "bid"]);
        config.scopes.forEach((s, i) => {
          if (typeof s === "string") scopeCheck.validate(s, ["scopes", i], diags);
        });
        if (config.scopes.length === 0) diags.error("No scopes", "Give at least one scope.", ["scopes"]);
      }
    },

    create: ({ planned, provider, ctx }) => grant(planned, provider, ctx.signal),

    // Authz has no "update": a new MsgGrant replaces the grant.
    update: ({ planned, provider, ctx }) => grant(planned, provider, ctx.signal),

    async read({ state, provider, ctx }) {
      const chain = await provider.chain();
      const live = await liveDepositGrant(chain, state.granter as string, state.grantee as string);
      if (!live) {
        ctx.log.info("deposit authorization revoked or expired outside terraform", { id: state.id });
        return null;
      }
      return stateFrom(state, live);
    },

    async delete({ state, provider, ctx }) {
      const chain = await provider.signingChain();
      const granter = state.granter as string;
      const grantee = state.grantee as string;
      requireGranter(chain.transactions.signerAddress, granter, grantee, "deposit authorization");
      if ((await chain.depositGrants({ granter, grantee })).length === 0) return; // already revoked
      try {
        await chain.transactions.submit(
          { kind: "revokeDepositAuthorization", granter, grantee },
          { signal: ctx.signal },
        );
      } catch (error) {
        if (isChainError(error, "grant-unavailable") || isChainError(error, "not-found")) return;
        throw error;
      }
    },

    async importState({ id, provider }) {
      const parsed = parseGrantImportId(id);
      const granter = parsed.granter ?? (await provider.signerAddress());
      const chain = await provider.chain();
      const live = await liveDepositGrant(chain, granter, parsed.grantee);
      if (!live) {
        throw new DiagnosticError(
          "Deposit authorization not found",
          `${granter} has no live deposit authorization for ${parsed.grantee} on chain ${await chain.chainId()}.`,
        );
      }
      // What is left becomes the configured limit: the closest to what was granted the chain still knows.
      return stateFrom({ spend_limits: coinStrings(live.spendLimits), expiration: null, scopes: null }, live);
    },
  });
