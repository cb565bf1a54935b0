/**
 * Which deployments Terraform states track: the `owner/dseq` of every akash_deployment and akash_lease a state
 * mentions, read from state files (format version 4) or from `terraform show -json` (any backend).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";

/** `owner/dseq` keys of every akash_deployment and akash_lease a state mentions (managed or data). */
export type TrackedDeployments = Set<string>;

const TRACKING_TYPES = new Set(["akash_deployment", "akash_lease"]);

function track(tracked: TrackedDeployments, attrs: unknown): void {
  if (!attrs || typeof attrs !== "object") return;
  const { owner, dseq } = attrs as { owner?: unknown; dseq?: unknown };
  if (typeof owner === "string" && (typeof dseq === "string" || typeof dseq === "number")) {
    tracked.add(`${owner}/${dseq}`);
  }
}

/** Terraform state file format (version 4): resources[].instances[].attributes. */
export function trackedInStateFile(
  state: unknown,
  tracked: TrackedDeployments = new Set(),
): TrackedDeployments {
  const resources = (state as { resources?: unknown[] } | null)?.resources;
  if (!Array.isArray(resources)) throw new Error("not a Terraform state (no resources list)");
  for (const r of resources as { type?: string; instances?: { attributes?: unknown }[] }[]) {
    if (!r || !TRACKING_TYPES.has(r.type ?? "")) continue;
    for (const instance of r.instances ?? []) track(tracked, instance.attributes);
  }
  return tracked;
}

interface ShowModule {
  resources?: { type?: string; values?: unknown }[];
  child_modules?: ShowModule[];
}

/** `terraform show -json` format: values.root_module.resources[].values, recursively through child modules. */
export function trackedInShowJson(
  show: unknown,
  tracked: TrackedDeployments = new Set(),
): TrackedDeployments {
  const visit = (m: ShowModule | undefined) => {
    for (const r of m?.resources ?? []) if (TRACKING_TYPES.has(r.type ?? "")) track(tracked, r.values);
    for (const child of m?.child_modules ?? []) visit(child);
  };
  visit((show as { values?: { root_module?: ShowModule } } | null)?.values?.root_module);
  return tracked;
}

/** ./terraform.tfstate and CDKTF's ./terraform.<stack>.tfstate. */
export function defaultStateFiles(cwd: string): string[] {
  return readdirSync(cwd)
    .filter((name) => name === "terraform.tfstate" || /^terraform\.[^/]+\.tfstate$/.test(name))
    .sort()
    .map((name) => join(cwd, name));
}
