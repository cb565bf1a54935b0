/**
 * Which lease `logs`, `events` and `shell` talk to: an `akash_lease` resource address read with
 * `terraform show -json` (so remote backends work, and the state says how the lease authenticates), or explicit
 * --dseq/--gseq/--oseq/--provider (the owner is then the account of AKASH_MNEMONIC, authenticated with a JWT).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { GatewayAuth } from "../../../akash/ports/akash-ports";

export class LeaseUsageError extends Error {}

export interface LeaseTarget {
  /** How the user named it, for messages. */
  label: string;
  owner?: string;
  dseq: bigint;
  gseq: number;
  oseq: number;
  provider: string;
  /** From the state; looked up on chain when absent. */
  hostUri?: string;
  auth: GatewayAuth;
}

export interface LeaseSelector {
  address?: string;
  dseq?: string;
  gseq?: string;
  oseq?: string;
  provider?: string;
  /** Where to run `terraform show -json`. */
  dir: string;
}

interface ShowResource {
  address?: string;
  type?: string;
  values?: Record<string, unknown>;
}
interface ShowModule {
  resources?: ShowResource[];
  child_modules?: ShowModule[];
}

function allResources(module: ShowModule | undefined): ShowResource[] {
  if (!module) return [];
  return [...(module.resources ?? []), ...(module.child_modules ?? []).flatMap(allResources)];
}

function showJson(dir: string): ShowModule | undefined {
  if (!existsSync(dir)) throw new LeaseUsageError(`--terraform ${dir}: no such directory`);
  const show = spawnSync("terraform", ["show", "-json", "-no-color"], {
    cwd: dir,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (show.error || show.status !== 0) {
    const reason = show.error ? show.error.message : show.stderr.trim().split("\n").slice(-3).join(" ");
    throw new LeaseUsageError(
      `terraform show -json failed in ${dir}: ${reason}. Run this in the configuration's directory (after ` +
        "terraform init), or name the lease with --dseq/--provider.",
    );
  }
  const parsed = JSON.parse(show.stdout) as { values?: { root_module?: ShowModule } };
  return parsed.values?.root_module;
}

const text = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

function fromState(address: string, dir: string): LeaseTarget {
  const leases = allResources(showJson(dir)).filter((r) => r.type === "akash_lease");
  const found = leases.find((r) => r.address === address);
  if (!found) {
    const known = leases.map((r) => r.address).join(", ");
    throw new LeaseUsageError(
      `no akash_lease "${address}" in the state of ${dir} (${known ? `it has: ${known}` : "it has no akash_lease"}).`,
    );
  }
  const v = found.values ?? {};
  const dseq = text(v.dseq);
  const provider = text(v.provider_address);
  if (!dseq || !provider) {
    throw new LeaseUsageError(
      `${address} has no lease yet (no dseq or provider in its state); apply it first.`,
    );
  }
  const cert = text(v.client_certificate_pem);
  const key = text(v.client_private_key_pem);
  const auth: GatewayAuth =
    v.provider_auth === "mtls" && cert && key
      ? { kind: "mtls", certPem: cert, keyPem: key }
      : { kind: "jwt" };
  return {
    label: address,
    owner: text(v.owner),
    dseq: BigInt(dseq),
    gseq: Number(v.gseq ?? 1),
    oseq: Number(v.oseq ?? 1),
    provider,
    hostUri: text(v.host_uri),
    auth,
  };
}

function sequence(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 2 ** 32 - 1)
    throw new LeaseUsageError(`${name} must be a whole number >= 1`);
  return Number(value);
}

export function resolveLeaseTarget(selector: LeaseSelector): LeaseTarget {
  const explicit = selector.dseq !== undefined || selector.provider !== undefined;
  if (selector.address !== undefined && explicit)
    throw new LeaseUsageError(
      "name the lease either by its resource address or by --dseq/--provider, not both",
    );
  if (selector.address !== undefined) return fromState(selector.address, selector.dir);
  if (selector.dseq === undefined || selector.provider === undefined)
    throw new LeaseUsageError(
      "which lease? Give an akash_lease resource address, or --dseq N --provider ADDRESS",
    );
  if (!/^\d+$/.test(selector.dseq)) throw new LeaseUsageError("--dseq must be a whole number");
  if (!/^[a-z][a-z0-9]*1[02-9ac-hj-np-z]{38,}$/.test(selector.provider))
    throw new LeaseUsageError(`--provider "${selector.provider}" is not an account address (akash1...)`);
  const gseq = sequence(selector.gseq, "--gseq", 1);
  const oseq = sequence(selector.oseq, "--oseq", 1);
  return {
    label: `lease ${selector.dseq}/${gseq}/${oseq}`,
    dseq: BigInt(selector.dseq),
    gseq,
    oseq,
    provider: selector.provider,
    auth: { kind: "jwt" },
  };
}
