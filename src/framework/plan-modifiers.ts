/**
 * Attribute plan modifiers, applied in order while planning an update or a create (never a destroy).
 * Semantics follow terraform-plugin-framework: `useStateForUnknown` keeps a computed value that never changes out
 * of "known after apply", `requiresReplace` turns a change into destroy-then-create.
 */
import type { AttributePath } from "./diagnostics";
import { isUnknown, valuesEqual, type Value } from "./values";

export interface PlanModifierRequest {
  path: AttributePath;
  /** True when there is no prior state: the resource is being created. */
  creating: boolean;
  /** The attribute in prior state (null when creating). */
  prior: Value;
  /** The attribute as configured (may be unknown on the first plan). */
  config: Value;
  /** The attribute as planned so far. */
  planned: Value;
}

export interface PlanModifierResult {
  /** Replaces the planned value. */
  planned?: Value;
  /** Asks for replacement; `reason` is shown to the user in a warning. */
  requiresReplace?: { reason?: string };
}

export interface PlanModifier {
  description: string;
  modify(req: PlanModifierRequest): PlanModifierResult | void;
}

/** Keep the prior value instead of "known after apply" for a computed attribute that never changes (ids). */
export function useStateForUnknown(): PlanModifier {
  return {
    description: "The value does not change after creation.",
    modify({ creating, prior, config, planned }) {
      if (creating || !isUnknown(planned) || isUnknown(config)) return;
      return { planned: prior };
    },
  };
}

/** Spread into a computed attribute that never changes after create (ids, owners, published values). */
export const stableComputed: { computed: true; planModifiers: readonly PlanModifier[] } = {
  computed: true,
  planModifiers: [useStateForUnknown()],
};

/** Any change to this attribute destroys and re-creates the resource. */
export function requiresReplace(reason?: string): PlanModifier {
  return requiresReplaceIf(() => true, reason);
}

/** Replacement only when `when(prior, planned)` says so (e.g. only when a value grows). */
export function requiresReplaceIf(
  when: (prior: Value, planned: Value) => boolean,
  reason?: string,
): PlanModifier {
  return {
    description: reason
      ? `Changing this value forces replacement: ${reason}`
      : "Changing this value forces replacement.",
    modify({ creating, prior, planned }) {
      if (creating || valuesEqual(prior, planned)) return;
      if (!when(prior, planned)) return;
      return { requiresReplace: reason === undefined ? {} : { reason } };
    },
  };
}
