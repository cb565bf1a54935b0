/**
 * The generic planning rules (terraform-plugin-framework semantics), applied to terraform's proposed new state:
 * 1. defaults for optional+computed attributes left null in configuration;
 * 2. if the resource is being created or changed, computed attributes left null in configuration become
 *    "known after apply" (unknown);
 * 3. attribute plan modifiers, in order (useStateForUnknown, requiresReplace, ...);
 * 4. write-only attributes are always planned as null.
 * The resource's own modifyPlan runs after this (provider-server.ts).
 */
import type { AttributePath } from "./diagnostics";
import type { BlockSpec, NestedBlockSpec } from "./schema";
import {
  cloneValue,
  isObjectValue,
  isUnknown,
  UNKNOWN,
  valuesEqual,
  type ObjectValue,
  type Value,
} from "./values";

export interface Replacement {
  path: AttributePath;
  reason?: string;
}

export interface PlanResult {
  planned: ObjectValue;
  requiresReplace: Replacement[];
}

/** Elements of nested blocks, aligned between planned, config and prior by index or key (not for sets). */
type Visit = (
  block: BlockSpec,
  planned: ObjectValue,
  config: Value,
  prior: Value,
  path: AttributePath,
) => void;

function walkNested(
  nested: NestedBlockSpec,
  planned: Value,
  config: Value,
  prior: Value,
  path: AttributePath,
  visit: Visit,
) {
  if (isUnknown(planned) || planned === null) return;
  const cfg = isUnknown(config) ? UNKNOWN : config;
  const at = (container: Value, k: number | string): Value => {
    if (isUnknown(container)) return UNKNOWN;
    if (Array.isArray(container) && typeof k === "number") return container[k] ?? null;
    if (isObjectValue(container) && typeof k === "string") return container[k] ?? null;
    return null;
  };
  switch (nested.nesting) {
    case "single":
    case "group":
      if (isObjectValue(planned)) visit(nested.block, planned, cfg, prior, path);
      return;
    case "list":
      if (Array.isArray(planned)) {
        planned.forEach((el, i) => {
          if (isObjectValue(el)) visit(nested.block, el, at(cfg, i), at(prior, i), [...path, i]);
        });
      }
      return;
    case "set":
      // Set elements have no identity across plans: treat each as new.
      if (Array.isArray(planned)) {
        planned.forEach((el, i) => {
          if (isObjectValue(el)) visit(nested.block, el, at(cfg, i), null, path);
        });
      }
      return;
    case "map":
      if (isObjectValue(planned)) {
        for (const [k, el] of Object.entries(planned)) {
          if (isObjectValue(el)) visit(nested.block, el, at(cfg, k), at(prior, k), [...path, { key: k }]);
        }
      }
      return;
  }
}

function field(obj: Value, name: string): Value {
  if (isUnknown(obj)) return UNKNOWN;
  return isObjectValue(obj) ? (obj[name] ?? null) : null;
}

/** Runs `visit` on the elements of each nested block of `block`, aligned with their config and prior. */
function visitNestedBlocks(
  block: BlockSpec,
  planned: ObjectValue,
  config: Value,
  prior: Value,
  path: AttributePath,
  visit: Visit,
) {
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    walkNested(
      nested,
      planned[name] ?? null,
      field(config, name),
      field(prior, name),
      [...path, name],
      visit,
    );
  }
}

const applyDefaults: Visit = (block, planned, config, prior, path) => {
  for (const [name, attr] of Object.entries(block.attributes)) {
    if (attr.writeOnly) planned[name] = null;
    if (attr.default === undefined || !attr.computed) continue;
    if (field(config, name) === null) planned[name] = cloneValue(attr.default);
  }
  visitNestedBlocks(block, planned, config, prior, path, applyDefaults);
};

const markComputedUnknown: Visit = (block, planned, config, prior, path) => {
  for (const [name, attr] of Object.entries(block.attributes)) {
    if (!attr.computed || attr.default !== undefined || attr.writeOnly) continue;
    if (field(config, name) === null) planned[name] = UNKNOWN;
  }
  visitNestedBlocks(block, planned, config, prior, path, markComputedUnknown);
};

function runModifiers(replacements: Replacement[]): Visit {
  const visit: Visit = (block, planned, config, prior, path) => {
    const creating = !isObjectValue(prior);
    for (const [name, attr] of Object.entries(block.attributes)) {
      const at = [...path, name];
      if (attr.writeOnly) continue;
      for (const modifier of attr.planModifiers ?? []) {
        const result = modifier.modify({
          path: at,
          creating,
          prior: creating ? null : field(prior, name),
          config: field(config, name),
          planned: planned[name] ?? null,
        });
        if (!result) continue;
        if (result.planned !== undefined) planned[name] = result.planned;
        if (result.requiresReplace) {
          replacements.push({
            path: at,
            ...(result.requiresReplace.reason ? { reason: result.requiresReplace.reason } : {}),
          });
        }
      }
    }
    visitNestedBlocks(block, planned, config, prior, path, visit);
  };
  return visit;
}

/** Applies the generic rules to `proposed` (not mutated). `prior` is null when creating. */
export function planResource(
  block: BlockSpec,
  prior: ObjectValue | null,
  proposed: ObjectValue,
  config: ObjectValue,
): PlanResult {
  const planned = cloneValue(proposed);
  applyDefaults(block, planned, config, prior, []);
  // The user's own `timeouts` block is not a change to the remote object.
  const changing =
    prior === null || !valuesEqual({ ...planned, timeouts: null }, { ...prior, timeouts: null });
  if (changing) markComputedUnknown(block, planned, config, prior, []);
  const requiresReplace: Replacement[] = [];
  runModifiers(requiresReplace)(block, planned, config, prior, []);
  return { planned, requiresReplace };
}
