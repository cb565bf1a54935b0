/**
 * Comet's JSON encoding of ABCI/RPC types as cosmjs parses them: int64 as strings, int32 as numbers, hashes as
 * uppercase hex, bytes as base64, zero values omitted (omitempty), attribute `index: true`.
 */
import { toBase64, toHex } from "./fast-encoding";
import type { ChainEvent } from "../module";
import type { StoredTxResult } from "../node";

export const hex = (bytes: Uint8Array): string => toHex(bytes).toUpperCase();

/** Go's time.RFC3339Nano: fractional seconds without trailing zeros. */
export function rfc3339(date: Date): string {
  const iso = date.toISOString(); // 2024-01-02T03:04:05.678Z
  const [whole, fraction = "000Z"] = iso.split(".");
  const digits = fraction.replace("Z", "").replace(/0+$/, "");
  return digits === "" ? `${whole}Z` : `${whole}.${digits}Z`;
}

export function eventsJson(events: ChainEvent[]): unknown[] {
  return events.map((e) => ({
    type: e.type,
    attributes: e.attributes.map((a) => ({ key: a.key, value: a.value, index: true })),
  }));
}

/** ExecTxResult / ResponseCheckTx with omitempty. */
export function txResultJson(r: StoredTxResult): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (r.code !== 0) out.code = r.code;
  if (r.data && r.data.length > 0) out.data = toBase64(r.data);
  if (r.log !== "") out.log = r.log;
  if (r.gasWanted !== 0n) out.gas_wanted = r.gasWanted.toString();
  if (r.gasUsed !== 0n) out.gas_used = r.gasUsed.toString();
  out.events = eventsJson(r.events);
  if (r.codespace !== "") out.codespace = r.codespace;
  return out;
}
