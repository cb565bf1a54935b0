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
    expectSameAttributes(address, original, imported, ignore);
  }
  if (opts.planNotEmptyBecause === undefined) await expectEmptyPlan(terraform, "the import");
  return { dir: fresh, values };
}

/**
 * Every attribute of `imported` equals the one in `created`, except `ignore`: the differences are listed together,
 * each with its address and attribute.
 */
export function expectSameAttributes(
  address: string,
  created: Record<string, unknown>,
  imported: Record<string, unknown>,
  ignore: string[] = [],
): void {
  const attributes = new Set([...Object.keys(created), ...Object.keys(imported)]);
  const differences = [...attributes]
    .filter((name) => !ignore.includes(name))
    .filter((name) => !isDeepStrictEqual(created[name], imported[name]))
    .map((name) => ({
      address,
      attribute: name,
      created: shown(name, created[name]),
      imported: shown(name, imported[name]),
    }));
  expect(differences).toEqual([]);
}

/** Attributes that may hold a secret (keys, env values in an SDL or manifest): named in a failure, never shown. */
const MAY_BE_SECRET = /private|secret|password|mnemonic|token|key|sdl|manifest|env/i;

function shown(attribute: string, value: unknown): unknown {
  if (value === null || value === undefined || !MAY_BE_SECRET.test(attribute)) return value;
  return "(not shown: may hold a secret)";
}

/** The attribute values of `address` in the state terraform shows (`terraform show -json`, root module). */
export async function valuesIn(terraform: Terraform, address: string): Promise<Record<string, unknown>> {
  const show = await terraform(["show", "-json"]);
  if (show.code !== 0) throw new Error(`terraform show failed:\n${show.stderr}`);
  const parsed = JSON.parse(show.stdout) as {
    values?: { root_module?: { resources?: { address: string; values: Record<string, unknown> }[] } };
  };
  const found = parsed.values?.root_module?.resources?.find((r) => r.address === address);
  if (!found) throw new Error(`${address} is not in the state`);
  return found.values;
}
