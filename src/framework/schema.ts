/**
 * Schemas as resources declare them. `TfType` is deliberately spelled like cty's JSON type encoding, so it goes
 * on the wire as is (see protocol/cty-type.ts).
 */
import type { PlanModifier } from "./plan-modifiers";
import type { Validator } from "./validators";
import type { Value } from "./values";

export type TfType =
  | "string"
  | "number"
  | "bool"
  | "dynamic"
  | readonly ["list", TfType]
  | readonly ["set", TfType]
  | readonly ["map", TfType]
  | readonly ["object", Readonly<Record<string, TfType>>]
  | readonly ["tuple", readonly TfType[]];

export interface AttributeSpec {
  type: TfType;
  /** Markdown. */
  description: string;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  deprecated?: boolean;
  /** Never stored in state (terraform >= 1.11): always null in plans, state and read results. */
  writeOnly?: boolean;
  /** For optional+computed attributes: the planned value when the configuration leaves it null. */
  default?: Value;
  planModifiers?: readonly PlanModifier[];
  validators?: readonly Validator[];
}

export interface NestedBlockSpec {
  nesting: "single" | "list" | "set" | "map" | "group";
  block: BlockSpec;
  minItems?: number;
  maxItems?: number;
}

export interface BlockSpec {
  description?: string;
  deprecated?: boolean;
  attributes: Readonly<Record<string, AttributeSpec>>;
  blocks?: Readonly<Record<string, NestedBlockSpec>>;
}

export interface SchemaSpec {
  version: number;
  block: BlockSpec;
}

export function containsDynamic(type: TfType): boolean {
  if (type === "dynamic") return true;
  if (typeof type === "string") return false;
  switch (type[0]) {
    case "list":
    case "set":
    case "map":
      return containsDynamic(type[1]);
    case "object":
      return Object.values(type[1]).some(containsDynamic);
    case "tuple":
      return type[1].some(containsDynamic);
  }
}

/** The value type a block has in state and plans (terraform's configschema "implied type"). */
export function impliedType(block: BlockSpec): TfType {
  const attrs: Record<string, TfType> = {};
  for (const [name, attr] of Object.entries(block.attributes)) attrs[name] = attr.type;
  for (const [name, nested] of Object.entries(block.blocks ?? {})) attrs[name] = nestedBlockType(nested);
  return ["object", attrs];
}

export function nestedBlockType(nested: NestedBlockSpec): TfType {
  const inner = impliedType(nested.block);
  switch (nested.nesting) {
    case "single":
    case "group":
      return inner;
    case "list":
      // Terraform uses a dynamic type for list/map blocks whose elements could differ in type.
      return containsDynamic(inner) ? "dynamic" : ["list", inner];
    case "map":
      return containsDynamic(inner) ? "dynamic" : ["map", inner];
    case "set":
      return ["set", inner];
  }
}
