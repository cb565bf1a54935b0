/**
 * tfplugin6 DynamicValue <-> Value, directed by the schema type (terraform's object-wire-format.md):
 * objects carry every attribute (null when absent), unknown is any msgpack extension (encoded as fixext1 type 0),
 * numbers are int, float or - when neither is exact - a decimal string, `dynamic` is [type JSON, value].
 */
import { parseExactJson } from "../framework/exact-json";
import { jsonToValue } from "../framework/json-values";
import type { TfType } from "../framework/schema";
import {
  Decimal,
  isObjectValue,
  numberValue,
  setOwn,
  UNKNOWN,
  UnknownValue,
  type ObjectValue,
  type Value,
} from "../framework/values";
import { dynamicTypes, inferType, typeFromJson, typeToJsonBytes } from "./cty-type";
import { decodeMsgpack, MsgExt, MsgMap, MsgpackWriter, type MsgNode } from "./msgpack";

const utf8Decoder = new TextDecoder();

export class ValueCodecError extends Error {
  constructor(path: string, message: string) {
    super(path ? `${path}: ${message}` : message);
    this.name = "ValueCodecError";
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const PLAIN_UNKNOWN = new Uint8Array([0]);

function sub(path: string, step: string | number): string {
  return typeof step === "number" ? `${path}[${step}]` : path ? `${path}.${step}` : step;
}

// ---- decoding ----

function unknownFrom(ext: MsgExt): UnknownValue {
  if (ext.type === 0) return UNKNOWN;
  return new UnknownValue({ type: ext.type, data: ext.data.slice() });
}

function decodeNode(type: TfType, node: MsgNode, path: string): Value {
  if (node instanceof MsgExt) return unknownFrom(node);
  if (node === null) return null;
  if (type === "dynamic") {
    if (!Array.isArray(node) || node.length !== 2)
      throw new ValueCodecError(path, "dynamic value is not [type, value]");
    const typeJson = node[0];
    if (typeof typeJson !== "string" && !(typeJson instanceof Uint8Array))
      throw new ValueCodecError(path, "dynamic value without a type");
    const actual = typeFromJson(typeJson);
    const v = decodeNode(actual, node[1] ?? null, path);
    if (v !== null && typeof v === "object" && !(v instanceof Decimal) && !(v instanceof UnknownValue))
      dynamicTypes.set(v, actual);
    return v;
  }
  if (type === "string") {
    if (typeof node === "string") return node;
    if (node instanceof Uint8Array) return utf8Decoder.decode(node);
    throw new ValueCodecError(path, "expected a string");
  }
  if (type === "number") {
    if (typeof node === "number") return node;
    if (typeof node === "bigint") return numberValue(node);
    if (typeof node === "string") return numberValue(node);
    throw new ValueCodecError(path, "expected a number");
  }
  if (type === "bool") {
    if (typeof node === "boolean") return node;
    throw new ValueCodecError(path, "expected a bool");
  }
  const [kind, inner] = type;
  switch (kind) {
    case "list":
    case "set":
      if (!Array.isArray(node)) throw new ValueCodecError(path, `expected a ${kind}`);
      return node.map((x, i) => decodeNode(inner, x, sub(path, i)));
    case "tuple":
      if (!Array.isArray(node)) throw new ValueCodecError(path, "expected a tuple");
      return inner.map((t, i) => decodeNode(t, node[i] ?? null, sub(path, i)));
    case "map": {
      if (!(node instanceof MsgMap)) throw new ValueCodecError(path, "expected a map");
      const out: ObjectValue = {};
      for (const [k, x] of node.entries)
        setOwn(out, String(k), decodeNode(inner, x, `${path}[${JSON.stringify(String(k))}]`));
      return out;
    }
    case "object": {
      if (!(node instanceof MsgMap)) throw new ValueCodecError(path, "expected an object");
      const given = new Map<string, MsgNode>();
      for (const [k, x] of node.entries) given.set(String(k), x);
      const out: ObjectValue = {};
      for (const [k, t] of Object.entries(inner))
        setOwn(out, k, decodeNode(t, given.get(k) ?? null, sub(path, k)));
      return out;
    }
  }
}

export function decodeMsgpackValue(type: TfType, data: Uint8Array): Value {
  if (data.length === 0) return null;
  return decodeNode(type, decodeMsgpack(data), "");
}

/** A DynamicValue as terraform sends it: msgpack normally, JSON in some paths. Absent means null. */
export function decodeDynamicValue(
  type: TfType,
  dv: { msgpack?: Uint8Array; json?: Uint8Array } | undefined,
): Value {
  if (!dv) return null;
  if (dv.msgpack && dv.msgpack.length > 0) return decodeMsgpackValue(type, dv.msgpack);
  if (dv.json && dv.json.length > 0) return jsonToValue(type, parseExactJson(utf8Decoder.decode(dv.json)));
  return null;
}

// ---- encoding ----

function describe(v: Value): string {
  if (Array.isArray(v)) return "a list";
  if (v instanceof Decimal) return `number ${v.text}`;
  if (isObjectValue(v)) return "an object";
  return `${typeof v} ${JSON.stringify(v)}`.slice(0, 60);
}

function encodeNumber(w: MsgpackWriter, v: number | Decimal, path: string): void {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new ValueCodecError(path, `${v} is not a valid number`);
    if (Number.isSafeInteger(v)) w.int(v);
    else w.float64(v);
    return;
  }
  const text = v.text;
  if (/^-?\d+$/.test(text)) {
    const big = BigInt(text);
    if (big >= INT64_MIN && big <= INT64_MAX) return w.int(big);
  }
  // Beyond int64 or a fraction float64 cannot hold: terraform reads a decimal string.
  w.str(text);
}

function encodeNode(w: MsgpackWriter, type: TfType, v: Value | undefined, path: string): void {
  if (v instanceof UnknownValue) {
    if (v.refinement) w.ext(v.refinement.type, v.refinement.data);
    else w.ext(0, PLAIN_UNKNOWN);
    return;
  }
  if (v === null || v === undefined) return w.nil();
  if (type === "dynamic") {
    const actual = inferType(v);
    w.arrayHeader(2);
    w.bin(typeToJsonBytes(actual));
    return encodeNode(w, actual, v, path);
  }
  const wrong = (expected: string): never => {
    throw new ValueCodecError(path, `expected ${expected}, got ${describe(v)}`);
  };
  if (type === "string") return typeof v === "string" ? w.str(v) : wrong("a string");
  if (type === "number")
    return typeof v === "number" || v instanceof Decimal ? encodeNumber(w, v, path) : wrong("a number");
  if (type === "bool") return typeof v === "boolean" ? w.bool(v) : wrong("a bool");
  const [kind, inner] = type;
  switch (kind) {
    case "list":
    case "set":
      if (!Array.isArray(v)) return wrong(`a ${kind}`);
      w.arrayHeader(v.length);
      v.forEach((x, i) => encodeNode(w, inner, x, sub(path, i)));
      return;
    case "tuple":
      if (!Array.isArray(v) || v.length !== inner.length) return wrong(`a tuple of ${inner.length}`);
      w.arrayHeader(inner.length);
      inner.forEach((t, i) => encodeNode(w, t, v[i], sub(path, i)));
      return;
    case "map": {
      if (!isObjectValue(v)) return wrong("a map");
      const entries = Object.entries(v);
      w.mapHeader(entries.length);
      for (const [k, x] of entries) {
        w.str(k);
        encodeNode(w, inner, x, `${path}[${JSON.stringify(k)}]`);
      }
      return;
    }
    case "object": {
      if (!isObjectValue(v)) return wrong("an object");
      const names = Object.keys(inner);
      w.mapHeader(names.length);
      for (const k of names) {
        w.str(k);
        encodeNode(w, inner[k]!, Object.prototype.hasOwnProperty.call(v, k) ? v[k] : null, sub(path, k));
      }
      return;
    }
  }
}

export function encodeMsgpackValue(type: TfType, v: Value): Uint8Array {
  const w = new MsgpackWriter();
  encodeNode(w, type, v, "");
  return w.finish();
}
