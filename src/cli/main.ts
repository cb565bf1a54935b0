/**
 * The `akash-cdktf` command line. Each subcommand lives in its own module and is loaded only when used, so
 * `akash-cdktf install` does not pay for the localnet or the chain clients.
 *
 * `--help` / `-h` anywhere in a command's arguments prints that command's usage and does nothing else: help is
 * answered here, before the command is run, so no command can start work by accident when asked for help.
 */
import { processIO, type CommandIO } from "./io";
import { packageInfo } from "./package-info";

type Command = (args: string[], io: CommandIO) => Promise<number>;

interface CommandEntry {
  /** One line for the overview. */
  synopsis: string;
  usage: () => Promise<string>;
  load: () => Promise<Command>;
}

const VERSION_USAGE = "Usage: akash-cdktf version\n\nPrints the version of akash-cdktf.\n";

const commands: Record<string, CommandEntry> = {
  install: {
    synopsis: "install [--dir DIR]            install the Terraform provider into a local plugin mirror",
    usage: async () => (await import("./commands/install")).INSTALL_USAGE,
    load: async () => (await import("./commands/install")).runInstallCommand,
  },
  sdl: {
    synopsis: "sdl manifest|groups|hash FILE  print an SDL's manifest JSON, group specs or version hash",
    usage: async () => (await import("./commands/sdl")).SDL_USAGE,
    load: async () => (await import("./commands/sdl")).runSdlCommand,
  },
  localnet: {
    synopsis: "localnet start [options]       run the embedded Akash localnet",
    usage: async () => (await import("../localnet/cli")).LOCALNET_USAGE,
    load: async () => (await import("../localnet/cli")).runLocalnetCommand,
  },
  orphans: {
    synopsis: "orphans [--close] [options]    list (and close) deployments no Terraform state tracks",
    usage: async () => (await import("./commands/orphans/orphans-command")).ORPHANS_USAGE,
    load: async () => (await import("./commands/orphans/orphans-command")).runOrphansCommand,
  },
  logs: {
    synopsis: "logs LEASE [--follow] [...]    print (and follow) a lease's container logs",
    usage: async () => (await import("./commands/lease/logs-command")).LOGS_USAGE,
    load: async () => (await import("./commands/lease/logs-command")).runLogsCommand,
  },
  events: {
    synopsis: "events LEASE [--follow]        print (and follow) a lease's Kubernetes events",
    usage: async () => (await import("./commands/lease/events-command")).EVENTS_USAGE,
    load: async () => (await import("./commands/lease/events-command")).runEventsCommand,
  },
  shell: {
    synopsis: "shell LEASE --service S -- CMD run a command in a lease's service",
    usage: async () => (await import("./commands/lease/shell-command")).SHELL_USAGE,
    load: async () => (await import("./commands/lease/shell-command")).runShellCommand,
  },
  main: {
    synopsis: "main [options]                 deploy the hello-world example (npm start)",
    usage: async () => (await import("./commands/main-usage")).MAIN_USAGE,
    load: async () => (await import("./commands/main-job")).runMainCommand,
  },
  destroy: {
    synopsis: "destroy [options]              destroy it, report the refund (npm run destroy)",
    usage: async () => (await import("./commands/main-usage")).DESTROY_USAGE,
    load: async () => (await import("./commands/destroy-job")).runDestroyCommand,
  },
  version: {
    synopsis: "version                        print the version",
    usage: async () => VERSION_USAGE,
    load: async () => async (args, io) => {
      if (args.length > 0) {
        io.stderr(`akash-cdktf version: unexpected argument "${args[0]}"\n\n${VERSION_USAGE}`);
        return 2;
      }
      io.stdout(packageInfo().version);
      return 0;
    },
  },
};

export const USAGE = `akash-cdktf — infrastructure as code for the Akash Network

Usage:
${Object.values(commands)
  .map((c) => `  akash-cdktf ${c.synopsis}`)
  .join("\n")}

Every command answers --help (or -h) with its options and environment variables.
`;

/** True when the arguments ask for help (options after a lone "--" are not ours). */
function asksForHelp(args: string[]): boolean {
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

export async function runCli(argv: string[], io: CommandIO = processIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(USAGE);
    return 2;
  }
  if (first === "--help" || first === "-h" || first === "help") {
    const topic = first === "help" ? rest[0] : undefined;
    if (topic === undefined) {
      io.stdout(USAGE);
      return 0;
    }
    const entry = commands[topic];
    if (!entry) {
      io.stderr(`akash-cdktf help: unknown command "${topic}".\n\n${USAGE}`);
      return 2;
    }
    io.stdout(await entry.usage());
    return 0;
  }
  const name = first === "--version" ? "version" : first;
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    io.stderr(`akash-cdktf: unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  if (asksForHelp(rest)) {
    io.stdout(await entry.usage());
    return 0;
  }
  try {
    return await (
      await entry.load()
    )(rest, io);
  } catch (error) {
    io.stderr(`akash-cdktf ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
