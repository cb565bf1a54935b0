/**
 * A module's store with gas charged per access, roughly like the SDK's KVGasConfig (ReadCostFlat 1000,
 * WriteCostFlat 2000, per-byte costs on the key; values are JS objects, so a flat value cost stands in
 * for the per-byte value cost). Charging here keeps simulate and deliver in step for the same msgs.
 */
import type { GasMeter, KVStore } from "../../../module";

const READ_FLAT = 1000;
const READ_PER_KEY_BYTE = 3;
const READ_VALUE_FLAT = 300;
const WRITE_FLAT = 2000;
const WRITE_PER_KEY_BYTE = 30;
const WRITE_VALUE_FLAT = 3000;
const DELETE_FLAT = 1000;
const ITER_NEXT_FLAT = 30;

export function meteredStore(store: KVStore, gas: GasMeter): KVStore {
  return {
    get<T>(key: string): T | undefined {
      gas.consume(READ_FLAT + READ_PER_KEY_BYTE * key.length, "ReadFlat");
      const value = store.get<T>(key);
      if (value !== undefined) gas.consume(READ_VALUE_FLAT, "ReadPerByte");
      return value;
    },
    has(key: string): boolean {
      gas.consume(READ_FLAT, "HasFlat");
      return store.has(key);
    },
    set<T>(key: string, value: T): void {
      gas.consume(WRITE_FLAT + WRITE_PER_KEY_BYTE * key.length + WRITE_VALUE_FLAT, "WriteFlat");
      store.set(key, value);
    },
    delete(key: string): void {
      gas.consume(DELETE_FLAT, "Delete");
      store.delete(key);
    },
    *iterate<T>(prefix: string): IterableIterator<[string, T]> {
      gas.consume(READ_FLAT, "IterFlat");
      for (const entry of store.iterate<T>(prefix)) {
        gas.consume(ITER_NEXT_FLAT + READ_PER_KEY_BYTE * entry[0].length, "IterNextFlat");
        yield entry;
      }
    },
  };
}
