/**
 * Makes a handler's value fit the schema type before it goes to terraform, with cty's safe conversions
 * (number/bool -> string, numeric string -> number, "true"/"false" -> bool). What cannot be converted becomes null
 * and is reported, so a wrong type is a clear error instead of a broken response.
 */
import { formatPath, type AttributePath } from "./diagnostics";
import type { TfType } from "./schema";
import {
  Decimal,
  isObjectValue,
  numberValue,
  setOwn,
  UnknownValue,
  type ObjectValue,
  type Value,
} from "./values";

export interface TypeProblem {
  path: AttributePath;
  message: string;
}

function describe(v: Value): string {
  if (Array.isArray(v)) return "a list";
  if (v instanceof Decimal) return `the number ${v.text}`;
  if (isObjectValue(v)) return "an object";
  return `${typeof v} ${JSON.stringify(v)}`.slice(0, 60);
}

function typeName(t: TfType): string {
  return typeof t === "string" ? t : `${t[0]}(...)`;
}

export function conformValue(
  type: TfType,
  v: Value | undefined,
  path: AttributePath,
  problems: TypeProblem[],
): Value {
  if (v === undefined || v === null || v instanceof UnknownValue) return v ?? null;
  const bad = (): Value => {
    problems.push({
      path,
      message: `"${formatPath(path) || "value"}" must be ${typeName(type)}, but the provider produced ${describe(v)}`,
    });
    return null;
  };
  if (type === "dynamic") return v;
  if (type === "string") {
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    if (v instanceof Decimal) return v.text;
    return bad();
  }
  if (type === "number") {
    if (typeof v === "number") return Number.isFinite(v) ? v : bad();
    if (v instanceof Decimal) return v;
    if (typeof v === "string" && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v.trim())) return numberValue(v);
    return bad();
  }
  if (type === "bool") {
    if (typeof v === "boolean") return v;
    if (v === "true" || v === "false") return v === "true";
    return bad();
  }
  const [kind, inner] = type;
  switch (kind) {
    case "list":
    case "set":
      if (!Array.isArray(v)) return bad();
      return v.map((x, i) => conformValue(inner, x, [...path, i], problems));
    case "tuple":
      if (!Array.isArray(v) || v.length !== inner.length) return bad();
      return inner.map((t, i) => conformValue(t, v[i], [...path, i], problems));
    case "map": {
      if (!isObjectValue(v)) return bad();
      const out: ObjectValue = {};
      for (const [k, x] of Object.entries(v))
        setOwn(out, k, conformValue(inner, x, [...path, { key: k }], problems));
      return out;
    }
    case "object": {
      if (!isObjectValue(v)) return bad();
      const out: ObjectValue = {};
      for (const [k, t] of Object.entries(inner))
        setOwn(out, k, conformValue(t, v[k], [...path, k], problems));
      return out;
    }
  }
}
