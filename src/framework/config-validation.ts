/**
 * Schema-directed checks of a configuration: required/computed rules, nesting limits, deprecations and the
 * attributes' validators. Unknown values are skipped (they are checked once known, at plan/apply).
 */
import { formatPath, type AttributePath, type Diagnostics } from "./diagnostics";
import type { BlockSpec, NestedBlockSpec } from "./schema";
import { isObjectValue, isUnknown, type Value } from "./values";

export function validateBlock(block: BlockSpec, value: Value, path: AttributePath, diags: Diagnostics): void {
  if (!isObjectValue(value)) return;
  for (const [name, attr] of Object.entries(block.attributes)) {
    const v = value[name] ?? null;
    const at = [...path, name];
    if (isUnknown(v)) continue;
    if (v === null) {
      if (attr.required) {
        diags.error(
          "Missing required argument",
          `The argument "${formatPath(at)}" is required, but no definition was found.`,
          at,
        );
      }
      continue;
    }
    if (attr.computed && !attr.optional && !attr.required) {
      diags.error(
        "Invalid configuration",
        `"${formatPath(at)}" is computed by the provider and cannot be set in configuration; remove it.`,
        at,
      );
      continue;
    }
    if (attr.deprecated) {
      diags.warning(
        "Argument is deprecated",
        `"${formatPath(at)}" is deprecated. ${attr.description}`.trim(),
        at,
      );
    }
    for (const validator of attr.validators ?? []) validator.validate(v, at, diags);
  }
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    validateNested(name, nested, value[name] ?? null, [...path, name], diags);
  }
}

function validateNested(
  name: string,
  nested: NestedBlockSpec,
  v: Value,
  at: AttributePath,
  diags: Diagnostics,
): void {
  if (isUnknown(v)) return;
  const count = (n: number) => {
    if (nested.minItems !== undefined && n < nested.minItems) {
      diags.error(
        "Insufficient blocks",
        `At least ${nested.minItems} "${name}" block${nested.minItems === 1 ? " is" : "s are"} required.`,
        at.slice(0, -1).length ? at.slice(0, -1) : undefined,
      );
    }
    if (nested.maxItems !== undefined && nested.maxItems > 0 && n > nested.maxItems) {
      diags.error("Too many blocks", `No more than ${nested.maxItems} "${name}" block(s) are allowed.`, at);
    }
  };
  switch (nested.nesting) {
    case "single":
    case "group":
      if (nested.nesting === "single") count(v === null ? 0 : 1);
      validateBlock(nested.block, v, at, diags);
      return;
    case "list":
    case "set":
      if (!Array.isArray(v)) {
        count(0);
        return;
      }
      count(v.length);
      v.forEach((el, i) =>
        validateBlock(nested.block, el, nested.nesting === "list" ? [...at, i] : at, diags),
      );
      return;
    case "map":
      if (!isObjectValue(v)) return;
      for (const [k, el] of Object.entries(v)) validateBlock(nested.block, el, [...at, { key: k }], diags);
      return;
  }
}
