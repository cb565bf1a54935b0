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
import type { AkashPorts } from "../../akash/ports/akash-ports";
import type { DepositGrant, DepositGrantScope } from "../../akash/ports/chain";
import {
  checkCoinList,
  checkExpiration,
  coinList,
  coinStrings,
  expirationValue,
  parseTimestamp,
} from "../../domain/grant-terms";
import { accountAddress } from "../../domain/account-address";
import { liveDepositGrant } from "../../domain/live-grants";
import { withUserErrors } from "../../domain/user-errors";
import { defineSchema, type ModelOf, type StateModelOf } from "../../framework/model";
import { requiresReplace, stableComputed } from "../../framework/plan-modifiers";
import { defineResource } from "../../framework/typed-resource";
import { lengthBetween, oneOf } from "../../framework/validators";
import { grantHandlers } from "./grant-resource";

const SCOPES: readonly DepositGrantScope[] = ["deployment", "bid"];

const depositAuthorizationSchema = defineSchema({
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
        validators: [accountAddress],
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
});

type DepositAuthorizationModel = ModelOf<typeof depositAuthorizationSchema>;
type DepositAuthorizationState = StateModelOf<typeof depositAuthorizationSchema>;

function scopesOf(values: readonly string[] | null): DepositGrantScope[] {
  const scopes = SCOPES.filter((s) => (values ?? ["deployment"]).includes(s));
  return scopes.length > 0 ? scopes : ["deployment"];
}

function fromChain(configured: DepositAuthorizationModel | DepositAuthorizationState, grant: DepositGrant) {
  return {
    id: `${grant.granter}/${grant.grantee}`,
    granter: grant.granter,
    grantee: grant.grantee,
    scopes: grant.scopes.length > 0 ? [...grant.scopes] : configured.scopes,
    expiration: expirationValue(configured.expiration, grant.expiration),
    remaining: coinStrings(grant.spendLimits),
  };
}

const depositGrants = grantHandlers({
  what: "deposit authorization",
  live: liveDepositGrant,
  exists: async (chain, granter, grantee) => (await chain.depositGrants({ granter, grantee })).length > 0,
  grantMessage: (planned: DepositAuthorizationModel, granter, grantee) => {
    const expiration = planned.expiration === null ? undefined : parseTimestamp(planned.expiration);
    return {
      kind: "grantDepositAuthorization",
      granter,
      grantee,
      spendLimits: coinList(planned.spend_limits),
      scopes: scopesOf(planned.scopes),
      ...(expiration ? { expiration } : {}),
    };
  },
  revokeMessage: (granter, grantee) => ({ kind: "revokeDepositAuthorization", granter, grantee }),
  onePerPair: false,
  goneCodes: ["grant-unavailable", "not-found"],
  fromChain,
  // What is left becomes the configured limit: the closest to what was granted the chain still knows.
  imported: (grant): DepositAuthorizationState => {
    const configured: DepositAuthorizationState = {
      id: null,
      granter: null,
      grantee: null,
      spend_limits: coinStrings(grant.spendLimits),
      scopes: null,
      expiration: null,
      remaining: null,
    };
    return { ...configured, ...fromChain(configured, grant) };
  },
});

export const depositAuthorizationResource = withUserErrors(
  defineResource<AkashPorts, typeof depositAuthorizationSchema>({
    typeName: "akash_deposit_authorization",
    timeouts: { create: "5m", update: "5m", delete: "5m" },
    schema: depositAuthorizationSchema,
    validateConfig(config, diags) {
      checkCoinList(config.spend_limits, ["spend_limits"], diags);
      checkExpiration(config.expiration, ["expiration"], diags);
      if (Array.isArray(config.scopes)) {
        const scopeCheck = oneOf(SCOPES);
        config.scopes.forEach((s, i) => {
          if (typeof s === "string") scopeCheck.validate(s, ["scopes", i], diags);
        });
        if (config.scopes.length === 0) diags.error("No scopes", "Give at least one scope.", ["scopes"]);
      }
    },
    ...depositGrants,
  }),
);
