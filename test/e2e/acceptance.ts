/**
 * Acceptance steps in the manner of the big providers' test harnesses: an apply that succeeds must leave nothing
 * to do (the next plan is empty), and an import must recover, attribute by attribute, what the create wrote.
 */
import { isDeepStrictEqual } from "node:util";
import type { TerraformResult } from "../support/terraform";
import { stateOf, type E2eNet } from "./localnet-terraform";

/** terraform in one workspace with one environment: `args` are terraform's (e.g. `["plan"]`). */
export type Terraform = (args: string[]) => Promise<TerraformResult>;

/** terraform in `dir` through the e2e localnet's sandbox, with `env` added to every run. */
export function inWorkspace(e2e: E2eNet, dir: string, env: NodeJS.ProcessEnv = {}): Terraform {
  return (args) => e2e.tf(dir, args, env);
}

/** `terraform plan -detailed-exitcode` must exit 0: no change to make. Fails with the plan when it is not. */
export async function expectEmptyPlan(terraform: Terraform, after = "the apply"): Promise<TerraformResult> {
  const plan = await terraform(["plan", "-detailed-exitcode"]);
  if (plan.code === 2) throw new Error(`the plan after ${after} is not empty:\n${plan.stdout}`);
  if (plan.code !== 0) {
    throw new Error(
      `terraform plan after ${after} failed (exit ${plan.code}):\n${plan.stderr}\n${plan.stdout}`,
    );
  }
  return plan;
}

/**
 * `terraform apply -auto-approve [args]` must succeed and converge: the plan that follows it is empty. Returns the
 * apply's result for the caller's own assertions.
 */
export async function applyStep(terraform: Terraform, args: string[] = []): Promise<TerraformResult> {
  const apply = await terraform(["apply", "-auto-approve", ...args]);
  if (apply.code !== 0) throw new Error(`terraform apply failed (exit ${apply.code}):\n${apply.stderr}`);
  await expectEmptyPlan(terraform);
  return apply;
}

export interface ImportOf {
  address: string;
  id: string;
  /** Attributes an import cannot recover or that move on their own (balance, runway); each needs a reason. */
  ignore?: string[];
}

export interface ImportedWorkspace {
  dir: string;
  /** The imported resources' state, by address. */
  values: Record<string, Record<string, unknown>>;
}

/**
 * Imports `imports` into a fresh workspace with the configuration of `dir` (whose state is the reference), and
 * checks every attribute of each imported resource against the reference state, except its `ignore` list. Then
 * the fresh workspace's plan must be empty, unless `planNotEmptyBecause` says why it cannot be (for example: the
 * configuration has resources that were not imported). The fresh workspace is never destroyed: `dir` still owns
 * what it created.
 */
export async function importStep(
  e2e: E2eNet,
  dir: string,
  imports: ImportOf[],
  opts: { env?: NodeJS.ProcessEnv; planNotEmptyBecause?: string } = {},
): Promise<ImportedWorkspace> {
  const fresh = await e2e.copyWorkspace(dir);
  const terraform = inWorkspace(e2e, fresh, opts.env);
  const values: Record<string, Record<string, unknown>> = {};
  for (const { address, id, ignore = [] } of imports) {
    const original = await stateOf(e2e, dir, address);
    const run = await terraform(["import", address, id]);
    if (run.code !== 0)
      throw new Error(`terraform import ${address} ${id} failed (exit ${run.code}):\n${run.stderr}`);
    const imported = await stateOf(e2e, fresh, address);
    values[address] = imported;
    const attributes = new Set([...Object.keys(original), ...Object.keys(imported)]);
    const differences = [...attributes]
      .filter((name) => !ignore.includes(name))
      .filter((name) => !isDeepStrictEqual(original[name], imported[name]))
      .map((name) => ({ address, attribute: name, created: original[name], imported: imported[name] }));
    expect(differences).toEqual([]);
  }
  if (opts.planNotEmptyBecause === undefined) await expectEmptyPlan(terraform, "the import");
  return { dir: fresh, values };
}
