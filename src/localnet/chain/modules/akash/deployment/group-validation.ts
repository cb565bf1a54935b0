/**
 * Stateless GroupSpec checks from chain-sdk's `validation_config.go`/`resourceunit.go`. Go returns them as
 * plain errors, so they surface as unregistered (codespace "undefined", code 1) with these texts.
 */
import type { GroupSpec, ResourceUnit } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { unregistered } from "../shared/errors";
import { DEC_ONE, parseDec } from "../shared/decimal";

const LIMITS = {
  cpu: { min: 10n, max: 384000n },
  memory: { min: 1024n ** 2n, max: 2n * 1024n ** 4n },
  storage: { min: 5n * 1024n ** 2n, max: 32n * 1024n ** 4n },
  gpu: { min: 0n, max: 24n },
  unitPrice: 10000000n * DEC_ONE,
};

const decoder = new TextDecoder();

/** ResourceValue.val is the decimal string of a math.Int, as bytes. */
export function resourceValue(value: { val: Uint8Array } | undefined): bigint {
  if (!value || value.val.length === 0) return 0n;
  const text = decoder.decode(value.val);
  return /^\d+$/.test(text) ? BigInt(text) : -1n;
}

function checkRange(label: string, value: bigint, limit: { min: bigint; max: bigint }): void {
  if (value < limit.min || value > limit.max) {
    throw unregistered(`error: invalid unit ${label} (${limit.max} > ${value} > ${limit.min} fails)`);
  }
}

function validateUnit(unit: ResourceUnit): void {
  const resources = unit.resource;
  if (!resources) throw unregistered("error: invalid resource unit: empty resources");
  if (resources.id === 0) throw unregistered("error: invalid resource unit: resource id must be > 0");
  if (unit.count === 0) throw unregistered("error: invalid resource unit: count must be > 0");
  checkRange("CPU", resourceValue(resources.cpu?.units), LIMITS.cpu);
  checkRange("memory", resourceValue(resources.memory?.quantity), LIMITS.memory);
  for (const storage of resources.storage)
    checkRange("storage", resourceValue(storage.quantity), LIMITS.storage);
  const gpuUnits = resourceValue(resources.gpu?.units);
  checkRange("GPU", gpuUnits, LIMITS.gpu);
  if (gpuUnits === 0n && (resources.gpu?.attributes.length ?? 0) > 0) {
    throw unregistered("error: invalid unit GPU: attributes cannot be set when units is 0");
  }
  const price = unit.price;
  const amount = price ? parseDec(price.amount) : undefined;
  if (!price || price.denom === "" || amount === undefined) throw unregistered("error: invalid price object");
  if (amount > LIMITS.unitPrice)
    throw unregistered(`error: invalid unit price (${LIMITS.unitPrice / DEC_ONE} > ${price.amount} fails)`);
}

export function validateGroupSpec(spec: GroupSpec): void {
  if (spec.name === "") throw unregistered("groupspec: empty name");
  if (spec.resources.length === 0) throw unregistered("group: empty resource list");
  const ids = new Set<number>();
  for (const unit of spec.resources) {
    validateUnit(unit);
    const id = unit.resource?.id ?? 0;
    if (ids.has(id)) throw unregistered(`error: duplicate resource id ${id}`);
    ids.add(id);
  }
}

/** Σ unit price × count, scaled by 1e18 (the order's maximum price per block). */
export function groupTotalPrice(spec: GroupSpec): { denom: string; amount: bigint } {
  let amount = 0n;
  let denom = "";
  for (const unit of spec.resources) {
    denom = unit.price?.denom ?? denom;
    amount += (parseDec(unit.price?.amount ?? "0") ?? 0n) * BigInt(unit.count);
  }
  return { denom, amount };
}
