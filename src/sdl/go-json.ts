/**
 * JSON exactly as Go writes it after `sdk.SortJSON` (chain-sdk go/manifest/v2beta3/manifest.go `Version`):
 * compact, object keys sorted bytewise, and strings escaped the encoding/json way (Go ≥ 1.22):
 * `<`, `>`, `&`, U+2028 and U+2029 as \u escapes, \b \f \n \r \t short forms, other control characters as
 * \u00XX, and invalid UTF-16 (lone surrogates, which Go would see as invalid UTF-8) as U+FFFD.
 * This string is both what the provider must receive and what the deployment hash is computed over.
 */
import { goStringLess } from "./go-sort";

// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const NEEDS_ESCAPE = /[\u0000-\u001f"\\<>&\u2028\u2029\ud800-\udfff]/;

function escapeChar(ch: string): string {
  switch (ch) {
    case '"':
      return '\\"';
    case "\\":
      return "\\\\";
    case "\b":
      return "\\b";
    case "\f":
      return "\\f";
    case "\n":
      return "\\n";
    case "\r":
      return "\\r";
    case "\t":
      return "\\t";
    default:
      return `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
  }
}

export function goJsonString(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return `"${value}"`;
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += value[i]! + value[i + 1]!;
        i++;
        continue;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) out += "\ufffd";
    else if (
      code < 0x20 ||
      code === 0x22 ||
      code === 0x5c ||
      code === 0x3c ||
      code === 0x3e ||
      code === 0x26 ||
      code === 0x2028 ||
      code === 0x2029
    ) {
      out += escapeChar(value[i]!);
    } else out += value[i]!;
  }
  return `${out}"`;
}

/** Serialises plain JSON data (objects, arrays, strings, finite numbers, booleans, null) the Go way. */
export function goSortedJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return goJsonString(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new TypeError("cannot encode a non-finite number as JSON");
      return String(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map(goSortedJson).join(",")}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort((a, b) => (goStringLess(a, b) ? -1 : goStringLess(b, a) ? 1 : 0));
      return `{${keys.map((k) => `${goJsonString(k)}:${goSortedJson(record[k])}`).join(",")}}`;
    }
    default:
      throw new TypeError(`cannot encode ${typeof value} as JSON`);
  }
}
