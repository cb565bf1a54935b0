/**
 * Fixed-width key parts so that the store's lexicographic order equals numeric order (pagination and
 * "latest oseq" lookups rely on it). Owners are bech32 strings of one length for secp256k1 accounts.
 */

/** uint64 → 20 digits. */
export function u64Key(value: bigint): string {
  return value.toString().padStart(20, "0");
}

/** uint32 → 10 digits. */
export function u32Key(value: number): string {
  return value.toString().padStart(10, "0");
}
