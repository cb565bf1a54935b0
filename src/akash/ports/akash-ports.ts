/**
 * What resources and data sources receive as `provider`: the ports, built in one place (the composition root in
 * src/provider) from the provider block, and the same for the CLI. Clients are created on first use.
 */
import type { BidWatcher } from "./bid-watcher";
import type { Chain, ChainTransactions } from "./chain";
import type { Clock } from "./clock";
import type { CreateJournal } from "./create-journal";
import type { ProviderGateway } from "./provider-gateway";

/** A chain client that can sign (the provider has a key). */
export type SigningChain = Chain & { transactions: ChainTransactions };

/** How to authenticate to provider gateways: JWTs signed by the owner's key, or the owner's certificate. */
export type GatewayAuth = { kind: "jwt" } | { kind: "mtls"; certPem: string; keyPem: string };

/** What the provider block says, without secrets: enough for plan-time decisions. */
export interface ProviderFacts {
  /** An RPC node is configured (attribute or AKASH_NODE). */
  hasNode: boolean;
  /** A signing key is configured (attribute or AKASH_MNEMONIC). */
  hasSigner: boolean;
  /** Grantee mode: who pays fees for the signing key. */
  feeGranter?: string;
  /** Grantee mode: whose deposit authorization funds deployments by default. */
  depositGranter?: string;
  /** The stack name every deployment's create memo identifies (undefined: the account's default stack). */
  stack?: string;
}

/** Deployment sequence numbers: unique per owner, strictly increasing within a process. */
export interface DseqSource {
  next(): bigint;
}

/** Files the configuration names (e.g. an SDL given to `terraform import`), relative to terraform's working directory. */
export interface LocalFiles {
  /** The file's text; throws an Error saying why it cannot be read. */
  readText(path: string): string;
}

/** Runs tasks with the same key one after another (e.g. one ACT mint at a time per owner). */
export interface TaskQueue {
  serialized<T>(key: string, task: () => Promise<T>): Promise<T>;
}

export interface AkashPorts {
  readonly facts: ProviderFacts;
  /** Queries; it signs too when a key is configured. Throws a diagnostic naming the missing setting. */
  chain(): Promise<Chain>;
  /** Throws a diagnostic when no key is configured. */
  signingChain(): Promise<SigningChain>;
  signerAddress(): Promise<string>;
  gateway(auth: GatewayAuth): Promise<ProviderGateway>;
  /** The open bids leases wait on, polled once per block for all of them. */
  bidWatcher(): Promise<BidWatcher>;
  readonly journal: CreateJournal;
  readonly clock: Clock;
  readonly dseqs: DseqSource;
  readonly queue: TaskQueue;
  readonly files: LocalFiles;
}
