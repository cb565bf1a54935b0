/**
 * A plain YAML scalar that resolved to a number, boolean or null, kept together with its source text.
 *
 * Go's SDL parser (yaml.v3) reads such scalars from their text: `units: 1.50` is parsed with strconv, a
 * placement attribute `tier: 1.50` becomes the string "1.50", `persistent: True` is the string "True". To match it
 * we must not lose the text the way a plain JS number or boolean would.
 */
export type YamlScalarKind = "int" | "float" | "bool" | "null";

export class YamlScalar {
  constructor(
    readonly kind: YamlScalarKind,
    readonly raw: string,
    readonly value: number | boolean | null,
  ) {}

  /** js-yaml stringifies mapping keys; a numeric key such as `80:` must become its text, not "[object Object]". */
  toString(): string {
    return this.raw;
  }

  get [Symbol.toStringTag](): string {
    return "YamlScalar";
  }
}

export function isYamlScalar(value: unknown): value is YamlScalar {
  return value instanceof YamlScalar;
}

/** The value the YAML scalar denotes (number, boolean, null); strings and collections are returned as they are. */
export function plainValue(value: unknown): unknown {
  return value instanceof YamlScalar ? value.value : value;
}
