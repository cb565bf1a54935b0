/**
 * Which port the main job's localnet listens on. The default (26657, CometBFT's) is taken as soon as a second
 * localnet runs on the machine, e.g. another user's `npm start`: then the job lets the localnet pick free ports
 * and says so, instead of failing. A port the user asked for with --port is used as given.
 */
import { createServer } from "node:net";

export const DEFAULT_LOCALNET_PORT = 26657;

export interface PortChoice {
  /** What to pass to startLocalnet (0 = free ports for everything). */
  port: number;
  /** Why the default was not used, for the user. */
  note?: string;
}

function isFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * The ports a localnet on RPC port `port` binds: the RPC, gRPC (port+2) and — on a new data dir — one gateway per
 * provider (port+100+i). A resumed data dir keeps the gateway ports recorded in its genesis.
 */
export function localnetPorts(port: number, providers: number, freshDataDir: boolean): number[] {
  const gateways = freshDataDir ? Array.from({ length: providers }, (_, i) => port + 100 + i) : [];
  return [port, port + 2, ...gateways];
}

export async function chooseLocalnetPort(options: {
  requested?: number;
  providers: number;
  freshDataDir: boolean;
  host?: string;
  defaultPort?: number;
}): Promise<PortChoice> {
  if (options.requested !== undefined) return { port: options.requested };
  const port = options.defaultPort ?? DEFAULT_LOCALNET_PORT;
  const host = options.host ?? "127.0.0.1";
  const wanted = localnetPorts(port, options.providers, options.freshDataDir);
  const taken: number[] = [];
  for (const p of wanted) if (!(await isFree(p, host))) taken.push(p);
  if (taken.length === 0) return { port };
  return {
    port: 0,
    note: `port${taken.length > 1 ? "s" : ""} ${taken.join(", ")} ${taken.length > 1 ? "are" : "is"} in use (another localnet?), so the localnet uses free ports instead`,
  };
}

/** A readable explanation when the localnet could not bind its ports. */
export function portInUseHint(error: unknown, requested: number | undefined): string | undefined {
  // Duck-typed: errors from node's net module need not share this realm's Error (e.g. under jest).
  const failure = error as Partial<NodeJS.ErrnoException> | null;
  if (typeof failure !== "object" || failure === null || failure.code !== "EADDRINUSE") return undefined;
  const message = failure.message ?? "address already in use";
  return requested !== undefined
    ? `${message}: choose another port with --port, or omit --port to let the job pick free ports`
    : `${message}: a port recorded in .localnet/chain (a provider gateway) is taken by another process; ` +
        "stop it, or run `akash-cdktf destroy` and start afresh";
}
