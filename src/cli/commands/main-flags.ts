/** The options of `akash-cdktf main` and `akash-cdktf destroy`; anything else is a usage error. */

export class UsageError extends Error {}

export interface MainFlags {
  /** Localnet RPC port; undefined = the default, or free ports when it is taken. */
  port?: number;
  keepRunning: boolean;
  /** Consent to spend on an AKASH_NODE network without asking, valid only for this chain id. */
  confirmChain?: string;
}

const MAX_PORT = 65_435; // the gateways use port+100..port+102

function parsePort(value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value))
    throw new UsageError(`--port needs a port number, got "${value ?? ""}"`);
  const port = Number(value);
  if (port > MAX_PORT) throw new UsageError(`--port must be between 0 and ${MAX_PORT}, got ${port}`);
  return port;
}

/** `main` accepts every option; `destroy` only --port. Values may follow as `--port 1234` or `--port=1234`. */
export function parseMainFlags(args: string[], command: "main" | "destroy"): MainFlags {
  const flags: MainFlags = { keepRunning: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => (name !== arg ? arg.slice(eq + 1) : args[++i]);
    if (name === "--port") {
      flags.port = parsePort(value());
    } else if (name === "--keep-running" && command === "main") {
      if (name !== arg) throw new UsageError("--keep-running takes no value");
      flags.keepRunning = true;
    } else if (name === "--confirm-chain" && command === "main") {
      const chainId = value();
      if (!chainId || chainId.startsWith("-"))
        throw new UsageError("--confirm-chain needs the chain id to confirm");
      flags.confirmChain = chainId;
    } else if (arg.startsWith("-")) {
      throw new UsageError(`unknown option "${arg}"`);
    } else {
      throw new UsageError(`unexpected argument "${arg}"`);
    }
  }
  return flags;
}

/** Options that only make sense for one kind of target. */
export function checkFlagsForTarget(flags: MainFlags, foreignNetwork: boolean): void {
  if (foreignNetwork && flags.port !== undefined)
    throw new UsageError(
      "--port sets the localnet's port, but AKASH_NODE is set: unset AKASH_NODE or drop --port",
    );
  if (foreignNetwork && flags.keepRunning)
    throw new UsageError(
      "--keep-running keeps the localnet running, but AKASH_NODE is set: drop --keep-running",
    );
  if (!foreignNetwork && flags.confirmChain !== undefined)
    throw new UsageError(
      "--confirm-chain confirms spending on an AKASH_NODE network, but AKASH_NODE is not set: the job targets the " +
        "localnet, which needs no confirmation",
    );
}
