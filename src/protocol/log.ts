/**
 * Logging the way go-plugin expects it: one hclog JSON object per line on stderr, so `TF_LOG=debug` (or
 * `TF_LOG_PROVIDER`) shows our lines at their proper level. stdout is reserved for the handshake.
 * The level comes from TF_LOG_PROVIDER, then TF_LOG; without either only warnings and errors are written.
 */
import type { LogFields, Logger } from "../framework/logger";

const LEVELS = ["trace", "debug", "info", "warn", "error"] as const;
type Level = (typeof LEVELS)[number];

export function levelFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = (env.TF_LOG_PROVIDER || env.TF_LOG || "").trim().toLowerCase();
  if (!raw) return LEVELS.indexOf("warn");
  if (raw === "off") return LEVELS.length;
  const i = LEVELS.indexOf(raw as Level);
  // TF_LOG=1 / JSON and anything else terraform accepts mean "everything".
  return i >= 0 ? i : 0;
}

/** hclog's timestamp layout: 2006-01-02T15:04:05.000000Z07:00 (microseconds, UTC here). */
export function hclogTimestamp(date = new Date()): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

function safeJson(record: Record<string, unknown>): string {
  return JSON.stringify(record, (_key, value: unknown) => {
    if (typeof value === "bigint") return value.toString();
    if (value instanceof Error) return value.message;
    if (value instanceof Uint8Array) return `<${value.length} bytes>`;
    return value;
  });
}

export class HclogLogger implements Logger {
  constructor(
    private readonly write: (line: string) => void,
    private readonly minLevel: number,
    private readonly module = "provider",
    private readonly fields: LogFields = {},
  ) {}

  /** A logger that adds `fields` to every line. */
  with(fields: LogFields): HclogLogger {
    return new HclogLogger(this.write, this.minLevel, this.module, { ...this.fields, ...fields });
  }

  enabled(level: Level): boolean {
    return LEVELS.indexOf(level) >= this.minLevel;
  }

  private log(level: Level, msg: string, fields?: LogFields): void {
    if (!this.enabled(level)) return;
    const record: Record<string, unknown> = {
      "@level": level,
      "@message": msg,
      "@module": this.module,
      "@timestamp": hclogTimestamp(),
    };
    for (const [k, v] of Object.entries({ ...this.fields, ...fields })) {
      if (v !== undefined && !k.startsWith("@")) record[k] = v;
    }
    this.write(safeJson(record) + "\n");
  }

  trace(msg: string, fields?: LogFields): void {
    this.log("trace", msg, fields);
  }
  debug(msg: string, fields?: LogFields): void {
    this.log("debug", msg, fields);
  }
  info(msg: string, fields?: LogFields): void {
    this.log("info", msg, fields);
  }
  warn(msg: string, fields?: LogFields): void {
    this.log("warn", msg, fields);
  }
  error(msg: string, fields?: LogFields): void {
    this.log("error", msg, fields);
  }
}

/** The provider process's logger: stderr, level from the environment. */
export function stderrLogger(env: NodeJS.ProcessEnv = process.env): HclogLogger {
  return new HclogLogger((line) => process.stderr.write(line), levelFromEnv(env));
}
