/** Runs cdktf for the main job with its full output in a log file and only the essentials on the screen. */
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { runCdktf, type CdktfRun } from "./cdktf-app";
import { CdktfOutputFilter } from "./cdktf-output-filter";

/** A log file, emptied when opened: it holds the output of one job run. */
export class CdktfLog {
  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, "");
  }

  write(text: string): void {
    appendFileSync(this.path, text.endsWith("\n") ? text : `${text}\n`);
  }
}

export interface LoggedRun {
  code: number;
  /** Error diagnostics (or, when cdktf failed without one, its last lines), for the failure message. */
  errors: string[];
}

export async function runCdktfLogged(
  args: string[],
  run: Omit<CdktfRun, "output" | "onOutput">,
  options: { stack: string; log: CdktfLog; show: (line: string) => void },
): Promise<LoggedRun> {
  const { log } = options;
  log.write(`\n$ cdktf ${args.join(" ")}`);
  const filter = new CdktfOutputFilter(options.stack, { log: (line) => log.write(line), show: options.show });
  const result = await runCdktf(args, { ...run, output: "pipe", onOutput: (text) => filter.push(text) });
  filter.end();
  return { code: result.code, errors: result.code === 0 ? [] : filter.errors() };
}
