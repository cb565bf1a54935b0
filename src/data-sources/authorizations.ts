/**
 * `data "akash_authorizations"`: the deposit authorizations and fee allowances an account has given (as granter)
 * or received (as grantee) — the read side of the AuthZ manager, e.g. to check in CI what a key may spend.
 */
import type { AkashPorts } from "../akash/ports/akash-ports";
import { accountAddressProblem } from "../domain/account-address";
import { coinStrings } from "../domain/grant-terms";
import { withUserErrorsOnRead } from "../domain/user-errors";
import { DiagnosticError } from "../framework/diagnostics";
import { defineSchema } from "../framework/model";
import { defineDataSource } from "../framework/typed-resource";
import { oneOf } from "../framework/validators";

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

const authorizationsSchema = defineSchema({
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
        type: ["list", depositType],
        computed: true,
        description:
          "Live deposit authorizations: granter, grantee, remaining `spend_limits`, scopes, expiration.",
      },
      fee_allowances: {
        type: ["list", feeType],
        computed: true,
        description: "Fee allowances: granter, grantee, kind, remaining `spend_limit`, expiration.",
      },
    },
  },
});

/** Chain and gateway failures reach the user as diagnostics (see domain/user-errors.ts). */
export const authorizationsDataSource = withUserErrorsOnRead(
  defineDataSource<AkashPorts, typeof authorizationsSchema>({
    typeName: "akash_authorizations",
    schema: authorizationsSchema,
    async read({ config, provider: ports }) {
      const chain = await ports.chain();
      const address = config.address ?? (await ports.signerAddress());
      const role = config.role === "grantee" ? "grantee" : "granter";
      const problem = accountAddressProblem(address);
      if (problem) throw new DiagnosticError("Invalid address", `${problem}.`, ["address"]);
      const filter = role === "granter" ? { granter: address } : { grantee: address };
      const now = ports.clock.now();
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
  }),
);
