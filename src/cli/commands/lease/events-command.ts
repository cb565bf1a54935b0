/** `akash-cdktf events`: the Kubernetes events of a lease's namespace (scheduling, image pulls, back-offs). */
import type { CommandIO } from "../../io";
import { followStream, interruptSignal } from "./follow-stream";
import { LEASE_OPTIONS } from "./lease-flags";
import { runLeaseCommand } from "./lease-command";
import { LeaseUsageError } from "./lease-target";
import { servicesOf } from "./logs-command";

export const EVENTS_USAGE = `Usage: akash-cdktf events ADDRESS|--dseq N --provider ADDRESS [options]

Prints the Kubernetes events of a lease, one line each as "TYPE REASON KIND/NAME: NOTE".

Options:
  -f, --follow         keep streaming new events until Ctrl-C; reconnects after drops (backoff 1 s to 30 s),
                       without printing an event twice
  --service S          only the events of these services (comma-separated)

${LEASE_OPTIONS}`;

export async function runEventsCommand(
  args: string[],
  io: CommandIO,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): Promise<number> {
  return runLeaseCommand(
    {
      name: "events",
      usage: EVENTS_USAGE,
      switches: ["--follow", "-f"],
      valued: ["--service"],
      check: (flags) => {
        servicesOf(flags.own.get("--service"));
        if (flags.rest.length > 0) throw new LeaseUsageError(`unexpected argument "${flags.rest[0]}"`);
      },
      run: async (session, flags, target) => {
        const interrupt = interruptSignal();
        // A reopened stream starts with the events already shown.
        const seen = new Set<string>();
        try {
          return await followStream(
            session,
            {
              kind: "events",
              follow: flags.own.has("--follow") || flags.own.has("-f"),
              services: servicesOf(flags.own.get("--service")),
              what: target.label,
              command: "events",
              signal: interrupt.signal,
              onEvent: (e, key) => {
                if (seen.has(key)) return;
                seen.add(key);
                io.stdout(`${e.type} ${e.reason} ${e.object.kind}/${e.object.name}: ${e.note}`);
              },
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
