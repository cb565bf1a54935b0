/**
 * The whole localnet: the chain (with the providers registered and audited at genesis) plus one bid engine and
 * gateway per provider, all on 127.0.0.1. State lives in `dataDir`: the chain's block log and, per provider, its
 * gateway certificate and running manifests, so a restart brings everything back.
 */
import { createServer } from "node:net";
import { join } from "node:path";
import { startChain, defaultGenesis, type ChainHandle, type GenesisSpec } from "./chain";
import type { GenesisAudit, GenesisProvider } from "./genesis";
import { localnetKeys, MAX_LOCALNET_PROVIDERS } from "./keys";
import { providerProfile } from "./provider/profiles";
import { startLocalnetProvider, type LocalnetProvider } from "./provider/localnet-provider";
import type { ProviderTiming } from "./provider/bid-engine";
import { ControlPlane, type CloseLeaseRequest, type CloseLeaseResult } from "./faults/control-api";
import { LocalnetFaults } from "./faults/faults";
import type { FaultPlan } from "./faults/fault-plan";
import { RequestStats, type RequestStatsSnapshot } from "./chain/rpc/request-stats";
import { localnetMarketGenesis } from "./chain/modules/akash";
import type { OracleControl, StartReclaimResult } from "./faults/operator-actions";

export interface LocalnetOptions {
  dataDir: string;
  /** RPC port; 0 picks free ports for the RPC and the gateways. Gateways use port+100+i otherwise. */
  port: number;
  /** gRPC query port (chain-sdk's query SDK); default port+2, or a free one when `port` is 0. */
  grpcPort?: number;
  blockTimeMs: number;
  providers: number;
  host?: string;
  /** Provider timer overrides (tests), including the reclamation window the providers offer. */
  providerTiming?: Partial<ProviderTiming>;
  /**
   * The chain's min_reclamation_window for a new data dir; default mainnet's 1 h scaled to the block time
   * (blockTimeMs / 6500 ms, at least 1 s). The maximum stays 720 h.
   */
  minReclamationWindowMs?: number;
  /** Diagnostic lines from the providers (bids declined, txs failed); silent by default. */
  log?: (line: string) => void;
}

export interface LocalnetProviderInfo {
  address: string;
  hostUri: string;
  attributes: { key: string; value: string }[];
}

export interface Localnet {
  /** CometBFT RPC URL. */
  node: string;
  /** gRPC query endpoint (plaintext HTTP/2), e.g. for chain-sdk's `createChainNodeSDK({ query: { baseUrl } })`. */
  grpc: string;
  chainId: string;
  /** The funded test account (well-known, public: never use it on a real network). */
  mnemonic: string;
  address: string;
  providers: LocalnetProviderInfo[];
  chain: ChainHandle;
  /** Injected faults; the same state as `GET/POST/DELETE <node>/_localnet/faults`. */
  faults: {
    /** Add faults (see FaultPlan); returns the active plan. Throws FaultPlanError for an invalid plan. */
    set(plan: FaultPlan): FaultPlan;
    get(): FaultPlan;
    clear(): void;
  };
  /** RPC request counts since start or `resetStats()` (`GET <node>/_localnet/stats`). */
  stats(): RequestStatsSnapshot;
  resetStats(): void;
  /** Have `provider` close one of its active leases with MsgCloseBid (`POST .../providers/<addr>/close-lease`). */
  closeLease(provider: string, request: CloseLeaseRequest): Promise<CloseLeaseResult>;
  /**
   * Have `provider` start reclaiming one of its active leases (MsgLeaseStartReclaim); it closes the lease once
   * the window has passed (`POST .../providers/<addr>/start-reclaim`).
   */
  startReclaim(provider: string, request: CloseLeaseRequest): Promise<StartReclaimResult>;
  /** The oracle's AKT price feed: read it, stall or resume it, change the price (`GET/POST .../oracle`). */
  oracle: OracleControl;
  /** Stop the providers and the chain, flushing state. */
  stop(): Promise<void>;
}

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** The genesis for a new data dir: providers 0..n-1 with their profiles; audited ones signed by the auditor. */
async function newGenesis(opts: LocalnetOptions, host: string): Promise<GenesisSpec> {
  const providers: GenesisProvider[] = [];
  const audits: GenesisAudit[] = [];
  for (let i = 0; i < opts.providers; i++) {
    const profile = providerProfile(i);
    const owner = localnetKeys.provider(i).address;
    const port = opts.port === 0 ? await freePort(host) : opts.port + 100 + i;
    providers.push({
      owner,
      hostUri: `https://${host}:${port}`,
      attributes: profile.attributes,
      info: profile.info,
    });
    if (profile.audited.length > 0) {
      audits.push({ owner, auditor: localnetKeys.auditor().address, attributes: profile.audited });
    }
  }
  const genesis = defaultGenesis({ providers, audits });
  return {
    ...genesis,
    modules: {
      ...genesis.modules,
      market: localnetMarketGenesis(opts.blockTimeMs, opts.minReclamationWindowMs),
    },
  };
}

/** Providers of the (possibly restored) genesis that have a well-known localnet key. */
function genesisProviders(genesis: GenesisSpec): { index: number; hostUri: string }[] {
  const registered =
    (genesis.modules.provider as { providers?: GenesisProvider[] } | undefined)?.providers ?? [];
  const out: { index: number; hostUri: string }[] = [];
  for (let i = 0; i < MAX_LOCALNET_PROVIDERS; i++) {
    const found = registered.find((p) => p.owner === localnetKeys.provider(i).address);
    if (found) out.push({ index: i, hostUri: found.hostUri });
  }
  return out;
}

/**
 * Start (or resume) the localnet. On an existing data dir the providers registered in its genesis run, on the
 * host URIs recorded there, whatever `providers` and `port` say now.
 */
export async function startLocalnet(opts: LocalnetOptions): Promise<Localnet> {
  const host = opts.host ?? "127.0.0.1";
  if (!Number.isInteger(opts.providers) || opts.providers < 0 || opts.providers > MAX_LOCALNET_PROVIDERS) {
    throw new Error(`--providers must be between 0 and ${MAX_LOCALNET_PROVIDERS}, got ${opts.providers}`);
  }
  const control = new ControlPlane(new LocalnetFaults(), new RequestStats());
  const chain = await startChain({
    dataDir: opts.dataDir,
    port: opts.port,
    blockTimeMs: opts.blockTimeMs,
    host,
    genesis: await newGenesis(opts, host),
    control,
    grpcPort: opts.grpcPort ?? (opts.port === 0 ? 0 : opts.port + 2),
  });
  const started: LocalnetProvider[] = [];
  try {
    const results = await Promise.allSettled(
      genesisProviders(chain.genesis).map(({ index, hostUri }) => {
        const key = localnetKeys.provider(index);
        return startLocalnetProvider({
          index,
          mnemonic: key.mnemonic,
          address: key.address,
          rpcUrl: chain.rpcUrl,
          host,
          port: Number(new URL(hostUri).port),
          blockTimeMs: opts.blockTimeMs,
          stateDir: join(opts.dataDir, "providers", key.address),
          timing: opts.providerTiming,
          log: opts.log,
          faults: control.faults,
        });
      }),
    );
    for (const r of results) if (r.status === "fulfilled") started.push(r.value);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  } catch (error) {
    await Promise.all(started.map((p) => p.stop()));
    await chain.stop();
    throw error;
  }
  for (const provider of started) {
    control.addProvider(provider);
    chain.actions.addProvider({
      address: provider.address,
      startReclaim: (request) => provider.engine.startReclaim(request),
    });
  }
  const account = localnetKeys.testAccount();
  let stopping: Promise<void> | undefined;
  return {
    node: chain.rpcUrl,
    grpc: chain.grpcUrl ?? "",
    chainId: chain.chainId,
    mnemonic: account.mnemonic,
    address: account.address,
    providers: started.map((p) => ({ address: p.address, hostUri: p.hostUri, attributes: p.attributes })),
    chain,
    faults: control.faults,
    stats: () => control.stats.snapshot(),
    resetStats: () => control.stats.reset(),
    closeLease: (provider, request) => control.closeLease(provider, request),
    startReclaim: (provider, request) => chain.actions.startReclaim(provider, request),
    oracle: chain.actions.oracle,
    stop: () => {
      stopping ??= (async () => {
        for (const provider of started) {
          control.removeProvider(provider.address);
          chain.actions.removeProvider(provider.address);
        }
        await Promise.all(started.map((p) => p.stop()));
        await chain.stop();
      })();
      return stopping;
    },
  };
}
