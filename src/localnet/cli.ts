/**
 * `akash-cdktf localnet start [--data-dir DIR] [--block-time MS] [--port N] [--providers N] [--json]`: runs the
 * localnet in the foreground, prints one ready line, and on SIGINT/SIGTERM stops the providers and the chain
 * (flushing state) and exits 0.
 */
import { resolve } from "node:path";
import { startLocalnet, type Localnet } from "./network";

export const LOCALNET_USAGE = `Usage: akash-cdktf localnet start [options]

Runs an offline Akash network (chain + providers) on 127.0.0.1 until interrupted (Ctrl-C / SIGTERM).

Options:
  --data-dir DIR     where chain and provider state is kept (default: .localnet)
  --block-time MS    block interval in milliseconds (default: 1000)
  --port N           CometBFT RPC port (default: 26657; 0 = any free port); gateways use N+100+i
  --grpc-port N      gRPC query port (default: the RPC port + 2; 0 = any free port)
  --providers N      number of providers, 0-10 (default: 3)
  --json             print the ready line as JSON (node, grpc, chainId, mnemonic, address, providers)
`;

/** Where the command writes (the localnet stands alone: it declares its own output shape). */
export interface LocalnetCommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Stops the localnet like SIGINT would (tests and embedding). */
  stopSignal?: AbortSignal;
}

interface StartFlags {
  dataDir: string;
  blockTimeMs: number;
  port: number;
  grpcPort?: number;
  providers: number;
  json: boolean;
}

class UsageError extends Error {}

function parseInteger(flag: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined || !/^\d+$/.test(value))
    throw new UsageError(`${flag} needs a whole number, got "${value ?? ""}"`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function parseStartFlags(args: string[], cwd: string): StartFlags {
  const flags: StartFlags = {
    dataDir: resolve(cwd, ".localnet"),
    blockTimeMs: 1000,
    port: 26657,
    providers: 3,
    json: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => (eq > 0 ? arg.slice(eq + 1) : args[++i]);
    switch (name) {
      case "--data-dir": {
        const dir = value();
        if (!dir) throw new UsageError("--data-dir needs a directory");
        flags.dataDir = resolve(cwd, dir);
        break;
      }
      case "--block-time":
        flags.blockTimeMs = parseInteger(name, value(), 10, 600_000);
        break;
      case "--port":
        flags.port = parseInteger(name, value(), 0, 65_435);
        break;
      case "--grpc-port":
        flags.grpcPort = parseInteger(name, value(), 0, 65_535);
        break;
      case "--providers":
        flags.providers = parseInteger(name, value(), 0, 10);
        break;
      case "--json":
        if (eq > 0) throw new UsageError("--json takes no value");
        flags.json = true;
        break;
      default:
        throw new UsageError(`unknown option "${arg}"`);
    }
  }
  return flags;
}

function readyLine(net: Localnet, json: boolean): string {
  if (json) {
    return JSON.stringify({
      node: net.node,
      grpc: net.grpc,
      chainId: net.chainId,
      mnemonic: net.mnemonic,
      address: net.address,
      providers: net.providers.map((p) => ({
        address: p.address,
        hostUri: p.hostUri,
        attributes: p.attributes,
      })),
    });
  }
  const gateways = net.providers.map((p) => p.hostUri).join(", ") || "none";
  return (
    `localnet ready: node ${net.node}, chain-id ${net.chainId}, test account ${net.address}, ` +
    `providers ${gateways} (--json prints the test account mnemonic and provider details)`
  );
}

/** Resolves on SIGINT, SIGTERM or `signal`; `cancel()` removes the handlers without waiting. */
function waitForStop(signal: AbortSignal | undefined): { stopped: Promise<string>; cancel: () => void } {
  let finish: (why: string) => void = () => undefined;
  const stopped = new Promise<string>((done) => {
    finish = (why: string) => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      signal?.removeEventListener("abort", onAbort);
      done(why);
    };
  });
  const onInt = () => finish("SIGINT");
  const onTerm = () => finish("SIGTERM");
  const onAbort = () => finish("stop requested");
  process.once("SIGINT", onInt);
  process.once("SIGTERM", onTerm);
  if (signal?.aborted) finish("stop requested");
  else signal?.addEventListener("abort", onAbort, { once: true });
  return { stopped, cancel: () => finish("cancelled") };
}

export async function runLocalnetCommand(args: string[], io: LocalnetCommandIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === "help" || sub === "--help" || sub === "-h" || rest.includes("--help")) {
    io.stdout(LOCALNET_USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== "start") {
    io.stderr(`akash-cdktf localnet: unknown subcommand "${sub}".\n\n${LOCALNET_USAGE}`);
    return 2;
  }
  let flags: StartFlags;
  try {
    flags = parseStartFlags(rest, process.cwd());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`akash-cdktf localnet start: ${error.message}\n\n${LOCALNET_USAGE}`);
    return 2;
  }
  // Install the handlers before starting so an early Ctrl-C still shuts down cleanly.
  const { stopped, cancel } = waitForStop(io.stopSignal);
  let net: Localnet;
  try {
    net = await startLocalnet({
      dataDir: flags.dataDir,
      port: flags.port,
      grpcPort: flags.grpcPort,
      blockTimeMs: flags.blockTimeMs,
      providers: flags.providers,
    });
  } catch (error) {
    cancel();
    io.stderr(`akash-cdktf localnet start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  io.stdout(readyLine(net, flags.json));
  await stopped;
  await net.stop();
  return 0;
}
