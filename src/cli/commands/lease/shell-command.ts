/**
 * `akash-cdktf shell --service S -- CMD...`: runs a command in a replica of a service, with stdin, stdout and
 * stderr forwarded, and exits with the command's exit code. With a terminal on both ends it runs in a TTY (raw
 * mode here, the window size sent to the provider and updated on resize).
 */
import type { ShellResult } from "../../../akash/ports/provider-gateway";
import type { CommandIO } from "../../io";
import { LEASE_OPTIONS } from "./lease-flags";
import { runLeaseCommand } from "./lease-command";
import { LeaseUsageError } from "./lease-target";
import { judgeError } from "./stream-end";

export const SHELL_USAGE = `Usage: akash-cdktf shell ADDRESS|--dseq N --provider ADDRESS --service S [options] -- COMMAND [ARG...]

Runs COMMAND in a replica of service S of a lease, forwarding stdin, stdout and stderr, and exits with its exit
code. Run from a terminal, it gets a TTY (interactive programs work; Ctrl-C goes to the remote command).

Options:
  --service S          the service to run in (required)
  --replica N          which replica (default 0)
  --tty, --no-tty      force a TTY on or off (default: on when stdin and stdout are terminals)
  --no-stdin           do not forward stdin

${LEASE_OPTIONS}`;

/** The process streams the shell forwards (tests pass their own). */
export interface ShellStreams {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

const defaultStreams = (): ShellStreams => ({
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});

function exitCodeOf(result: ShellResult, io: CommandIO): number {
  if (result.failure !== undefined) {
    io.stderr(`shell: the provider could not run the command: ${result.failure}`);
    return 1;
  }
  if (result.exitCode === undefined) {
    io.stderr(
      `shell: the connection to the provider ended (close code ${result.closeCode}) before the command ` +
        "reported its exit code; it may still be running.",
    );
    return 1;
  }
  if (result.message !== undefined && result.exitCode === 0) {
    // The provider reports its refusals (unknown service, no ready replica) as a result with a message.
    io.stderr(`shell: the provider did not run the command: ${result.message}`);
    return 1;
  }
  return Math.min(Math.max(result.exitCode, 0), 255);
}

export async function runShellCommand(
  args: string[],
  io: CommandIO,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
  streams: ShellStreams = defaultStreams(),
): Promise<number> {
  return runLeaseCommand(
    {
      name: "shell",
      usage: SHELL_USAGE,
      switches: ["--tty", "--no-tty", "--no-stdin"],
      valued: ["--service", "--replica"],
      check: (flags) => {
        if (!flags.own.has("--service")) throw new LeaseUsageError("--service S is required");
        const replica = flags.own.get("--replica");
        if (replica !== undefined && !/^\d+$/.test(String(replica)))
          throw new LeaseUsageError("--replica must be a whole number >= 0");
        if (flags.rest.length === 0)
          throw new LeaseUsageError("no command; put it after --, e.g. -- sh -c 'ls /'");
        if (flags.own.has("--tty") && flags.own.has("--no-tty"))
          throw new LeaseUsageError("--tty and --no-tty exclude each other");
      },
      run: async (session, flags) => {
        const { stdin, stdout, stderr } = streams;
        const tty = flags.own.has("--tty")
          ? true
          : flags.own.has("--no-tty")
            ? false
            : stdin.isTTY === true && stdout.isTTY === true;
        const forwardStdin = !flags.own.has("--no-stdin");
        let shell;
        try {
          shell = await session.gateway.openShell(session.endpoint, session.lease, {
            service: String(flags.own.get("--service")),
            command: flags.rest,
            tty,
            stdin: forwardStdin,
            podIndex: Number(flags.own.get("--replica") ?? 0),
            onStdout: (data) => stdout.write(data),
            onStderr: (data) => stderr.write(data),
          });
        } catch (error) {
          const verdict = judgeError(error);
          io.stderr(
            `shell: ${verdict.kind === "retry" ? verdict.reason : verdict.kind === "final" ? verdict.message : ""}`,
          );
          return 1;
        }
        const rawMode = tty && stdin.isTTY === true && typeof stdin.setRawMode === "function";
        const onData = (chunk: Buffer) => shell.sendStdin(chunk);
        const onResize = () => shell.resize(stdout.columns ?? 80, stdout.rows ?? 24);
        if (rawMode) stdin.setRawMode(true);
        if (tty) {
          onResize();
          stdout.on("resize", onResize);
        }
        if (forwardStdin) {
          stdin.on("data", onData);
          stdin.resume();
        }
        try {
          return exitCodeOf(await shell.result, io);
        } finally {
          stdin.removeListener("data", onData);
          stdout.removeListener("resize", onResize);
          if (rawMode) stdin.setRawMode(false);
          // Nothing more to forward: let the process exit although stdin is still open.
          stdin.pause();
          if (forwardStdin && stdin === process.stdin) stdin.unref?.();
        }
      },
    },
    args,
    io,
    env,
    cwd,
  );
}
