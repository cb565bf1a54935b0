/** The attributes whose change forces a resource to be replaced, as the plan reports them. */
import { formatPath, type AttributePath, type Diagnostics } from "./diagnostics";
import type { Logger } from "./logger";
import { valuesEqual } from "./values";

export interface Replacement {
  path: AttributePath;
  /** Shown to the user as a warning; planning rules give none. */
  reason?: string;
}

/** Each path once, in order; every replacement is logged and the ones with a reason are also a warning. */
export function reportReplacements(
  diags: Diagnostics,
  log: Logger,
  typeName: string,
  replace: readonly Replacement[],
): AttributePath[] {
  const requiresReplace: AttributePath[] = [];
  for (const r of replace) {
    if (requiresReplace.some((p) => valuesEqual(p, r.path))) continue;
    requiresReplace.push(r.path);
    const where = formatPath(r.path);
    log.info(`${typeName}: changing ${where} requires replacement`, r.reason ? { reason: r.reason } : {});
    if (r.reason) {
      diags.warning(
        `${typeName} will be replaced`,
        `Changing "${where}" forces replacement: ${r.reason}`,
        r.path,
      );
    }
  }
  return requiresReplace;
}
