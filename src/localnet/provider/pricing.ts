/**
 * Bid pricing with the provider's default "scale" strategy (bidengine/pricing.go): per-resource rates summed over
 * the group, in the group's price denom, plus a GPU rate so GPU providers differ. Rates are per block, in 10^-18
 * units (LegacyDec atomics) so fractional rates need no floating point.
 */
import type { GroupSpec } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { decAtomics, DEC_ONE, resourceValueToBigInt } from "./resource-values";

const MEBIBYTE = 1024n * 1024n;

export interface PriceScales {
  /** Per millicpu. */
  cpu: bigint;
  /** Per MiB of memory. */
  memory: bigint;
  /** Per MiB of storage, by class ("ephemeral" for non-persistent volumes). */
  storage: Record<string, bigint>;
  /** Per GPU unit. */
  gpu: bigint;
  /** Per endpoint of each resource unit (not multiplied by count, as the provider does). */
  endpoint: bigint;
  /** Per leased IP endpoint. */
  ip: bigint;
}

/** A decimal rate such as "0.05" as atomics. */
export const rate = (decimal: string): bigint => decAtomics(decimal);

export type PriceResult = { ok: true; denom: string; amount: bigint } | { ok: false; reason: string };

function storageClass(attributes: { key: string; value: string }[]): string {
  const persistent = attributes.find((a) => a.key === "persistent")?.value === "true";
  if (!persistent) return "ephemeral";
  return attributes.find((a) => a.key === "class")?.value ?? "ephemeral";
}

/** The group's maximum price: Σ unit price × count (atomics), and its denom. */
export function groupMaxPrice(spec: GroupSpec): { denom: string; amount: bigint } {
  let denom = "";
  let amount = 0n;
  for (const unit of spec.resources) {
    denom ||= unit.price?.denom ?? "";
    amount += decAtomics(unit.price?.amount ?? "") * BigInt(unit.count);
  }
  return { denom, amount };
}

/** The scale price for `spec`, or why the provider would not bid. */
export function priceGroup(spec: GroupSpec, scales: PriceScales): PriceResult {
  const { denom, amount: max } = groupMaxPrice(spec);
  let total = 0n;
  let ips = 0n;
  for (const unit of spec.resources) {
    const count = BigInt(unit.count);
    const res = unit.resource;
    total += resourceValueToBigInt(res?.cpu?.units?.val) * count * scales.cpu;
    total += (resourceValueToBigInt(res?.memory?.quantity?.val) * count * scales.memory) / MEBIBYTE;
    for (const volume of res?.storage ?? []) {
      const cls = storageClass(volume.attributes);
      const scale = scales.storage[cls];
      if (scale === undefined) return { ok: false, reason: `no pricing scale for storage class ${cls}` };
      total += (resourceValueToBigInt(volume.quantity?.val) * count * scale) / MEBIBYTE;
    }
    total += resourceValueToBigInt(res?.gpu?.units?.val) * count * scales.gpu;
    total += BigInt(res?.endpoints.length ?? 0) * scales.endpoint;
    ips += BigInt(res?.endpoints.filter((e) => e.kind === 2).length ?? 0);
  }
  total += ips * scales.ip;
  if (total <= 0n) return { ok: false, reason: "a bid of zero was produced" };
  if (total > max)
    return { ok: false, reason: `price too high, not bidding (${total} > ${max} ${denom} atomics)` };
  return { ok: true, denom, amount: total };
}

/** Whole-unit amount of atomics rounded up (for logs and tests). */
export const atomicsCeil = (atomics: bigint): bigint => (atomics + DEC_ONE - 1n) / DEC_ONE;
