/**
 * JSON <-> Value, exact for numbers: terraform stores state as JSON (and may send JSON DynamicValues), and a JS
 * JSON.parse would silently round numbers above 2^53 (uakt amounts). Conversion follows cty's JSON encoding.
 */
import { DiagnosticError } from "./diagnostics";
import { JsonNumber, type ExactJson } from "./exact-json";
import type { TfType } from "./schema";
import { numberValue, setOwn, type ObjectValue, type Value } from "./values";

/** Plain JS view of exact JSON (numbers become number or Decimal); what state upgraders receive. */
export function exactJsonToPlain(v: ExactJson): unknown {
  if (v instanceof JsonNumber) return numberValue(v.text);
  if (Array.isArray(v)) return v.map(exactJsonToPlain);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === "__proto__")
        Object.defineProperty(out, k, { value: exactJsonToPlain(x), enumerable: true, writable: true });
      else out[k] = exactJsonToPlain(x);
    }
    return out;
  }
  return v;
}

function typeError(path: string, expected: string, got: unknown): DiagnosticError {
  const shown = got instanceof JsonNumber ? got.text : JSON.stringify(got);
  return new DiagnosticError(
    "Invalid stored value",
    `${path || "value"}: expected ${expected}, got ${shown?.slice(0, 80)}`,
  );
}

/** Converts exact JSON to a Value of `type` (cty JSON rules: numbers may be strings, dynamic is {value,type}). */
export function jsonToValue(type: TfType, v: ExactJson | undefined, path = ""): Value {
  if (v === undefined || v === null) return null;
  if (type === "dynamic") {
    if (
      typeof v === "object" &&
      !Array.isArray(v) &&
      !(v instanceof JsonNumber) &&
      "type" in v &&
      "value" in v
    ) {
      return jsonToValue(parseTypeJson(v.type), v.value, path);
    }
    return plainToValue(v);
  }
  if (type === "string") {
    if (typeof v === "string") return v;
    if (v instanceof JsonNumber) return v.text;
    if (typeof v === "boolean") return String(v);
    throw typeError(path, "a string", v);
  }
  if (type === "number") {
    if (v instanceof JsonNumber) return numberValue(v.text);
    if (typeof v === "string" && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v.trim())) return numberValue(v);
    throw typeError(path, "a number", v);
  }
  if (type === "bool") {
    if (typeof v === "boolean") return v;
    if (v === "true" || v === "false") return v === "true";
    throw typeError(path, "a bool", v);
  }
  const [kind, inner] = type;
  switch (kind) {
    case "list":
    case "set":
      if (!Array.isArray(v)) throw typeError(path, `a ${kind}`, v);
      return v.map((x, i) => jsonToValue(inner, x, `${path}[${i}]`));
    case "tuple":
      if (!Array.isArray(v)) throw typeError(path, "a tuple", v);
      return inner.map((t, i) => jsonToValue(t, v[i], `${path}[${i}]`));
    case "map": {
      if (typeof v !== "object" || Array.isArray(v) || v instanceof JsonNumber)
        throw typeError(path, "a map", v);
      const out: ObjectValue = {};
      for (const [k, x] of Object.entries(v))
        setOwn(out, k, jsonToValue(inner, x, `${path}[${JSON.stringify(k)}]`));
      return out;
    }
    case "object": {
      if (typeof v !== "object" || Array.isArray(v) || v instanceof JsonNumber)
        throw typeError(path, "an object", v);
      const out: ObjectValue = {};
      // Attributes the schema no longer has are dropped; missing ones are null.
      for (const [k, t] of Object.entries(inner)) {
        setOwn(
          out,
          k,
          jsonToValue(t, Object.prototype.hasOwnProperty.call(v, k) ? v[k] : null, path ? `${path}.${k}` : k),
        );
      }
      return out;
    }
  }
}

function plainToValue(v: ExactJson): Value {
  if (v instanceof JsonNumber) return numberValue(v.text);
  if (Array.isArray(v)) return v.map(plainToValue);
  if (v && typeof v === "object") {
    const out: ObjectValue = {};
    for (const [k, x] of Object.entries(v)) setOwn(out, k, plainToValue(x));
    return out;
  }
  return v;
}

/** Parses a cty JSON type (already JSON-decoded) into a TfType, validating it. */
export function parseTypeJson(raw: unknown): TfType {
  if (raw === "string" || raw === "number" || raw === "bool" || raw === "dynamic") return raw;
  if (Array.isArray(raw) && raw.length >= 2) {
    const [kind, arg] = raw as [unknown, unknown];
    if (kind === "list" || kind === "set" || kind === "map") return [kind, parseTypeJson(arg)];
    if (kind === "tuple" && Array.isArray(arg)) return ["tuple", arg.map(parseTypeJson)];
    if (kind === "object" && arg && typeof arg === "object" && !Array.isArray(arg)) {
      const attrs: Record<string, TfType> = {};
      for (const [k, t] of Object.entries(arg)) attrs[k] = parseTypeJson(t);
      return ["object", attrs];
    }
  }
  if (raw instanceof JsonNumber) throw new DiagnosticError("Invalid type", `not a type: ${raw.text}`);
  throw new DiagnosticError(
    "Invalid type",
    `not a type: ${JSON.stringify(exactJsonToPlain(raw as ExactJson))}`,
  );
}
