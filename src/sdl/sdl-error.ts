/**
 * Error reporting for SDL compilation. Every problem is collected (not just the first) so a user can fix an SDL in
 * one pass; each names the place in the SDL document it is about. Warnings are collected alongside.
 */
import type { SdlDiagnostic, SdlWarningCode } from "./sdl-diagnostic";

/** One problem in an SDL. `path` is dot/bracket form into the document (`services.web.expose[0].port`), "" = root. */
export interface SdlIssue {
  path: string;
  message: string;
}

function formatIssue(issue: SdlIssue): string {
  return issue.path === "" ? issue.message : `${issue.path}: ${issue.message}`;
}

/** Thrown by `compileSdl` for any invalid input; `message` lists every issue, one per line. */
export class SdlError extends Error {
  readonly issues: SdlIssue[];

  constructor(issues: SdlIssue[]) {
    const lines = issues.map(formatIssue);
    super(lines.length === 1 ? `invalid SDL: ${lines[0]}` : `invalid SDL:\n${lines.join("\n")}`);
    this.name = "SdlError";
    this.issues = issues;
  }
}

/** Accumulates issues and warnings while a document is checked; duplicates (same path and message) are kept once. */
export class IssueCollector {
  private readonly list: SdlIssue[] = [];
  private readonly warningList: SdlDiagnostic[] = [];
  private readonly seen = new Set<string>();

  add(path: string, message: string): void {
    const key = `${path}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ path, message });
  }

  warn(path: string, code: SdlWarningCode, message: string): void {
    const key = `warning\u0000${path}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.warningList.push({ severity: "warning", code, path, message });
  }

  get warnings(): SdlDiagnostic[] {
    return [...this.warningList];
  }

  get count(): number {
    return this.list.length;
  }

  /** Throws an SdlError if anything was collected. */
  throwIfAny(): void {
    if (this.list.length > 0) throw new SdlError([...this.list]);
  }
}
