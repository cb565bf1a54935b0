/** How `akash_deployment` exposes its funding: the checks of its attributes, their plan defaults and the request they make. */
import type { ProviderFacts } from "../../akash/ports/akash-ports";
import type { Coin, DepositDraw, DepositSource, Deployment } from "../../akash/ports/chain";
import { formatCoin, parseCoin } from "../../domain/coin-text";
import type { Diagnostics } from "../../framework/diagnostics";
import { UNKNOWN } from "../../framework/values";
import type { DeploymentPlan, DeploymentState, FundingAttributes } from "./deployment-schema";
import type { FundingRequest } from "./funding";

type FundingValues = Pick<
  DeploymentState,
  "deposit_source" | "deposit_granter" | "mint_act" | "mint_act_max_burn"
>;

export function checkFundingConfig(config: DeploymentPlan, diags: Diagnostics): void {
  if (typeof config.mint_act === "string") {
    const coin = parseCoin(config.mint_act);
    if (!coin || coin.amount <= 0n || (coin.denom !== "uakt" && coin.denom !== "uact")) {
      diags.error(
        "Invalid mint_act",
        `"${config.mint_act}" must be the AKT to burn (e.g. 20000000uakt) or the ACT wanted (e.g. 10000000uact, ` +
          "burnt at the oracle price).",
        ["mint_act"],
      );
    }
  }
  if (typeof config.mint_act_max_burn === "string") {
    const coin = parseCoin(config.mint_act_max_burn);
    if (!coin || coin.amount <= 0n || coin.denom !== "uakt") {
      diags.error(
        "Invalid mint_act_max_burn",
        `"${config.mint_act_max_burn}" must be an amount of AKT, e.g. 25000000uakt.`,
        ["mint_act_max_burn"],
      );
    }
  }
  if (config.deposit_source === "balance" && typeof config.deposit_granter === "string") {
    diags.error(
      "deposit_granter without a grant",
      'deposit_granter only applies with deposit_source = "grant".',
      ["deposit_granter"],
    );
  }
}

/** Fills `deposit_source` / `deposit_granter` defaults from the prior state or the provider block. */
export function resolveFunding(
  prior: DeploymentState | null,
  planned: DeploymentPlan,
  config: DeploymentPlan,
  facts: ProviderFacts | undefined,
): void {
  if (config.deposit_source === null) {
    planned.deposit_source =
      prior?.deposit_source ?? (facts ? (facts.depositGranter ? "grant" : "balance") : UNKNOWN);
  }
  if (config.deposit_granter === null) {
    if (planned.deposit_source === "balance") planned.deposit_granter = null;
    else if (planned.deposit_source === "grant") {
      planned.deposit_granter = prior?.deposit_granter ?? (facts ? (facts.depositGranter ?? null) : UNKNOWN);
    } else planned.deposit_granter = UNKNOWN;
  }
}

export function fundingRequestOf(values: FundingValues, owner: string, deposit: Coin): FundingRequest {
  const mint = values.mint_act === null ? undefined : parseCoin(values.mint_act);
  const maxBurn = values.mint_act_max_burn === null ? undefined : parseCoin(values.mint_act_max_burn);
  return {
    owner,
    deposit,
    source: values.deposit_source === "grant" ? "grant" : "balance",
    ...(values.deposit_granter !== null ? { granter: values.deposit_granter } : {}),
    ...(mint ? { mintAct: mint } : {}),
    ...(maxBurn ? { maxBurn } : {}),
  };
}

/** Deposit sources for the chain message. */
export function sourcesFor(values: FundingValues): DepositSource[] {
  return [values.deposit_source === "grant" ? "grant" : "balance"];
}

/** After an import or for state written before these attributes existed: the chain's record of who paid. */
export function fundingFromEscrow(deployment: Deployment): FundingAttributes {
  const first = deployment.escrow?.deposits[0];
  if (!first) return { deposit_source: "balance", deposit_granter: null };
  return first.source === "grant"
    ? { deposit_source: "grant", deposit_granter: first.owner }
    : { deposit_source: "balance", deposit_granter: null };
}

/** A deposit draw as state records it. */
export interface DepositDrawAttribute {
  source: string | null;
  account: string | null;
  amount: string | null;
}

export function drawAttributes(draws: DepositDraw[]): DepositDrawAttribute[] {
  return draws.map((d) => ({ source: d.source, account: d.owner, amount: formatCoin(d.amount) }));
}

/**
 * After an import: the escrow's depositors. The chain keeps who paid, not how much each deposit was; with a
 * single depositor, its amount is all that was deposited (`deposited`, e.g. "5000000uact").
 */
export function drawsFromEscrow(deployment: Deployment, deposited?: string): DepositDrawAttribute[] {
  const deposits = deployment.escrow?.deposits ?? [];
  return deposits.map((d) => ({
    source: d.source,
    account: d.owner,
    amount: deposits.length === 1 ? (deposited ?? null) : null,
  }));
}
