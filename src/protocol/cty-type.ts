/** cty's JSON type encoding (Schema.Attribute.type, dynamic values): `"string"`, `["list","string"]`, ... */
import { parseTypeJson } from "../framework/json-values";
import type { TfType } from "../framework/schema";
import { Decimal, isObjectValue, UnknownValue, type Value } from "../framework/values";

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

export function typeToJson(type: TfType): string {
  // TfType is spelled exactly like cty's JSON form.
  return JSON.stringify(type);
}

export function typeToJsonBytes(type: TfType): Uint8Array {
  return utf8Encoder.encode(typeToJson(type));
}

export function typeFromJson(json: string | Uint8Array): TfType {
  const text = typeof json === "string" ? json : utf8Decoder.decode(json);
  return parseTypeJson(JSON.parse(text));
}

/**
 * Remembers the exact type of values decoded from a `dynamic` attribute, so they go back with the same type
 * (a list stays a list, not a tuple). Keyed by the decoded array/object.
 */
export const dynamicTypes = new WeakMap<object, TfType>();

/** The type of a value in a `dynamic` position: remembered if it came from terraform, else inferred. */
export function inferType(v: Value): TfType {
  if (v === null || v instanceof UnknownValue) return "dynamic";
  if (typeof v === "string") return "string";
  if (typeof v === "number" || v instanceof Decimal) return "number";
  if (typeof v === "boolean") return "bool";
  const known = dynamicTypes.get(v);
  if (known) return known;
  if (Array.isArray(v)) return ["tuple", v.map(inferType)];
  if (isObjectValue(v)) {
    const attrs: Record<string, TfType> = {};
    for (const [k, x] of Object.entries(v)) attrs[k] = inferType(x);
    return ["object", attrs];
  }
  return "dynamic";
}
