/**
 * User-facing operation timeouts: an optional `timeouts { create = "20m" }` block (the convention of
 * terraform-plugin-framework-timeouts), with Go duration strings such as "30s", "20m", "1h30m".
 */
import type { Diagnostics } from "./diagnostics";
import type { AttributeSpec, NestedBlockSpec } from "./schema";
import { custom } from "./validators";
import { isObjectValue, type ObjectValue } from "./values";
import { parseDuration } from "../go-duration";

export type TimeoutOperation = "create" | "read" | "update" | "delete";
export type TimeoutDefaults = Partial<Record<TimeoutOperation, string>>;

export const TIMEOUTS_BLOCK = "timeouts";

/** The nested block a resource gets when it declares `timeouts`. */
export function timeoutsBlock(defaults: TimeoutDefaults): NestedBlockSpec {
  const attributes: Record<string, AttributeSpec> = {};
  for (const [op, def] of Object.entries(defaults) as [TimeoutOperation, string][]) {
    attributes[op] = {
      type: "string",
      optional: true,
      description: `How long to wait for ${op === "read" ? "a refresh" : `the ${op}`} before giving up, as a duration such as \`30s\`, \`20m\` or \`1h30m\`. Default: \`${def}\`.`,
      validators: [
        custom((value, path, diags: Diagnostics) => {
          if (typeof value === "string" && parseDuration(value) === undefined) {
            diags.error(
              "Invalid duration",
              `${JSON.stringify(value)} is not a duration; use a number with a unit, e.g. "30s", "20m" or "1h30m".`,
              path,
            );
          }
        }, "A duration such as `20m`."),
      ],
    };
  }
  return {
    nesting: "single",
    block: { description: "Time limits for the operations of this resource.", attributes },
  };
}

/** The timeout for one operation: the user's `timeouts` block if set, else the resource's default. */
export function timeoutFor(
  state: ObjectValue | null,
  op: TimeoutOperation,
  defaults: TimeoutDefaults | undefined,
): number | undefined {
  const block = state?.[TIMEOUTS_BLOCK];
  if (isObjectValue(block)) {
    const configured = block[op];
    if (typeof configured === "string") {
      const ms = parseDuration(configured);
      if (ms !== undefined) return ms;
    }
  }
  const def = defaults?.[op];
  return def === undefined ? undefined : parseDuration(def);
}

/** "1h30m0s"-style text for messages. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return `${h ? `${h}h` : ""}${h || m ? `${m}m` : ""}${s || (!h && !m) ? `${s}s` : ""}`;
}
