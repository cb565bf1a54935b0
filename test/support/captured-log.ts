/**
 * A provider logger (hclog JSON lines, as the provider process writes them on stderr) whose lines are kept, so
 * tests can read both the records and the exact text that would reach terraform's log.
 */
import { HclogLogger } from "../../src/protocol/log";

export interface LogRecord {
  "@level": string;
  "@message": string;
  [field: string]: unknown;
}

export interface CapturedLog {
  logger: HclogLogger;
  /** The written lines, as written. */
  readonly lines: string[];
  /** The lines parsed; `message` keeps only those with that message. */
  records(message?: string): LogRecord[];
}

/** Everything from TRACE up is kept. */
export function capturedLog(): CapturedLog {
  const lines: string[] = [];
  return {
    logger: new HclogLogger((line) => lines.push(line), 0),
    lines,
    records(message) {
      const all = lines.map((l) => JSON.parse(l) as LogRecord);
      return message === undefined ? all : all.filter((r) => r["@message"] === message);
    },
  };
}
