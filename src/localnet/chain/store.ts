/**
 * In-memory state with branching (the SDK's cache-wrap). The committed store keeps a sorted key index so prefix
 * iteration is a binary search plus a slice; a branch buffers writes and either flushes them into its parent or is
 * dropped (failed msg, CheckTx, simulate). Module views prefix keys with the module name and meter gas.
 */
import { approximateSize, GAS_COSTS } from "./gas";
import type { GasMeter, KVStore } from "./module";

/** A store that can be branched: the committed state or another branch. */
export interface BranchableStore extends KVStore {
  branch(): BranchStore;
}

const DELETED: unique symbol = Symbol("deleted");
type Slot = unknown | typeof DELETED;

function lowerBound(keys: string[], target: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The committed state of the whole chain (all modules, keys prefixed by module). */
export class CommitStore implements BranchableStore {
  private readonly values = new Map<string, unknown>();
  private readonly sortedKeys: string[] = [];

  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  set<T>(key: string, value: T): void {
    if (!this.values.has(key)) {
      this.sortedKeys.splice(lowerBound(this.sortedKeys, key), 0, key);
    }
    this.values.set(key, value);
  }

  delete(key: string): void {
    if (!this.values.delete(key)) return;
    const at = lowerBound(this.sortedKeys, key);
    if (this.sortedKeys[at] === key) this.sortedKeys.splice(at, 1);
  }

  *iterate<T>(prefix: string): IterableIterator<[string, T]> {
    // Snapshot the key range so callers may write while iterating.
    const start = lowerBound(this.sortedKeys, prefix);
    let end = start;
    while (end < this.sortedKeys.length && this.sortedKeys[end]!.startsWith(prefix)) end++;
    for (const key of this.sortedKeys.slice(start, end)) {
      if (this.values.has(key)) yield [key, this.values.get(key) as T];
    }
  }

  size(): number {
    return this.values.size;
  }

  branch(): BranchStore {
    return new BranchStore(this);
  }
}

/** Buffered writes over a parent; `write()` flushes them, dropping the branch discards them. */
export class BranchStore implements BranchableStore {
  private readonly writes = new Map<string, Slot>();

  constructor(private readonly parent: KVStore) {}

  get<T>(key: string): T | undefined {
    if (this.writes.has(key)) {
      const slot = this.writes.get(key);
      return slot === DELETED ? undefined : (slot as T);
    }
    return this.parent.get<T>(key);
  }

  has(key: string): boolean {
    if (this.writes.has(key)) return this.writes.get(key) !== DELETED;
    return this.parent.has(key);
  }

  set<T>(key: string, value: T): void {
    this.writes.set(key, value);
  }

  delete(key: string): void {
    this.writes.set(key, DELETED);
  }

  *iterate<T>(prefix: string): IterableIterator<[string, T]> {
    const own: string[] = [];
    for (const key of this.writes.keys()) if (key.startsWith(prefix)) own.push(key);
    own.sort();
    const parentEntries = this.parent.iterate<T>(prefix);
    let next = parentEntries.next();
    let i = 0;
    while (!next.done || i < own.length) {
      let key: string;
      if (next.done) {
        key = own[i++]!;
      } else if (i < own.length && own[i]! <= next.value[0]) {
        key = own[i++]!;
        if (key === next.value[0]) next = parentEntries.next();
      } else {
        key = next.value[0];
        next = parentEntries.next();
        if (this.writes.has(key)) continue; // shadowed by (or deleted in) this branch; yielded from `own`
        yield [key, this.parent.get<T>(key) as T];
        continue;
      }
      if (this.writes.has(key)) {
        const slot = this.writes.get(key);
        if (slot !== DELETED) yield [key, slot as T];
      }
    }
  }

  branch(): BranchStore {
    return new BranchStore(this);
  }

  /** Flush buffered writes into the parent (deterministic: in insertion order). */
  write(): void {
    for (const [key, slot] of this.writes) {
      if (slot === DELETED) this.parent.delete(key);
      else this.parent.set(key, slot);
    }
    this.writes.clear();
  }
}

/** A module's namespace inside the chain store, metering gas like the SDK's gaskv store. */
export class ModuleStore implements KVStore {
  private readonly prefix: string;

  constructor(
    private readonly inner: KVStore,
    module: string,
    private readonly gas: GasMeter | undefined,
  ) {
    this.prefix = `${module}/`;
  }

  get<T>(key: string): T | undefined {
    const value = this.inner.get<T>(this.prefix + key);
    if (this.gas) {
      this.gas.consume(GAS_COSTS.readCostFlat, "ReadFlat");
      this.gas.consume(GAS_COSTS.readCostPerByte * (key.length + approximateSize(value)), "ReadPerByte");
    }
    return value;
  }

  has(key: string): boolean {
    this.gas?.consume(GAS_COSTS.hasCost, "Has");
    return this.inner.has(this.prefix + key);
  }

  set<T>(key: string, value: T): void {
    if (this.gas) {
      this.gas.consume(GAS_COSTS.writeCostFlat, "WriteFlat");
      this.gas.consume(GAS_COSTS.writeCostPerByte * (key.length + approximateSize(value)), "WritePerByte");
    }
    this.inner.set(this.prefix + key, value);
  }

  delete(key: string): void {
    this.gas?.consume(GAS_COSTS.deleteCost, "Delete");
    this.inner.delete(this.prefix + key);
  }

  *iterate<T>(prefix: string): IterableIterator<[string, T]> {
    const cut = this.prefix.length;
    for (const [key, value] of this.inner.iterate<T>(this.prefix + prefix)) {
      if (this.gas) {
        this.gas.consume(GAS_COSTS.iterNextCostFlat, "IterNextFlat");
        this.gas.consume(
          GAS_COSTS.readCostPerByte * (key.length - cut + approximateSize(value)),
          "ValuePerByte",
        );
      }
      yield [key.slice(cut), value];
    }
  }
}
