/**
 * `data "akash_authorizations"`: the deposit authorizations and fee allowances an account has given (as granter)
 * or received (as grantee) — the read side of the AuthZ manager, e.g. to check in CI what a key may spend.
 */
import type { DataSourceDefinition } from "../framework/data-source";
import { DiagnosticError } from "../framework/diagnostics";
import { oneOf } from "../framework/validators";
import type { AkashProviderData } from "../provider/akash-provider";
import { coinStrings } from "../resources/grant-terms";
import { withUserErrorsOnRead } from "../resources/port-errors";

const depositType = [
  "object",
  {
    granter: "string",
    grantee: "string",
    spend_limits: ["list", "string"],
    scopes: ["list", "string"],
    expiration: "string",
  },
] as const;

const feeType = [
  "object",
  {
    granter: "string",
    grantee: "string",
    kind: "string",
    spend_limit: ["list", "string"],
    expiration: "string",
  },
] as const;

const iso = (d: Date | undefined) => (d ? d.toISOString() : null);

export const authorizationsDataSource: DataSourceDefinition<AkashProviderData> =
  withUserErrorsOnRead<AkashProviderData>({
    typeName: "akash_authorizations",
    schema: {
      version: 0,
      block: {
        description:
          "Deposit authorizations and fee allowances an account has given or received, with what is left of them.",
        attributes: {
          address: {
            type: "string",
            optional: true,
            computed: true,
            description: "The account; defaults to the provider's signing key.",
          },
          role: {
            type: "string",
            optional: true,
            computed: true,
            description: "`granter` (what the account gave, the default) or `grantee` (what it received).",
            validators: [oneOf(["granter", "grantee"])],
          },
          deposit_authorizations: {
            type: ["list", depositType as never],
            computed: true,
            description:
              "Live deposit authorizations: granter, grantee, remaining `spend_limits`, scopes, expiration.",
          },
          fee_allowances: {
            type: ["list", feeType as never],
            computed: true,
            description: "Fee allowances: granter, grantee, kind, remaining `spend_limit`, expiration.",
          },
        },
      },
    },
    async read({ config, provider }) {
      const chain = await provider.chain();
      const address = typeof config.address === "string" ? config.address : await provider.signerAddress();
      const role = config.role === "grantee" ? "grantee" : "granter";
      if (!/^akash1/.test(address))
        throw new DiagnosticError("Invalid address", `"${address}" is not akash1...`);
      const filter = role === "granter" ? { granter: address } : { grantee: address };
      const now = Date.now();
      const [deposits, fees] = await Promise.all([chain.depositGrants(filter), chain.feeAllowances(filter)]);
      return {
        address,
        role,
        deposit_authorizations: deposits
          .filter((g) => !g.expiration || g.expiration.getTime() > now)
          .map((g) => ({
            granter: g.granter,
            grantee: g.grantee,
            spend_limits: coinStrings(g.spendLimits),
            scopes: g.scopes,
            expiration: iso(g.expiration),
          })),
        fee_allowances: fees
          .filter((a) => !a.expiration || a.expiration.getTime() > now)
          .map((a) => ({
            granter: a.granter,
            grantee: a.grantee,
            kind: a.kind,
            spend_limit: coinStrings(a.spendLimit),
            expiration: iso(a.expiration),
          })),
      };
    },
  });
