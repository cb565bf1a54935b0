/**
 * The localnet chain: `startChain` loads (or creates) the data dir, replays the block log, serves CometBFT
 * JSON-RPC on 127.0.0.1 and produces a block every `blockTimeMs`.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultGenesis, type GenesisSpec } from "../genesis";
import { ChainApp } from "./app";
import { BlockLog } from "./block-log";
import type { ChainModule } from "./module";
import { authModule } from "./modules/cosmos/auth";
import { authzModule } from "./modules/cosmos/authz";
import { bankModule } from "./modules/cosmos/bank";
import { feegrantModule } from "./modules/cosmos/feegrant";
import { akashDiscoveryInfo, akashModules } from "./modules/akash";
import { ControlPlane } from "../faults/control-api";
import { LocalnetFaults } from "../faults/faults";
import { ChainNode } from "./node";
import { OperatorActions } from "../faults/operator-actions";
import { oracleControl } from "./oracle-control";
import { RequestStats } from "./rpc/request-stats";
import { createRpcServer } from "./rpc/server";
import type { GrpcQueryServer } from "./grpc/query-server";
import { registerTxService } from "./tx-service";

export { defaultGenesis, type GenesisSpec } from "../genesis";

export interface StartChainOptions {
  dataDir: string;
  /** RPC port; 0 picks a free one (see `ChainHandle.port`). */
  port: number;
  blockTimeMs: number;
  /** Used only when the data dir is new. */
  genesis?: GenesisSpec;
  host?: string;
  /** Extra modules (tests); the Akash modules are always registered. */
  modules?: ChainModule[];
  /** Fault injection and request counting (served under /_localnet/ on the RPC port); a fresh one by default. */
  control?: ControlPlane;
  /** Also serve queries over gRPC (what chain-sdk's query SDK uses) on this port; 0 = any free port; omit = off. */
  grpcPort?: number;
}

export interface ChainHandle {
  rpcUrl: string;
  /** gRPC query endpoint ("http://host:port", plaintext HTTP/2), when `grpcPort` was given. */
  grpcUrl?: string;
  chainId: string;
  port: number;
  genesis: GenesisSpec;
  height(): bigint;
  /** Resolves once the chain has committed `height` (or rejects after `timeoutMs`). */
  waitForHeight(height: bigint, timeoutMs?: number): Promise<void>;
  /** Stop producing blocks, close the RPC server, fsync the block log. */
  stop(): Promise<void>;
  /** Internals for in-process tools and tests (not a stable API). */
  node: ChainNode;
  /** The control API behind /_localnet/ (faults, stats, provider actions). */
  control: ControlPlane;
  /** Injected faults (same as `control.faults`). */
  faults: LocalnetFaults;
  /** RPC request counts (same as `control.stats`). */
  stats: RequestStats;
  /** Operator actions of the control API: the oracle feed, provider reclamation (providers register there). */
  actions: OperatorActions;
}

export function chainModules(app: { lookup: ChainApp["lookup"] }, extra: ChainModule[] = []): ChainModule[] {
  return [
    authModule(),
    bankModule(),
    authzModule((url) => app.lookup(url)),
    feegrantModule(),
    ...akashModules(),
    ...extra,
  ];
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) => {
      reject(
        e.code === "EADDRINUSE"
          ? new Error(`port ${port} on ${host} is already in use; choose another with --port`)
          : e,
      );
    });
    server.listen(port, host, () => resolve());
  });
}

export async function startChain(opts: StartChainOptions): Promise<ChainHandle> {
  const host = opts.host ?? "127.0.0.1";
  const log = new BlockLog(opts.dataDir);
  let genesis = log.readGenesis();
  if (!genesis) {
    genesis = opts.genesis ?? defaultGenesis();
    log.writeGenesis(genesis);
  }
  const router: { lookup: ChainApp["lookup"] } = { lookup: () => undefined };
  const app = new ChainApp(genesis.chainId, chainModules(router, opts.modules), genesis.genesisTime);
  router.lookup = app.lookup;
  app.initChain(genesis);
  const control = opts.control ?? new ControlPlane(new LocalnetFaults(), new RequestStats());
  const node = new ChainNode(app, log, opts.blockTimeMs, genesis.genesisTime);
  node.paused = () => control.faults.blocksHalted();
  registerTxService(app, node);
  const actions = new OperatorActions(oracleControl(app, node));
  control.addRoute(actions.route);
  node.replay(log.readBlocks());
  // Like a real chain, block 1 follows genesis at once, so clients never see height 0.
  if (node.height() === 0n)
    node.produceBlock(new Date(Math.max(Date.now(), genesis.genesisTime.getTime() + 1)));

  const rpcContext = {
    node,
    genesis,
    host,
    port: opts.port,
    discovery: () => akashDiscoveryInfo(genesis.chainId),
    faults: control.faults,
    stats: control.stats,
  };
  const server = createRpcServer(rpcContext, [control.route]);
  await listen(server, opts.port, host).catch((error: unknown) => {
    node.stop();
    throw error;
  });
  const port = (server.address() as AddressInfo).port;
  rpcContext.port = port;
  let grpc: GrpcQueryServer | undefined;
  try {
    grpc = await startGrpcIfAsked(app, host, opts.grpcPort);
  } catch (error) {
    node.stop();
    server.close();
    throw error;
  }
  node.start();

  let stopped: Promise<void> | undefined;
  return {
    rpcUrl: `http://${host}:${port}`,
    grpcUrl: grpc?.url,
    chainId: genesis.chainId,
    port,
    genesis,
    node,
    control,
    faults: control.faults,
    stats: control.stats,
    actions,
    height: () => node.height(),
    waitForHeight: (height, timeoutMs = 30_000) => waitForHeight(node, height, timeoutMs, opts.blockTimeMs),
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        node.stop();
        const rpcClosed = new Promise<void>((done) => server.close(() => done()));
        server.closeAllConnections();
        void Promise.all([rpcClosed, grpc?.stop()]).then(() => resolve());
      });
      return stopped;
    },
  };
}

/** The gRPC query endpoint, when a port is given. Loaded on demand: grpc-js is only needed when it is on. */
async function startGrpcIfAsked(
  app: ChainApp,
  host: string,
  grpcPort: number | undefined,
): Promise<GrpcQueryServer | undefined> {
  if (grpcPort === undefined) return undefined;
  const { startGrpcQueryServer } = await import("./grpc/query-server");
  return startGrpcQueryServer(app, host, grpcPort);
}

async function waitForHeight(
  node: ChainNode,
  height: bigint,
  timeoutMs: number,
  blockTimeMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (node.height() < height) {
    if (Date.now() > deadline)
      throw new Error(`localnet did not reach height ${height} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, Math.min(20, blockTimeMs)));
  }
}
