/**
 * A provider's cluster capacity and what its open bids and active leases hold. Real providers reserve inventory
 * before bidding and release it when the bid closes; this keeps the same bookkeeping without a cluster.
 */
import type { GroupSpec } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { resourceValueToBigInt } from "./resource-values";

export interface Capacity {
  cpuMillis: bigint;
  memoryBytes: bigint;
  storageBytes: bigint;
  gpus: bigint;
}

export function groupDemand(spec: GroupSpec): Capacity {
  const demand: Capacity = { cpuMillis: 0n, memoryBytes: 0n, storageBytes: 0n, gpus: 0n };
  for (const unit of spec.resources) {
    const count = BigInt(unit.count);
    const res = unit.resource;
    demand.cpuMillis += resourceValueToBigInt(res?.cpu?.units?.val) * count;
    demand.memoryBytes += resourceValueToBigInt(res?.memory?.quantity?.val) * count;
    for (const v of res?.storage ?? []) demand.storageBytes += resourceValueToBigInt(v.quantity?.val) * count;
    demand.gpus += resourceValueToBigInt(res?.gpu?.units?.val) * count;
  }
  return demand;
}

export class Inventory {
  private readonly reservations = new Map<string, Capacity>();

  constructor(private readonly total: Capacity) {}

  private used(): Capacity {
    const sum: Capacity = { cpuMillis: 0n, memoryBytes: 0n, storageBytes: 0n, gpus: 0n };
    for (const r of this.reservations.values()) {
      sum.cpuMillis += r.cpuMillis;
      sum.memoryBytes += r.memoryBytes;
      sum.storageBytes += r.storageBytes;
      sum.gpus += r.gpus;
    }
    return sum;
  }

  /** Reserve `spec` under `key` if it fits; returns false (and reserves nothing) otherwise. */
  reserve(key: string, spec: GroupSpec): boolean {
    if (this.reservations.has(key)) return true;
    const need = groupDemand(spec);
    const used = this.used();
    const fits =
      used.cpuMillis + need.cpuMillis <= this.total.cpuMillis &&
      used.memoryBytes + need.memoryBytes <= this.total.memoryBytes &&
      used.storageBytes + need.storageBytes <= this.total.storageBytes &&
      used.gpus + need.gpus <= this.total.gpus;
    if (fits) this.reservations.set(key, need);
    return fits;
  }

  release(key: string): void {
    this.reservations.delete(key);
  }

  has(key: string): boolean {
    return this.reservations.has(key);
  }

  /** Inventory metrics for GET /status. */
  metrics(): { available: Capacity; allocated: Capacity; total: Capacity } {
    const used = this.used();
    return {
      total: this.total,
      allocated: used,
      available: {
        cpuMillis: this.total.cpuMillis - used.cpuMillis,
        memoryBytes: this.total.memoryBytes - used.memoryBytes,
        storageBytes: this.total.storageBytes - used.storageBytes,
        gpus: this.total.gpus - used.gpus,
      },
    };
  }
}
