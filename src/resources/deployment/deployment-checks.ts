/** Checks and plan rules of `akash_deployment`: what the configuration must satisfy, and what a change means. */
import { parseCoin } from "../../domain/coin-text";
import { compileSdlAttribute } from "../../domain/sdl-attribute";
import type { Diagnostics } from "../../framework/diagnostics";
import { isUnknown } from "../../framework/values";
import { goSortedJson, type CompiledSdl } from "../../sdl";
import { DEFAULT_DEPOSIT } from "../../domain/pricing";
import type { DeploymentPlan, DeploymentState } from "./deployment-schema";
import { checkFundingConfig } from "./funding-config";

/** The configured deposit, or the default. */
export function depositText(deposit: string | null): string {
  return deposit ?? DEFAULT_DEPOSIT;
}

function checkDeposit(text: string, denom: string | undefined, diags: Diagnostics): void {
  const coin = parseCoin(text);
  if (!coin) {
    diags.error("Invalid deposit", `"${text}" is not a coin amount; write it like 5000000uact.`, ["deposit"]);
    return;
  }
  if (coin.amount <= 0n) diags.error("Invalid deposit", "The deposit must be more than zero.", ["deposit"]);
  if (denom && coin.denom !== denom) {
    diags.error(
      "Deposit denom does not match the SDL pricing",
      `The SDL prices its groups in ${denom}, so the deposit must be in ${denom} too (got ${coin.denom}).` +
        (denom === "uact" ? " ACT (uact) is minted from AKT; see the README on funding." : ""),
      ["deposit"],
    );
  }
}

export function validateDeploymentConfig(config: DeploymentPlan, diags: Diagnostics): void {
  checkFundingConfig(config, diags);
  // uakt pricing is an error for a deployment (below), not only a warning.
  const compiled =
    typeof config.sdl === "string" ? compileSdlAttribute(config.sdl, diags, ["legacy-denom"]) : undefined;
  if (compiled && compiled.denom !== "uact") {
    diags.error(
      "Deployments must be priced in uact",
      `The SDL prices its groups in ${compiled.denom}. Since the v2.0.0 upgrade the chain only accepts new ` +
        "deployments priced and funded in uact (ACT); change `pricing.<profile>.denom` to uact.",
      ["sdl"],
    );
    return;
  }
  if (!isUnknown(config.deposit)) checkDeposit(depositText(config.deposit), compiled?.denom, diags);
}

/**
 * The group specs decide what the chain can change in place: anything else is only the manifest. Compared in
 * canonical (key-sorted) form because imported deployments carry the chain's rendering of the same groups.
 */
export function groupsChanged(prior: DeploymentState, next: CompiledSdl): boolean {
  if (prior.group_specs_json === null) return false;
  return goSortedJson(JSON.parse(prior.group_specs_json)) !== goSortedJson(next.groupSpecsGoJson);
}

/** Whether the configured deposit is above what was deposited (a top-up happens then). */
export function depositRaised(prior: DeploymentState, deposit: string | null): boolean {
  const before = prior.deposit === null ? undefined : parseCoin(prior.deposit);
  const after = parseCoin(depositText(deposit));
  return Boolean(before && after && after.amount > before.amount);
}
