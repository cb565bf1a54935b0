/**
 * Diagnostics are how users learn what went wrong: a summary, a detail and, when it is about one attribute, its
 * path (terraform then underlines that spot in the configuration).
 */

/** Attribute name | list/tuple/set index | map key. */
export type AttributePath = (string | number | { key: string })[];

export interface Diagnostic {
  severity: "error" | "warning";
  summary: string;
  detail: string;
  path?: AttributePath;
}

export class Diagnostics {
  readonly items: Diagnostic[] = [];

  error(summary: string, detail = "", path?: AttributePath): void {
    this.items.push({ severity: "error", summary, detail, ...(path ? { path } : {}) });
  }

  warning(summary: string, detail = "", path?: AttributePath): void {
    this.items.push({ severity: "warning", summary, detail, ...(path ? { path } : {}) });
  }

  add(diagnostic: Diagnostic): void {
    this.items.push(diagnostic);
  }

  append(other: Diagnostics): void {
    this.items.push(...other.items);
  }

  hasErrors(): boolean {
    return this.items.some((d) => d.severity === "error");
  }

  get errors(): Diagnostic[] {
    return this.items.filter((d) => d.severity === "error");
  }

  get warnings(): Diagnostic[] {
    return this.items.filter((d) => d.severity === "warning");
  }
}

/** Thrown from any handler: becomes one ERROR diagnostic (no stack trace, the message is meant for users). */
export class DiagnosticError extends Error {
  constructor(
    readonly summary: string,
    readonly detail = "",
    readonly path?: AttributePath,
  ) {
    super(detail ? `${summary}: ${detail}` : summary);
    this.name = "DiagnosticError";
  }
}

/** Human spelling of a path, e.g. `rule[0].port` or `tags["env"]`. */
export function formatPath(path: AttributePath): string {
  let out = "";
  for (const step of path) {
    if (typeof step === "string") out += out ? `.${step}` : step;
    else if (typeof step === "number") out += `[${step}]`;
    else out += `[${JSON.stringify(step.key)}]`;
  }
  return out;
}
