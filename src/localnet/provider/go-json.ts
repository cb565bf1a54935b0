/**
 * JSON the way Go's encoding/json writes it, for the manifest version hash. The provider hashes
 * `sdk.SortJSON(json.Marshal(manifest))`: object keys sorted bytewise, no whitespace, and Go's string escaping
 * (`<`, `>`, `&`, U+2028 and U+2029 become \u escapes). A hash computed any other way would not match the one the
 * tenant put on chain with Go or chain-sdk tooling.
 */
import { createHash } from "node:crypto";

/** A JSON value as produced by JSON.parse. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const GO_ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/** A string literal with Go's escaping (JSON.stringify already matches Go for quotes, controls and backslashes). */
export function goJsonString(value: string): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => GO_ESCAPES[ch] ?? ch);
}

function byteOrder(a: string, b: string): number {
  // Go sorts map keys by bytes; comparing UTF-8 buffers keeps non-ASCII keys in the same order.
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** Compact JSON as Go's json.Marshal writes a struct value: keys in field order, Go's string escaping. */
export function goJsonText(value: JsonValue): string {
  if (value === null || typeof value !== "object") return sortedGoJson(value);
  if (Array.isArray(value)) return `[${value.map(goJsonText).join(",")}]`;
  const keys = Object.keys(value);
  return `{${keys.map((k) => `${goJsonString(k)}:${goJsonText(value[k] as JsonValue)}`).join(",")}}`;
}

/** Compact JSON with every object's keys sorted, as `sdk.SortJSON` produces it. */
export function sortedGoJson(value: JsonValue): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`json: unsupported value: ${value}`);
    return JSON.stringify(value);
  }
  if (typeof value === "string") return goJsonString(value);
  if (Array.isArray(value)) return `[${value.map(sortedGoJson).join(",")}]`;
  const keys = Object.keys(value).sort(byteOrder);
  return `{${keys.map((k) => `${goJsonString(k)}:${sortedGoJson(value[k] as JsonValue)}`).join(",")}}`;
}

/** SHA-256 of the sorted Go JSON of `value`. */
export function sortedJsonSha256(value: JsonValue): Uint8Array {
  return new Uint8Array(createHash("sha256").update(sortedGoJson(value), "utf8").digest());
}
