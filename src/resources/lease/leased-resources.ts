/**
 * What the lease's winning bid offered, per service: the SDL asks for a GPU model (or any), the provider's bid names
 * the one it allocates (`vendor/<vendor>/model/<model>/ram/<ram>/interface/<interface>`), so state and outputs can
 * show the GPU actually leased. Resource units map to services through the manifest (`resources.id`).
 */
import type { Chain, LeaseId, OfferedResources } from "../../akash/ports/chain";

export interface LeasedResources {
  service: string;
  count: number;
  /** CPU units, e.g. "0.5". */
  cpu: string;
  /** e.g. "512Mi". */
  memory: string;
  /** Each volume as "<name> <size>[ <class>]", e.g. "data 10Gi beta3". */
  storage: string[];
  gpu: number;
  gpu_vendor: string | null;
  gpu_model: string | null;
  gpu_ram: string | null;
  gpu_interface: string | null;
}

const BINARY_UNITS = ["Ei", "Pi", "Ti", "Gi", "Mi", "Ki"] as const;

/** Bytes in the largest binary unit that divides them, as SDLs write sizes ("512Mi", "80Gi"). */
export function formatBytes(bytes: bigint): string {
  for (const [i, unit] of BINARY_UNITS.entries()) {
    const size = 1024n ** BigInt(BINARY_UNITS.length - i);
    if (bytes >= size && bytes % size === 0n) return `${bytes / size}${unit}`;
  }
  return bytes.toString();
}

function formatCpu(millis: bigint): string {
  const whole = millis / 1000n;
  const rest = millis % 1000n;
  return rest === 0n ? whole.toString() : `${whole}.${rest.toString().padStart(3, "0").replace(/0+$/, "")}`;
}

const GPU_KEY = /^vendor\/([^/]+)\/model\/([^/*]+)(?:\/ram\/([^/]+))?(?:\/interface\/([^/]+))?$/;

function gpuOf(
  offer: OfferedResources,
): Pick<LeasedResources, "gpu_vendor" | "gpu_model" | "gpu_ram" | "gpu_interface"> {
  for (const { key, value } of offer.gpu.attributes) {
    const m = GPU_KEY.exec(key);
    if (m && value === "true") {
      return { gpu_vendor: m[1]!, gpu_model: m[2]!, gpu_ram: m[3] ?? null, gpu_interface: m[4] ?? null };
    }
  }
  return { gpu_vendor: null, gpu_model: null, gpu_ram: null, gpu_interface: null };
}

/** resource unit id → service name, for the manifest group `groupName`. */
function servicesByUnit(manifestJson: string | null, groupName: string): Map<number, string> {
  const out = new Map<number, string>();
  if (manifestJson === null) return out;
  try {
    const groups = JSON.parse(manifestJson) as {
      name?: string;
      services?: { name?: string; resources?: { id?: number } }[];
    }[];
    for (const service of groups.find((g) => g.name === groupName)?.services ?? []) {
      if (typeof service.name === "string" && typeof service.resources?.id === "number")
        out.set(service.resources.id, service.name);
    }
  } catch {
    // Not a manifest: the services stay unnamed (validateConfig reports the manifest).
  }
  return out;
}

export function leasedResources(
  offers: OfferedResources[],
  manifestJson: string | null,
  groupName: string,
): LeasedResources[] {
  const services = servicesByUnit(manifestJson, groupName);
  return offers
    .map((offer) => ({
      service: services.get(offer.id) ?? `resource unit ${offer.id}`,
      count: offer.count,
      cpu: formatCpu(offer.cpuMillis),
      memory: formatBytes(offer.memoryBytes),
      storage: offer.storage.map((s) => {
        const cls = s.attributes.find((a) => a.key === "class")?.value;
        return `${s.name} ${formatBytes(s.bytes)}${cls ? ` ${cls}` : ""}`;
      }),
      gpu: Number(offer.gpu.units),
      ...gpuOf(offer),
    }))
    .sort((a, b) => a.service.localeCompare(b.service));
}

/** The lease's bid, read back from chain, as leased resources; an empty list when the bid is gone. */
export async function leasedResourcesOf(
  chain: Chain,
  lease: LeaseId,
  manifestJson: string | null,
): Promise<LeasedResources[]> {
  const [bids, deployment] = await Promise.all([
    chain.bids(lease.owner, lease.dseq, { gseq: lease.gseq }),
    chain.deployment(lease.owner, lease.dseq),
  ]);
  const bid = bids.find((b) => b.id.oseq === lease.oseq && b.id.provider === lease.provider);
  const group = deployment?.groups.find((g) => g.id.gseq === lease.gseq)?.name ?? "";
  return bid ? leasedResources(bid.resourcesOffer, manifestJson, group) : [];
}
