/**
 * What a synthesized cdktf stack will put on chain, read from its cdk.tf.json before anything is applied: the
 * deployments (services, deposit, the most their leases may cost per block) and the other Akash resources. Values
 * that are only known at apply time (tokens such as `${...}`) are reported as unknown, never guessed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Coin } from "../akash/ports/chain";
import { DEFAULT_DEPOSIT } from "../domain/pricing";
import { parseCoin } from "../domain/coin-text";
import { fromFixed18, toFixed18 } from "../domain/escrow-runway";
import { compileSdl, SdlError, type CompiledSdl, type ManifestService } from "../sdl";

export interface PlannedService {
  name: string;
  image: string;
  count: number;
  /** "0.5 CPU, 512 MiB memory, 1 GiB storage". */
  resources: string;
}

export interface PlannedDeployment {
  /** Construct path inside the stack, e.g. "web/app/deployment". */
  name: string;
  /** Undefined when the deposit is only known at apply time. */
  deposit?: Coin;
  /** Undefined when the SDL is only known at apply time. */
  services?: PlannedService[];
  /** The SDL's pricing summed over all groups: the most the leases can cost together per block. */
  maxPricePerBlock?: { denom: string; amount: string };
}

export interface StackPlan {
  deployments: PlannedDeployment[];
  leases: number;
  /** Other resource types and how many of each, e.g. { akash_certificate: 1 }. */
  others: Record<string, number>;
  /** The stack's version constraint for the akash provider, e.g. "0.1.0". */
  providerConstraint?: string;
}

interface StackJson {
  terraform?: { required_providers?: Record<string, { source?: string; version?: string }> };
  resource?: Record<
    string,
    Record<string, Record<string, unknown> & { "//"?: { metadata?: { path?: string } } }>
  >;
}

const isLiteral = (value: unknown): value is string => typeof value === "string" && !value.includes("${");

function formatBytes(text: string): string {
  const bytes = BigInt(text);
  for (const [unit, size] of [
    ["TiB", 1n << 40n],
    ["GiB", 1n << 30n],
    ["MiB", 1n << 20n],
    ["KiB", 1n << 10n],
  ] as const) {
    if (bytes >= size && bytes % size === 0n) return `${bytes / size} ${unit}`;
  }
  return bytes >= 1_000_000n ? `${Number(bytes) / 1e6} MB` : `${bytes} bytes`;
}

function describeResources(service: ManifestService): string {
  const r = service.resources;
  const parts = [`${Number(r.cpu.units.val) / 1000} CPU`, `${formatBytes(r.memory.size.val)} memory`];
  for (const storage of r.storage ?? [])
    parts.push(`${formatBytes(storage.size.val)} ${storage.name === "default" ? "storage" : storage.name}`);
  const gpus = Number(r.gpu.units.val);
  if (gpus > 0) parts.push(`${gpus} GPU`);
  return parts.join(", ");
}

function planDeployment(name: string, config: Record<string, unknown>): PlannedDeployment {
  const planned: PlannedDeployment = { name };
  const depositText = config.deposit === undefined ? DEFAULT_DEPOSIT : config.deposit;
  if (isLiteral(depositText)) {
    const deposit = parseCoin(depositText);
    if (deposit) planned.deposit = deposit;
  }
  if (isLiteral(config.sdl)) {
    let sdl: CompiledSdl;
    try {
      sdl = compileSdl(config.sdl);
    } catch (error) {
      // terraform reports an invalid SDL in full, with its paths; the summary just says it cannot tell.
      if (error instanceof SdlError) return planned;
      throw error;
    }
    planned.services = sdl.manifest.flatMap((group) =>
      group.services.map((s) => ({
        name: s.name,
        image: s.image,
        count: s.count,
        resources: describeResources(s),
      })),
    );
    let total = 0n;
    for (const group of sdl.groupSpecsGoJson)
      for (const unit of group.resources) total += toFixed18(unit.price.amount) * BigInt(unit.count);
    planned.maxPricePerBlock = { denom: sdl.denom, amount: fromFixed18(total) };
  }
  return planned;
}

export function readStackPlan(stackDir: string): StackPlan {
  const stack = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as StackJson;
  const plan: StackPlan = { deployments: [], leases: 0, others: {} };
  const constraint = Object.values(stack.terraform?.required_providers ?? {}).find((p) =>
    p.source?.endsWith("akash-cdktf/akash"),
  )?.version;
  if (constraint) plan.providerConstraint = constraint;
  for (const [type, instances] of Object.entries(stack.resource ?? {})) {
    for (const [id, config] of Object.entries(instances)) {
      const path = config["//"]?.metadata?.path ?? id;
      if (type === "akash_deployment")
        plan.deployments.push(planDeployment(path.split("/").slice(1).join("/") || id, config));
      else if (type === "akash_lease") plan.leases += 1;
      else plan.others[type] = (plan.others[type] ?? 0) + 1;
    }
  }
  return plan;
}
