/** `akash-cdktf logs`: a lease's container logs, `[service] line`, optionally followed across reconnections. */
import type { CommandIO } from "../../io";
import { followStream, interruptSignal } from "./follow-stream";
import { LEASE_OPTIONS } from "./lease-flags";
import { runLeaseCommand } from "./lease-command";
import { LeaseUsageError } from "./lease-target";

export const LOGS_USAGE = `Usage: akash-cdktf logs ADDRESS|--dseq N --provider ADDRESS [options]

Prints the logs of a lease's services, one line each as "[service-pod] message".

Options:
  -f, --follow         keep streaming new lines until Ctrl-C; reconnects after drops (backoff 1 s to 30 s)
  --service S          only these services (comma-separated)
  --tail N             only the last N lines of each pod (default: all the provider keeps)

${LEASE_OPTIONS}`;

function tailOf(value: string | true | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^\d+$/.test(value) || Number(value) > 2 ** 31 - 1)
    throw new LeaseUsageError("--tail must be a whole number >= 0");
  return Number(value);
}

export function servicesOf(value: string | true | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const names = String(value)
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (names.length === 0) throw new LeaseUsageError("--service needs a service name");
  return names;
}

export async function runLogsCommand(
  args: string[],
  io: CommandIO,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): Promise<number> {
  const switches = ["--follow", "-f"];
  return runLeaseCommand(
    {
      name: "logs",
      usage: LOGS_USAGE,
      switches,
      valued: ["--service", "--tail"],
      check: (flags) => {
        tailOf(flags.own.get("--tail"));
        servicesOf(flags.own.get("--service"));
        if (flags.rest.length > 0) throw new LeaseUsageError(`unexpected argument "${flags.rest[0]}"`);
      },
      run: async (session, flags, target) => {
        const interrupt = interruptSignal();
        try {
          return await followStream(
            session,
            {
              kind: "logs",
              follow: flags.own.has("--follow") || flags.own.has("-f"),
              services: servicesOf(flags.own.get("--service")),
              tail: tailOf(flags.own.get("--tail")),
              what: target.label,
              command: "logs",
              signal: interrupt.signal,
              onLog: (line) => io.stdout(`[${line.service}] ${line.message.replace(/\n$/, "")}`),
            },
            io,
          );
        } finally {
          interrupt.release();
        }
      },
    },
    args,
    io,
    env,
    cwd,
  );
}
