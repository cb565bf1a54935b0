/**
 * Typed models derived from schemas. A resource declares its schema once (with `defineSchema`, which keeps the
 * literal types) and gets its model type from it: `ModelOf<typeof schema>`. The framework decodes terraform's
 * values into that model at the boundary, checking each value against the schema, so handlers read and write
 * plain typed fields instead of casting dictionary entries.
 *
 * - A `required` attribute is its TypeScript type; any other attribute may also be `null`.
 * - `number` attributes are JS numbers (the provider's numbers are small counts and sequence numbers).
 * - Object-typed attribute fields may be null, as terraform allows.
 * - While planning (`PlanModelOf<S>`), any attribute may be unknown; an unknown nested inside an attribute's value
 *   makes the whole attribute unknown in the model (the raw value is kept unless the handler replaces it). Nested
 *   blocks are decoded attribute by attribute.
 */
import type { BlockSpec, NestedBlockSpec, SchemaSpec, TfType } from "./schema";
import { Decimal, isObjectValue, UnknownValue, type ObjectValue, type Value } from "./values";

/** Keeps the literal types of a schema written inline, so its model can be derived from it. */
export function defineSchema<const S extends SchemaSpec>(schema: S): S {
  return schema;
}

/** The TypeScript value of a terraform type. */
export type ValueOf<T> = T extends "string"
  ? string
  : T extends "number"
    ? number
    : T extends "bool"
      ? boolean
      : T extends "dynamic"
        ? Value
        : T extends readonly ["list" | "set", infer E]
          ? ValueOf<E>[]
          : T extends readonly ["map", infer E]
            ? Record<string, ValueOf<E>>
            : T extends readonly ["object", infer O]
              ? { -readonly [K in keyof O]: ValueOf<O[K]> | null }
              : T extends readonly ["tuple", readonly unknown[]]
                ? Value[]
                : never;

type AttributeValue<A> = A extends { type: infer T; required: true }
  ? ValueOf<T>
  : A extends { type: infer T }
    ? ValueOf<T> | null
    : never;

type NestedValue<N> = N extends { nesting: "single" | "group"; block: infer B }
  ? BlockModel<B> | null
  : N extends { nesting: "list" | "set"; block: infer B }
    ? BlockModel<B>[]
    : N extends { nesting: "map"; block: infer B }
      ? Record<string, BlockModel<B>>
      : never;

type Simplify<T> = { -readonly [K in keyof T]: T[K] } & {};

/** The model of a block: one field per attribute and nested block. */
export type BlockModel<B> = B extends { attributes: infer A }
  ? Simplify<
      { [K in keyof A]: AttributeValue<A[K]> } & (B extends { blocks: infer N }
        ? { [K in keyof N]: NestedValue<N[K]> }
        : unknown)
    >
  : never;

/** The model of a resource or data source schema (configured and planned values: required ones are set). */
export type ModelOf<S extends SchemaSpec> = BlockModel<S["block"]>;

type NestedState<N> = N extends { nesting: "single" | "group"; block: infer B }
  ? BlockState<B> | null
  : N extends { nesting: "list" | "set"; block: infer B }
    ? BlockState<B>[]
    : N extends { nesting: "map"; block: infer B }
      ? Record<string, BlockState<B>>
      : never;

/** A block as state holds it: after an import, even a required attribute may be null. */
export type BlockState<B> = B extends { attributes: infer A }
  ? Simplify<
      { [K in keyof A]: A[K] extends { type: infer T } ? ValueOf<T> | null : never } & (B extends {
        blocks: infer N;
      }
        ? { [K in keyof N]: NestedState<N[K]> }
        : unknown)
    >
  : never;

/** The model of a resource's state (read, import, delete and the prior state of an update). */
export type StateModelOf<S extends SchemaSpec> = BlockState<S["block"]>;

type NestedPlan<N> = N extends { nesting: "single" | "group"; block: infer B }
  ? BlockPlan<B> | null
  : N extends { nesting: "list" | "set"; block: infer B }
    ? BlockPlan<B>[]
    : N extends { nesting: "map"; block: infer B }
      ? Record<string, BlockPlan<B>>
      : never;

/** A block while planning: any attribute may be unknown, and so may each nested block, whose own attributes may be too. */
export type BlockPlan<B> = B extends { attributes: infer A }
  ? Simplify<
      { [K in keyof A]: AttributeValue<A[K]> | UnknownValue } & (B extends { blocks: infer N }
        ? { [K in keyof N]: NestedPlan<N[K]> | UnknownValue }
        : unknown)
    >
  : never;

/** The model of a schema while planning (validate and plan: values may still be unknown). */
export type PlanModelOf<S extends SchemaSpec> = BlockPlan<S["block"]>;

/** Thrown when a value does not have its schema's type: a framework or terraform bug, never user input. */
export class ModelTypeError extends Error {
  constructor(path: string, expected: string, got: unknown) {
    super(`${path || "value"}: expected ${expected}, got ${describe(got)}`);
    this.name = "ModelTypeError";
  }
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (v instanceof Decimal) return `the number ${v.text}`;
  return typeof v;
}

/** Whether a value holds an unknown anywhere. */
function containsUnknown(v: Value): boolean {
  if (v instanceof UnknownValue) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (isObjectValue(v)) return Object.values(v).some(containsUnknown);
  return false;
}

function decodeType(type: TfType, v: Value, path: string): Value {
  if (v === null) return null;
  if (type === "dynamic") return v;
  if (type === "string") {
    if (typeof v !== "string") throw new ModelTypeError(path, "a string", v);
    return v;
  }
  if (type === "number") {
    if (typeof v === "number") return v;
    if (v instanceof Decimal) return Number(v.text);
    throw new ModelTypeError(path, "a number", v);
  }
  if (type === "bool") {
    if (typeof v !== "boolean") throw new ModelTypeError(path, "a bool", v);
    return v;
  }
  switch (type[0]) {
    case "list":
    case "set": {
      if (!Array.isArray(v)) throw new ModelTypeError(path, `a ${type[0]}`, v);
      const element = type[1];
      return v.map((x, i) => decodeType(element, x, `${path}[${i}]`));
    }
    case "map": {
      if (!isObjectValue(v)) throw new ModelTypeError(path, "a map", v);
      const element = type[1];
      const out: ObjectValue = {};
      for (const [k, x] of Object.entries(v)) setField(out, k, decodeType(element, x, `${path}["${k}"]`));
      return out;
    }
    case "object": {
      if (!isObjectValue(v)) throw new ModelTypeError(path, "an object", v);
      const out: ObjectValue = {};
      for (const [k, t] of Object.entries(type[1])) out[k] = decodeType(t, v[k] ?? null, `${path}.${k}`);
      return out;
    }
    case "tuple":
      if (!Array.isArray(v)) throw new ModelTypeError(path, "a tuple", v);
      return v;
  }
}

function setField(obj: ObjectValue, key: string, value: Value): void {
  if (key === "__proto__")
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/**
 * How values are decoded: `plan` keeps unknown values; `apply` reads unknown values as null (only computed values
 * can still be unknown then) and requires required attributes to be set; `state` is like `apply` but allows a
 * required attribute to be null (after an import).
 */
export type DecodeMode = "plan" | "apply" | "state";

function decodeEntry(v: Value, mode: DecodeMode, decode: () => Value): Value {
  if (containsUnknown(v)) return mode === "plan" ? new UnknownValue() : null;
  return decode();
}

/** Nested blocks are decoded attribute by attribute: only a block that is unknown as a whole is unknown. */
function decodeBlockEntry(v: Value, mode: DecodeMode, decode: () => Value): Value {
  if (v instanceof UnknownValue) return mode === "plan" ? v : null;
  return decode();
}

function decodeNested(nested: NestedBlockSpec, v: Value, mode: DecodeMode, path: string): Value {
  if (v === null)
    return nested.nesting === "single" || nested.nesting === "group"
      ? null
      : nested.nesting === "map"
        ? {}
        : [];
  switch (nested.nesting) {
    case "single":
    case "group":
      if (!isObjectValue(v)) throw new ModelTypeError(path, "a block", v);
      return decodeBlock(nested.block, v, mode, path);
    case "list":
    case "set":
      if (!Array.isArray(v)) throw new ModelTypeError(path, "a list of blocks", v);
      return v.map((x, i) => {
        if (x instanceof UnknownValue) return mode === "plan" ? x : null;
        if (!isObjectValue(x)) throw new ModelTypeError(`${path}[${i}]`, "a block", x);
        return decodeBlock(nested.block, x, mode, `${path}[${i}]`);
      });
    case "map": {
      if (!isObjectValue(v)) throw new ModelTypeError(path, "a map of blocks", v);
      const out: ObjectValue = {};
      for (const [k, x] of Object.entries(v)) {
        if (!isObjectValue(x)) throw new ModelTypeError(`${path}["${k}"]`, "a block", x);
        setField(out, k, decodeBlock(nested.block, x, mode, `${path}["${k}"]`));
      }
      return out;
    }
  }
}

function decodeBlock(block: BlockSpec, value: ObjectValue, mode: DecodeMode, path: string): ObjectValue {
  const out: ObjectValue = {};
  const at = (name: string) => (path ? `${path}.${name}` : name);
  for (const [name, attr] of Object.entries(block.attributes)) {
    const v = value[name] ?? null;
    if (v === null && attr.required && mode === "apply")
      throw new ModelTypeError(at(name), "a value (required)", v);
    out[name] = decodeEntry(v, mode, () => decodeType(attr.type, v, at(name)));
  }
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const v = value[name] ?? null;
    out[name] = decodeBlockEntry(v, mode, () => decodeNested(nested, v, mode, at(name)));
  }
  return out;
}

/**
 * Reads a terraform object value as the schema's model (checked against the schema; see `modelCodec` for the
 * typed form). Keys outside the schema (e.g. the framework's `timeouts` block) are left out.
 */
export function decodeModel(schema: SchemaSpec, value: ObjectValue, mode: DecodeMode): ObjectValue {
  return decodeBlock(schema.block, value, mode, "");
}

/** Typed decoding for one schema: `known` for apply and read, `planning` for validate and plan. */
export interface ModelCodec<M, PM, SM> {
  /** Configured or planned values at apply (required attributes are set). */
  known(v: ObjectValue): M;
  planning(v: ObjectValue): PM;
  state(v: ObjectValue): SM;
}

export function modelCodec<S extends SchemaSpec>(
  schema: S,
): ModelCodec<ModelOf<S>, PlanModelOf<S>, StateModelOf<S>> {
  // The one place where checked values become the model types: decodeBlock produced exactly their shape.
  return {
    known: (v) => decodeModel(schema, v, "apply") as unknown as ModelOf<S>,
    planning: (v) => decodeModel(schema, v, "plan") as unknown as PlanModelOf<S>,
    state: (v) => decodeModel(schema, v, "state") as unknown as StateModelOf<S>,
  };
}

/** A model as a terraform object value (models hold terraform values already; this only widens the type). */
export function encodeModel<M extends object>(model: M): ObjectValue {
  return model as unknown as ObjectValue;
}
