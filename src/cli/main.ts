/**
 * The `akash-cdktf` command line. Each subcommand lives in its own module and is loaded only when used, so
 * `akash-cdktf install` does not pay for the localnet or the chain clients.
 */
import { processIO, type CommandIO } from "./io";
import { packageInfo } from "./package-info";

const USAGE = `akash-cdktf — infrastructure as code for the Akash Network

Usage:
  akash-cdktf install [--dir DIR]            install the Terraform provider into a local plugin mirror
  akash-cdktf sdl manifest|groups|hash FILE  print an SDL's manifest JSON, group specs or version hash
  akash-cdktf localnet start [options]       run the embedded Akash localnet (see --help)
  akash-cdktf orphans [--close] [--state F]  list (and close) deployments no Terraform state tracks
  akash-cdktf main                           deploy the hello-world example (npm start)
  akash-cdktf destroy                        destroy it and remove the .localnet folder (npm run destroy)
  akash-cdktf version                        print the version
`;

type Command = (args: string[], io: CommandIO) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  install: async () => (await import("./commands/install")).runInstallCommand,
  sdl: async () => (await import("./commands/sdl")).runSdlCommand,
  localnet: async () => (await import("../localnet/cli")).runLocalnetCommand,
  orphans: async () => (await import("./commands/orphans/orphans-command")).runOrphansCommand,
  main: async () => (await import("./commands/main-job")).runMainCommand,
  destroy: async () => (await import("./commands/main-job")).runDestroyCommand,
  version: async () => async (_args, io) => {
    io.stdout(packageInfo().version);
    return 0;
  },
};

export async function runCli(argv: string[], io: CommandIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    io.stdout(USAGE);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    io.stderr(`akash-cdktf: unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    return await (
      await load()
    )(rest, io);
  } catch (error) {
    io.stderr(`akash-cdktf ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
