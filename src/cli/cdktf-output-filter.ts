/**
 * Sorts cdktf's output for the main job: every line (without colour codes and without cdktf's "<stack>  "
 * prefix) for the log, and for the screen only what a person needs — the plan's counts, each resource as it
 * completes, the result and warnings. Error diagnostics are kept for the failure message. cdktf prints about 400
 * lines for hello-world (the plan dumps the SDL, the group specs and the manifest); they stay in the log.
 */

/** Terminal colour and style sequences, which cdktf emits even into pipes. */
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

const SHOWN: RegExp[] = [
  /^Plan: \d+ to add, \d+ to change, \d+ to destroy\./,
  /^No changes\. Your infrastructure matches the configuration\./,
  /^(Apply|Destroy) complete! Resources: /,
];
/**
 * "akash_lease.web_… (web/app/lease): Creation complete after 11s [id=…]" → shown without the id, which the
 * summary repeats.
 */
const COMPLETED = /^(\S+(?: \([^)]*\))?: (?:Creation|Modifications|Destruction) complete after \S+)/;
/** Terraform's diagnostics are boxed: "╷", "│ Error: …" / "│ Warning: …", "│ detail", "╵". */
const DIAGNOSTIC_START = /^│ (Error|Warning): /;
const MAX_DIAGNOSTIC_LINES = 30;
const RECENT_LINES = 20;

export interface FilterSinks {
  /** Every line, cleaned. */
  log: (line: string) => void;
  /** The lines for the screen. */
  show: (line: string) => void;
}

export class CdktfOutputFilter {
  private pending = "";
  private diagnostic: { lines: string[]; error: boolean } | undefined;
  private readonly recent: string[] = [];
  private readonly errorLines: string[] = [];
  private readonly prefix: string;
  private readonly indent: string;

  constructor(
    stack: string,
    private readonly sinks: FilterSinks,
  ) {
    this.prefix = `${stack}  `;
    this.indent = " ".repeat(this.prefix.length);
  }

  /** A chunk of output as it arrives; lines may be split across chunks. */
  push(text: string): void {
    this.pending += text;
    const lines = this.pending.split("\n");
    this.pending = lines.pop() ?? "";
    for (const line of lines) this.line(line);
  }

  end(): void {
    if (this.pending) this.line(this.pending);
    this.pending = "";
    if (this.diagnostic?.error) this.errorLines.push(...this.diagnostic.lines);
    this.diagnostic = undefined;
  }

  /** Error diagnostics seen so far, or — when there were none — the last lines, to explain a failure. */
  errors(): string[] {
    return this.errorLines.length > 0 ? [...this.errorLines] : this.recent.filter((l) => l.trim() !== "");
  }

  private clean(raw: string): string {
    const line = raw.replace(ANSI, "").replace(/\r$/, "");
    if (line.startsWith(this.prefix)) return line.slice(this.prefix.length);
    if (line.startsWith(this.indent)) return line.slice(this.indent.length);
    return line;
  }

  private line(raw: string): void {
    const line = this.clean(raw);
    this.sinks.log(line);
    this.recent.push(line);
    if (this.recent.length > RECENT_LINES) this.recent.shift();
    if (this.diagnostic) return this.continueDiagnostic(line);
    const start = DIAGNOSTIC_START.exec(line);
    if (start) {
      this.diagnostic = { lines: [line.replace(/^│ ?/, "")], error: start[1] === "Error" };
      return;
    }
    const completed = COMPLETED.exec(line);
    if (completed) this.sinks.show(`  ${completed[1]}`);
    else if (SHOWN.some((re) => re.test(line))) this.sinks.show(`  ${line.trim()}`);
  }

  private continueDiagnostic(line: string): void {
    const diagnostic = this.diagnostic!;
    if (line.startsWith("╵")) {
      if (diagnostic.error) this.errorLines.push(...diagnostic.lines);
      else for (const l of diagnostic.lines) this.sinks.show(`  ${l}`);
      this.diagnostic = undefined;
    } else if (diagnostic.lines.length < MAX_DIAGNOSTIC_LINES) {
      diagnostic.lines.push(line.replace(/^│ ?/, ""));
    }
  }
}
