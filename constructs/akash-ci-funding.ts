/**
 * L2: funding for a CI key that holds nothing of its own. The granter (the signing key of the provider this
 * construct is created with) gives the CI key a deposit authorization — escrow deposits come out of the granter's
 * ACT up to a spend limit — and a fee allowance — transaction fees come out of the granter's AKT. The CI pipeline
 * then runs with the CI key's mnemonic and `AKASH_GRANTER=<granter address>` (grantee mode).
 *
 * A leaked CI key can spend at most what the grants allow; destroying this construct revokes both.
 */
import type { TerraformProvider } from "cdktf";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { parseDuration } from "../src/go-duration";
import { DepositAuthorization, FeeAllowance } from "./generated";

export interface AkashCiFundingProps {
  /** Address of the CI key (akash1…). */
  readonly grantee: string;
  /** Most the CI key may deposit in total, e.g. `50000000uact` (50 ACT); unspent escrow flows back on close. */
  readonly depositLimit: string;
  /** Most the CI key may spend on fees in total, e.g. `5000000uakt` (5 AKT). Default: no total limit. */
  readonly feeLimit?: string;
  /** Also cap fees per period, e.g. `{ period: "24h", limit: "1000000uakt" }`. Default: no periodic cap. */
  readonly feePeriod?: { readonly period: string; readonly limit: string };
  /** When both grants end (RFC 3339, e.g. `2027-01-01T00:00:00Z`). Default: never. */
  readonly expiration?: string;
  /** The granter's provider (e.g. an aliased `AkashProvider` with the granter's mnemonic). Default: the stack's. */
  readonly provider?: TerraformProvider;
}

const ADDRESS = /^akash1[02-9ac-hj-np-z]{38,58}$/;
const COIN = /^\d+[a-z][a-z0-9/]{1,127}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function literal(value: string | undefined): value is string {
  return value !== undefined && !Token.isUnresolved(value);
}

export function checkCiFunding(props: AkashCiFundingProps): string[] {
  const problems: string[] = [];
  if (literal(props.grantee) && !ADDRESS.test(props.grantee))
    problems.push(`grantee "${props.grantee}" is not an account address (akash1…)`);
  if (literal(props.depositLimit) && !/^\d+uact$/.test(props.depositLimit))
    problems.push(
      `depositLimit "${props.depositLimit}" must be an amount of uact, e.g. 50000000uact (50 ACT)`,
    );
  for (const [field, value] of [
    ["feeLimit", props.feeLimit],
    ["feePeriod.limit", props.feePeriod?.limit],
  ] as const) {
    if (literal(value) && !(COIN.test(value) && value.endsWith("uakt")))
      problems.push(`${field} "${value}" must be an amount of uakt (fees are paid in AKT), e.g. 5000000uakt`);
  }
  if (literal(props.feePeriod?.period) && parseDuration(props.feePeriod.period) === undefined)
    problems.push(`feePeriod.period "${props.feePeriod.period}" is not a duration; write e.g. 24h`);
  if (literal(props.expiration) && !RFC3339.test(props.expiration))
    problems.push(`expiration "${props.expiration}" is not an RFC 3339 time, e.g. 2027-01-01T00:00:00Z`);
  return problems;
}

export class AkashCiFunding extends Construct {
  readonly depositAuthorization: DepositAuthorization;
  readonly feeAllowance: FeeAllowance;

  constructor(scope: Construct, id: string, props: AkashCiFundingProps) {
    super(scope, id);
    const problems = checkCiFunding(props);
    if (problems.length > 0) this.node.addValidation({ validate: () => problems });
    this.depositAuthorization = new DepositAuthorization(this, "deposits", {
      provider: props.provider,
      grantee: props.grantee,
      spendLimits: [props.depositLimit],
      scopes: ["deployment"],
      expiration: props.expiration,
    });
    this.feeAllowance = new FeeAllowance(this, "fees", {
      provider: props.provider,
      grantee: props.grantee,
      spendLimit: props.feeLimit !== undefined ? [props.feeLimit] : undefined,
      expiration: props.expiration,
      period: props.feePeriod?.period,
      periodSpendLimit: props.feePeriod !== undefined ? [props.feePeriod.limit] : undefined,
    });
  }

  /** The granter's address (token): give it to the CI pipeline as AKASH_GRANTER. */
  get granter(): string {
    return this.depositAuthorization.granter;
  }

  /** What is left of the deposit limit on chain (token list of coins). */
  get depositRemaining(): string[] {
    return this.depositAuthorization.remaining;
  }
}
