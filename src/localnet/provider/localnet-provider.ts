/**
 * One localnet provider: bid engine + HTTPS gateway + simulated cluster, signing with its own well-known key and
 * talking to the chain only over RPC. `startLocalnetProvider` is what the network start-up runs per provider.
 */
import { X509Certificate } from "node:crypto";
import { join } from "node:path";
import { ProviderChainClient } from "./chain-client";
import { Inventory } from "./capacity";
import { BidEngine } from "./bid-engine";
import { DeploymentMonitors } from "./deployment-monitor";
import { startGateway, type Gateway } from "./gateway";
import { DeploymentHashView, startHashWatch } from "./hash-view";
import { LeaseRuntime, type ClusterBehaviour } from "./lease-runtime";
import { DEFAULT_PROVIDER_SOFTWARE, PROVIDER_SOFTWARE } from "./software";
import { defaultTiming, type ProviderTiming } from "./timing";
import { providerProfile, type ProviderProfile } from "./profiles";
import { loadOrCreateTlsIdentity, createTlsIdentity, type TlsIdentity } from "./tls-identity";
import { PROVIDER_MSG_TYPES, TxQueue } from "./tx-queue";
import type { CloseLeaseRequest, CloseLeaseResult } from "../faults/control-api";
import type { LocalnetFaults } from "../faults/faults";
import type { ProviderBehaviour } from "../faults/provider-behaviour";

export interface LocalnetProviderOptions {
  /** Profile index (attributes, prices, capacity). */
  index: number;
  mnemonic: string;
  address: string;
  rpcUrl: string;
  /** Gateway listen address and port (0 = any free port). */
  host?: string;
  port: number;
  blockTimeMs: number;
  /** Where the TLS identity and running manifests are kept (omit for in-memory only). */
  stateDir?: string;
  profile?: ProviderProfile;
  timing?: Partial<ProviderTiming>;
  /** Publish the gateway certificate on chain (MsgCreateCertificate) if it is not there yet. */
  registerCertificate?: boolean;
  log?: (line: string) => void;
  /** Injected faults and behaviour settings shared with the chain's control API. */
  faults?: LocalnetFaults;
}

export interface LocalnetProvider {
  address: string;
  hostUri: string;
  attributes: { key: string; value: string }[];
  profile: ProviderProfile;
  gateway: Gateway;
  engine: BidEngine;
  tls: TlsIdentity;
  /** Close one of this provider's active leases (MsgCloseBid), e.g. to test how a tenant reacts. */
  closeLease(request: CloseLeaseRequest): Promise<CloseLeaseResult>;
  stop(): Promise<void>;
}

export async function startLocalnetProvider(opts: LocalnetProviderOptions): Promise<LocalnetProvider> {
  const host = opts.host ?? "127.0.0.1";
  const log = (line: string) => opts.log?.(`provider ${opts.index} (${opts.address}): ${line}`);
  const profile = opts.profile ?? providerProfile(opts.index);
  const timing = { ...defaultTiming(opts.blockTimeMs), ...opts.timing };
  const { tls, chain, tx } = await connect(opts);
  // Read on every use: the control API may change them at any time.
  const behaviour = (): ProviderBehaviour => opts.faults?.behaviour(opts.address) ?? {};
  const runtime = new LeaseRuntime(
    host,
    clusterBehaviour(behaviour, timing.podStartMs),
    opts.stateDir ? join(opts.stateDir, "leases.json") : undefined,
  );
  const hashes = new DeploymentHashView();
  const inventory = new Inventory(profile.capacity);
  await reserveRunningLeases(chain, runtime, inventory);
  const engine = new BidEngine({
    address: opts.address,
    profile,
    chain,
    tx,
    inventory,
    runtime,
    timing,
    log,
    biddingEnabled: opts.faults ? () => opts.faults!.biddingEnabled(opts.address) : undefined,
  });
  const monitors = new DeploymentMonitors({
    runtime,
    timing,
    closeLease: (lease, reason) => engine.giveUp({ ...lease, reason }),
    log,
  });
  const gateway = await openGateway(opts, {
    host,
    tls,
    chain,
    tx,
    runtime,
    engine,
    monitors,
    inventory,
    hashes,
    behaviour,
  });
  engine.start();
  // A restarted provider monitors the workloads it still runs.
  for (const lease of runtime.leases()) monitors.watch(lease);
  const stopHashWatch = startHashWatch({
    view: hashes,
    deployments: () => [...new Set(runtime.leases().map((l) => `${l.owner}/${l.dseq}`))],
    chainHash: async (owner, dseq) => (await chain.deployment(owner, dseq)).deployment?.hash,
    intervalMs: opts.blockTimeMs,
    lagMs: () => behaviour().hashLagMs ?? 0,
  });
  if (opts.registerCertificate ?? true) void registerCertificate(chain, tx, opts.address, tls, log);

  let stopped: Promise<void> | undefined;
  return {
    address: opts.address,
    hostUri: gateway.url,
    attributes: profile.attributes,
    profile,
    gateway,
    engine,
    tls,
    closeLease: (request) => engine.closeLease(request),
    stop: () => {
      stopped ??= (async () => {
        stopHashWatch();
        monitors.stop();
        await engine.stop();
        await gateway.close();
        chain.disconnect();
        tx.disconnect();
      })();
      return stopped;
    },
  };
}

/** Its TLS identity, a chain client and a tx queue signing with its key (which must derive its address). */
async function connect(
  opts: LocalnetProviderOptions,
): Promise<{ tls: TlsIdentity; chain: ProviderChainClient; tx: TxQueue }> {
  const [tls, chain, tx] = await Promise.all([
    opts.stateDir ? loadOrCreateTlsIdentity(opts.stateDir, opts.address) : createTlsIdentity(opts.address),
    ProviderChainClient.connect(opts.rpcUrl),
    TxQueue.connect(opts.rpcUrl, opts.mnemonic, Math.max(20, Math.round(opts.blockTimeMs / 4))),
  ]);
  if (tx.address !== opts.address) {
    throw new Error(`provider ${opts.index}: mnemonic derives ${tx.address}, expected ${opts.address}`);
  }
  return { tls, chain, tx };
}

/** A restarted provider's running leases hold their share of the capacity again. */
async function reserveRunningLeases(
  chain: ProviderChainClient,
  runtime: LeaseRuntime,
  inventory: Inventory,
): Promise<void> {
  for (const lease of runtime.leases()) {
    const spec = await chain.group(lease.owner, lease.dseq, lease.gseq).catch(() => undefined);
    if (spec?.groupSpec)
      inventory.reserve(`${lease.owner}/${lease.dseq}/${lease.gseq}/${lease.oseq}`, spec.groupSpec);
  }
}

/** The parts of a provider its gateway serves. */
interface GatewayParts {
  host: string;
  tls: TlsIdentity;
  chain: ProviderChainClient;
  tx: TxQueue;
  runtime: LeaseRuntime;
  engine: BidEngine;
  monitors: DeploymentMonitors;
  inventory: Inventory;
  hashes: DeploymentHashView;
  behaviour: () => ProviderBehaviour;
}

/** Starts the gateway; when it cannot listen, the chain connections are closed and a busy port is explained. */
async function openGateway(opts: LocalnetProviderOptions, parts: GatewayParts): Promise<Gateway> {
  const { host, tls, chain, tx, runtime, engine, monitors, inventory, hashes, behaviour } = parts;
  try {
    return await startGateway({
      address: opts.address,
      host,
      port: opts.port,
      tls,
      chain: {
        deployment: (owner, dseq) => chain.deployment(owner, dseq),
        leases: (filters) => chain.leases(filters),
        accountPubkey: (address) => chain.accountPubkey(address),
        validCertificate: (owner, serial) => chain.validCertificate(owner, serial),
      },
      runtime,
      onManifest: (leases) => {
        engine.manifestReceived(leases);
        for (const lease of leases) monitors.watch(lease);
      },
      streamIntervalMs: Math.max(200, opts.blockTimeMs),
      fault: opts.faults ? () => opts.faults!.gateway(opts.address) : undefined,
      streamDrop: opts.faults ? () => opts.faults!.streamDrop(opts.address) : undefined,
      software: () => PROVIDER_SOFTWARE[behaviour().software ?? DEFAULT_PROVIDER_SOFTWARE],
      expectedHash: (deployment, chainHash) =>
        hashes.expected(deployment, chainHash, Date.now(), behaviour().hashLagMs ?? 0),
      status: () => statusBody(inventory, engine, runtime, host),
    });
  } catch (error) {
    chain.disconnect();
    tx.disconnect();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      throw new Error(
        `provider ${opts.index}: gateway port ${opts.port} on ${host} is already in use; free it, or use another ` +
          "--port with a new --data-dir (gateway ports are fixed at genesis: port+100+i)",
      );
    }
    throw error;
  }
}

/** The cluster the settings describe: pod start time and images that cannot be pulled. */
function clusterBehaviour(behaviour: () => ProviderBehaviour, podStartMs: number): ClusterBehaviour {
  return {
    podStartMs: () => behaviour().rolloutMs ?? podStartMs,
    imageFails: (image) => behaviour().images?.failing?.includes(image) ?? false,
  };
}

/** GET /status body (without `address`): cluster inventory, bid engine and manifest counts. */
function statusBody(inventory: Inventory, engine: BidEngine, runtime: LeaseRuntime, host: string) {
  const m = inventory.metrics();
  const resources = (c: typeof m.total) => ({
    cpu: Number(c.cpuMillis),
    gpu: Number(c.gpus),
    memory: Number(c.memoryBytes),
    storage_ephemeral: Number(c.storageBytes),
  });
  return {
    cluster: {
      leases: engine.activeLeaseCount(),
      inventory: {
        available: {
          nodes: [
            { name: "localnet-node", allocatable: resources(m.total), available: resources(m.available) },
          ],
        },
      },
    },
    bidengine: { orders: engine.orderCount() },
    manifest: { deployments: runtime.deploymentCount() },
    cluster_public_hostname: host,
  };
}

/** Real providers have their gateway certificate on chain; clients may verify the gateway against it. */
async function registerCertificate(
  chain: ProviderChainClient,
  tx: TxQueue,
  address: string,
  tls: TlsIdentity,
  log: (line: string) => void,
): Promise<void> {
  try {
    const serial = BigInt(`0x${new X509Certificate(tls.certPem).serialNumber}`).toString(10);
    if (await chain.validCertificate(address, serial)) return;
    const res = await tx.submit([
      {
        typeUrl: PROVIDER_MSG_TYPES.createCertificate,
        value: { owner: address, cert: Buffer.from(tls.certPem), pubkey: Buffer.from(tls.pubkeyPem) },
      },
    ]);
    if (res.code !== 0) log(`certificate registration failed with code ${res.code}: ${res.rawLog ?? ""}`);
  } catch (error) {
    log(`certificate registration failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
