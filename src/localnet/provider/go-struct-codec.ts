/**
 * Go's encoding/json for a described set of Go types: decoding with its type errors and texts, zero values for
 * missing keys, case-insensitive key matching and dropped unknown keys; encoding with `omitempty`. The manifest
 * module describes the manifest types with these schemas (error texts name their Go packages, v2beta3/v1beta4).
 */
import type { JsonValue } from "./go-json";

/** A JSON document Go's decoder would refuse, with Go's error text. */
export class GoDecodeError extends Error {}

export type Schema =
  | { kind: "string" | "bool" | "uint32" | "int32" | "mathInt" }
  | { kind: "slice"; of: Schema }
  | { kind: "struct"; name: string; pointer?: boolean; fields: Field[] };
export interface Field {
  json: string;
  schema: Schema;
  omitempty?: boolean;
}

const GO_TYPE: Record<string, string> = {
  string: "string",
  bool: "bool",
  uint32: "uint32",
  int32: "v1beta4.Endpoint_Kind",
  mathInt: "math.Int",
};

function jsonKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "object") return "object";
  return typeof value;
}

function goTypeName(schema: Schema): string {
  if (schema.kind === "slice") return `[]${goTypeName(schema.of)}`;
  if (schema.kind === "struct") return `${schema.pointer ? "*" : ""}v2beta3.${schema.name}`;
  return GO_TYPE[schema.kind] ?? schema.kind;
}

/** `where` is "<innermost struct>.<field path from the root>", as Go's UnmarshalTypeError prints it. */
function mismatch(value: unknown, schema: Schema, where: string): GoDecodeError {
  const what = typeof value === "number" ? `number ${value}` : jsonKind(value);
  const target = where ? `Go struct field ${where}` : "Go value";
  return new GoDecodeError(`json: cannot unmarshal ${what} into ${target} of type ${goTypeName(schema)}`);
}

export function zero(schema: Schema): unknown {
  switch (schema.kind) {
    case "string":
      return "";
    case "bool":
      return false;
    case "uint32":
    case "int32":
      return 0;
    case "mathInt":
      return "0";
    case "slice":
      return null;
    case "struct":
      return schema.pointer ? null : decodeStruct({}, schema, "");
  }
}

/** Go matches an exact key first, then a case-insensitive one. */
function lookup(object: Record<string, unknown>, key: string): unknown {
  if (Object.prototype.hasOwnProperty.call(object, key)) return object[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(object)) if (k.toLowerCase() === lower) return object[k];
  return undefined;
}

function decodeStruct(value: Record<string, unknown>, schema: Schema & { kind: "struct" }, path: string) {
  const out: Record<string, unknown> = {};
  for (const field of schema.fields) {
    const raw = lookup(value, field.json);
    const fieldPath = path ? `${path}.${field.json}` : field.json;
    out[field.json] =
      raw === undefined || raw === null
        ? zero(field.schema)
        : decode(raw, field.schema, fieldPath, schema.name);
  }
  return out;
}

export function decode(value: unknown, schema: Schema, path: string, owner = ""): unknown {
  const where = owner ? `${owner}.${path}` : "";
  switch (schema.kind) {
    case "string":
      if (typeof value !== "string") throw mismatch(value, schema, where);
      return value;
    case "bool":
      if (typeof value !== "boolean") throw mismatch(value, schema, where);
      return value;
    case "uint32":
    case "int32": {
      const [min, max] = schema.kind === "uint32" ? [0, 0xffffffff] : [-0x80000000, 0x7fffffff];
      if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        throw mismatch(value, schema, where);
      }
      return value;
    }
    case "mathInt": {
      if (typeof value !== "string") throw mismatch(value, schema, where);
      if (!/^-?\d+$/.test(value))
        throw new GoDecodeError(`math/big: cannot unmarshal "${value}" into a *big.Int`);
      return BigInt(value).toString();
    }
    case "slice":
      if (!Array.isArray(value)) throw mismatch(value, schema, where);
      return value.map((item) => (item === null ? zero(schema.of) : decode(item, schema.of, path, owner)));
    case "struct":
      if (typeof value !== "object" || value === null || Array.isArray(value))
        throw mismatch(value, schema, where);
      return decodeStruct(value as Record<string, unknown>, schema, path);
  }
}

function isEmpty(value: unknown, schema: Schema): boolean {
  switch (schema.kind) {
    case "string":
      return value === "";
    case "bool":
      return value === false;
    case "uint32":
    case "int32":
      return value === 0;
    case "mathInt":
      return false;
    case "slice":
      return value === null || (value as unknown[]).length === 0;
    case "struct":
      return schema.pointer === true && value === null;
  }
}

export function encode(value: unknown, schema: Schema): JsonValue {
  switch (schema.kind) {
    case "string":
    case "bool":
    case "uint32":
    case "int32":
    case "mathInt":
      return value as JsonValue;
    case "slice":
      return value === null ? null : (value as unknown[]).map((item) => encode(item, schema.of));
    case "struct": {
      if (value === null) return null;
      const object = value as Record<string, unknown>;
      const out: Record<string, JsonValue> = {};
      for (const field of schema.fields) {
        // A field the value lacks (made for another dialect) is the zero value, as in a Go struct.
        const fieldValue = object[field.json] === undefined ? zero(field.schema) : object[field.json];
        if (field.omitempty && isEmpty(fieldValue, field.schema)) continue;
        out[field.json] = encode(fieldValue, field.schema);
      }
      return out;
    }
  }
}
