/**
 * Gas metering with the Cosmos SDK's KV gas costs (store/types/gas.go KVGasConfig) so that gas numbers look like
 * mainnet's and simulate × 1.3 always covers execution.
 */
import { ChainError, type GasMeter } from "./module";

export const GAS_COSTS = {
  hasCost: 1000,
  deleteCost: 1000,
  readCostFlat: 1000,
  readCostPerByte: 3,
  writeCostFlat: 2000,
  writeCostPerByte: 30,
  iterNextCostFlat: 30,
  txSizeCostPerByte: 10,
  secp256k1VerifyCost: 1000,
} as const;

/** Thrown when a meter runs past its limit; turned into code 11 by the tx runner. */
export class OutOfGasError extends Error {
  constructor(readonly descriptor: string) {
    super(`out of gas in location: ${descriptor}`);
  }
}

export class BasicGasMeter implements GasMeter {
  private consumed = 0;

  /** `limit` undefined means infinite (simulate, genesis, end-block hooks). */
  constructor(readonly limit: number | undefined) {}

  consume(amount: number, descriptor: string): void {
    this.consumed += amount;
    if (this.limit !== undefined && this.consumed > this.limit) throw new OutOfGasError(descriptor);
  }

  used(): number {
    return this.consumed;
  }
}

/** Code 11 with the SDK's text: "out of gas in location: X; gasWanted: W, gasUsed: U: out of gas". */
export function outOfGasChainError(err: OutOfGasError, wanted: number, used: number): ChainError {
  return new ChainError(
    "sdk",
    11,
    `out of gas in location: ${err.descriptor}; gasWanted: ${wanted}, gasUsed: ${used}: out of gas`,
  );
}

/** A deterministic, cheap size estimate of a stored value, for the per-byte read/write costs. */
export function approximateSize(value: unknown): number {
  switch (typeof value) {
    case "string":
      return value.length;
    case "number":
    case "boolean":
      return 8;
    case "bigint":
      return 8;
    case "undefined":
      return 0;
    case "object": {
      if (value === null) return 0;
      if (value instanceof Uint8Array) return value.length;
      if (value instanceof Date) return 12;
      if (Array.isArray(value)) {
        let total = 2;
        for (const item of value) total += approximateSize(item) + 1;
        return total;
      }
      let total = 2;
      for (const [k, v] of Object.entries(value)) total += k.length + approximateSize(v) + 2;
      return total;
    }
    default:
      return 0;
  }
}
