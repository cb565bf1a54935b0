/**
 * The Chain port: what resources and data sources need from the Akash ledger, in plain TypeScript types.
 *
 * Technology-neutral on purpose (AEP-79: Akash plans to leave Cosmos): integer amounts are `bigint`, prices and
 * escrow balances are decimal strings, ids are plain objects. No protobuf, cosmjs or RPC types appear here; the
 * Cosmos adapter (src/akash/adapters/cosmos) translates. The SDL's Go-JSON group specs are used as the deployment
 * payload because the SDL is chain-independent.
 */
import type { DeploymentIdentity } from "./deployment-identity";
import type { GoGroupSpec } from "../../sdl/manifest-types";
import type { ActMintQuote, BmeParams, BmeStatus, OraclePrice } from "./act-minting";
import type { Coin, DecCoin } from "./coins";

export type { ActMintQuote, BmeParams, BmeStatus, OraclePrice } from "./act-minting";

export type { Coin, DecCoin } from "./coins";

export interface Attribute {
  key: string;
  value: string;
}

export interface DeploymentId {
  owner: string;
  dseq: bigint;
}

export interface GroupId extends DeploymentId {
  gseq: number;
}

export interface OrderId extends GroupId {
  oseq: number;
}

export interface BidId extends OrderId {
  provider: string;
  /** Always 0 on today's chain; copy it from the bid. */
  bseq: number;
}

/** A lease has the same identity as the bid it was created from. */
export type LeaseId = BidId;

export type DeploymentState = "active" | "closed" | "invalid";
export type GroupState = "open" | "paused" | "insufficient_funds" | "closed" | "invalid";
export type BidState = "open" | "active" | "lost" | "closed" | "invalid";
export type LeaseState = "active" | "insufficient_funds" | "closed" | "reclaiming" | "invalid";
export type EscrowState = "open" | "closed" | "overdrawn" | "invalid";
export type DepositSource = "balance" | "grant";

export interface EscrowDeposit {
  /** Who paid: the owner, or the granter for grant-sourced funds. */
  owner: string;
  height: bigint;
  source: DepositSource;
  balance: DecCoin;
}

/** The deployment's escrow account: what is left, and when it was last settled. */
export interface EscrowAccount {
  state: EscrowState;
  /** Unspent funds per denom, as of `settledAt` (settlement is lazy: subtract rate × blocks since then). */
  funds: DecCoin[];
  /** Total paid out so far. */
  transferred: DecCoin[];
  settledAt: bigint;
  deposits: EscrowDeposit[];
}

/**
 * AEP-82 resource reclamation (chain v2.1): a tenant may require that a provider who wants its resources back
 * announces it and keeps the workload running for a window first.
 */
export interface DeploymentReclamation {
  /** The shortest window a bid must offer (within the market's governance bounds). */
  minWindowSeconds: number;
}

export interface LeaseReclamation {
  /** The window the winning bid offered. */
  windowSeconds: number;
  /** Set once the provider announced reclamation: the lease is then "reclaiming" until it closes it. */
  started?: {
    height: bigint;
    /** The provider may close the lease from this time on. */
    deadline: Date;
    /** The provider's reason, e.g. "lease_closed_reason_decommission". */
    reason: string;
  };
}

export interface Group {
  id: GroupId;
  name: string;
  state: GroupState;
  spec: GoGroupSpec;
  createdAt: bigint;
}

export interface Deployment {
  id: DeploymentId;
  state: DeploymentState;
  /** The 32-byte manifest version hash. */
  hash: Uint8Array;
  createdAt: bigint;
  groups: Group[];
  escrow?: EscrowAccount;
  /** Undefined when the deployment does not require reclamation. */
  reclamation?: DeploymentReclamation;
}

/**
 * What a bid offers for one resource unit of the order (market v1beta5 ResourceOffer): the provider fills in what
 * it would allocate, e.g. the concrete GPU model behind a wildcard request.
 */
export interface OfferedResources {
  /** The order's resource unit id (the manifest service's `resources.id`). */
  id: number;
  count: number;
  cpuMillis: bigint;
  memoryBytes: bigint;
  storage: { name: string; bytes: bigint; attributes: { key: string; value: string }[] }[];
  gpu: { units: bigint; attributes: { key: string; value: string }[] };
}

export interface Bid {
  id: BidId;
  state: BidState;
  /** Price per block. */
  price: DecCoin;
  createdAt: bigint;
  /** The reclamation window the provider offers; undefined when it offers none. */
  reclamationWindowSeconds?: number;
  /** The resources offered, per resource unit (empty when the provider sent none). */
  resourcesOffer: OfferedResources[];
}

export interface LeasePayment {
  state: EscrowState;
  /** Price per block actually charged. */
  rate: DecCoin;
  balance: DecCoin;
  unsettled: DecCoin;
  withdrawn: Coin;
}

export interface Lease {
  id: LeaseId;
  state: LeaseState;
  price: DecCoin;
  createdAt: bigint;
  closedOn: bigint;
  /** Why it closed, e.g. "lease_closed_owner", "lease_closed_reason_insufficient_funds"; "" while active. */
  closedReason: string;
  payment?: LeasePayment;
  /** Undefined when the winning bid offered no reclamation window. */
  reclamation?: LeaseReclamation;
}

export interface Provider {
  owner: string;
  /** Gateway base URL, e.g. https://provider.example.com:8443. */
  hostUri: string;
  attributes: Attribute[];
  info: { email: string; website: string };
}

/** Attributes an auditor signed for a provider. */
export interface AuditedAttributes {
  provider: string;
  auditor: string;
  attributes: Attribute[];
}

export interface AccountInfo {
  address: string;
  accountNumber: bigint;
  sequence: bigint;
  /** False until the account signed its first transaction; provider gateways need it to verify JWTs. */
  hasPubkey: boolean;
}

export interface DeploymentParams {
  /** Minimum initial deposit per denom. */
  minDeposits: Coin[];
}

export interface MarketParams {
  bidMinDeposits: Coin[];
  orderMaxBids: number;
  /** Governance bounds of reclamation windows (mainnet: 1 h and 720 h; the localnet scales the minimum). */
  minReclamationWindowSeconds: number;
  maxReclamationWindowSeconds: number;
}

export type DepositGrantScope = "deployment" | "bid";

/** An authorization letting `grantee` fund deposits from `granter`'s balance. */
export interface DepositGrant {
  granter: string;
  grantee: string;
  spendLimits: Coin[];
  scopes: DepositGrantScope[];
  expiration?: Date;
}

/** A fee allowance letting `grantee` pay transaction fees from `granter`'s balance. */
export interface FeeAllowance {
  granter: string;
  grantee: string;
  /** "basic", "periodic", "allowed-msg" or the raw kind when unknown. */
  kind: string;
  /** Empty = unlimited. */
  spendLimit: Coin[];
  expiration?: Date;
  /** Periodic allowances only: the per-period budget and what is left of it. */
  period?: FeeAllowancePeriod;
}

export interface FeeAllowancePeriod {
  seconds: number;
  spendLimit: Coin[];
  /** What can still be spent before `reset`. */
  canSpend: Coin[];
  reset?: Date;
}

export interface Certificate {
  owner: string;
  serial: string;
  state: "valid" | "revoked" | "invalid";
  certPem: string;
  pubkeyPem: string;
}

/** What the transaction that created a deployment says about who created it. */
export interface DeploymentCreateMemo {
  memo: string;
  /** Position of the deployment's MsgCreateDeployment among the transaction's MsgCreateDeployments. */
  createIndex: number;
  txHash: string;
}

export interface ChainQueries {
  chainId(): Promise<string>;
  latestHeight(): Promise<bigint>;
  /** Typical seconds per block over recent blocks (for runway and monthly prices). */
  averageBlockSeconds(): Promise<number>;
  /** Undefined when the address has never received funds. */
  account(address: string): Promise<AccountInfo | undefined>;
  balances(address: string): Promise<Coin[]>;
  /** Undefined when no deployment (owner, dseq) was ever created. Closed deployments are returned as closed. */
  deployment(owner: string, dseq: bigint): Promise<Deployment | undefined>;
  deployments(owner: string, filter?: { state?: DeploymentState }): Promise<Deployment[]>;
  /**
   * The memo of the transaction that created (owner, dseq) in block `height` (its `createdAt`); undefined when the
   * node's tx index has no such transaction. Throws ChainError "invalid-request" when the node indexes no txs.
   */
  deploymentCreateMemo(
    owner: string,
    dseq: bigint,
    height: bigint,
  ): Promise<DeploymentCreateMemo | undefined>;
  bids(owner: string, dseq: bigint, filter?: { gseq?: number; state?: BidState }): Promise<Bid[]>;
  leases(owner: string, filter?: { dseq?: bigint; state?: LeaseState }): Promise<Lease[]>;
  provider(address: string): Promise<Provider | undefined>;
  providers(): Promise<Provider[]>;
  /** Audited attributes of one provider, or of all providers when omitted. */
  auditedAttributes(provider?: string): Promise<AuditedAttributes[]>;
  certificates(owner: string, filter?: { state?: "valid" | "revoked" }): Promise<Certificate[]>;
  deploymentParams(): Promise<DeploymentParams>;
  marketParams(): Promise<MarketParams>;
  /** Rejects with ChainError "mint-unavailable" while the oracle price is stalled (the chain fails the query). */
  bmeStatus(): Promise<BmeStatus>;
  bmeParams(): Promise<BmeParams>;
  /** The oracle price of `denom` ("akt" by default); resolves with `healthy: false` while it is stalled. */
  oraclePrice(denom?: string): Promise<OraclePrice>;
  /**
   * uakt to burn so a mint yields at least `want` (uact). Rejects with ChainError "mint-unavailable" while the
   * oracle price is stalled.
   */
  actMintQuote(want: Coin): Promise<ActMintQuote>;
  depositGrants(filter: { granter?: string; grantee?: string }): Promise<DepositGrant[]>;
  feeAllowances(filter: { granter?: string; grantee?: string }): Promise<FeeAllowance[]>;
}

export type ChainMessage =
  | {
      kind: "createDeployment";
      owner: string;
      dseq: bigint;
      groups: GoGroupSpec[];
      /** SHA-256 manifest version hash, 32 bytes. */
      hash: Uint8Array;
      deposit: Coin;
      /** Where the deposit comes from, in order. Defaults to ["balance"]. */
      sources?: DepositSource[];
      /** Require reclamation (AEP-82): bids must offer at least this window. Omit to require none. */
      reclamation?: DeploymentReclamation;
      /** Stack and resource that create it, written to the transaction memo (see deployment-identity.ts). */
      identity?: DeploymentIdentity;
    }
  | { kind: "updateDeployment"; owner: string; dseq: bigint; hash: Uint8Array }
  | { kind: "closeDeployment"; owner: string; dseq: bigint }
  | {
      kind: "accountDeposit";
      /** Who pays (usually the owner). */
      signer: string;
      deployment: DeploymentId;
      amount: Coin;
      sources?: DepositSource[];
    }
  | { kind: "createLease"; bid: BidId }
  | { kind: "closeLease"; lease: LeaseId }
  /**
   * The provider announces it will reclaim a lease's resources (MsgLeaseStartReclaim, signed by the provider);
   * it may close the lease once the window has passed. `reason` is a provider-side LeaseClosedReason name, by
   * default "lease_closed_reason_decommission".
   */
  | { kind: "startLeaseReclaim"; lease: LeaseId; reason?: ProviderCloseReason }
  /** Reopens a paused group (its provider closed the lease): the chain creates a new order, providers bid again. */
  | { kind: "startGroup"; group: GroupId }
  /**
   * Pauses an open group: the chain closes its order and every bid on it (and would close its lease: check that
   * none exists first). Followed by startGroup it replaces an order whose bids expired with a new one.
   */
  | { kind: "pauseGroup"; group: GroupId }
  /** Burn `amount` (uakt) to mint ACT for `owner`; the ACT arrives at the next BME epoch. */
  | { kind: "mintAct"; owner: string; amount: Coin }
  | {
      kind: "grantDepositAuthorization";
      granter: string;
      grantee: string;
      spendLimits: Coin[];
      scopes?: DepositGrantScope[];
      expiration?: Date;
    }
  | { kind: "revokeDepositAuthorization"; granter: string; grantee: string }
  | {
      kind: "grantFeeAllowance";
      granter: string;
      grantee: string;
      spendLimit: Coin[];
      expiration?: Date;
      /** Makes it a periodic allowance: at most `spendLimit` per `seconds`. */
      period?: { seconds: number; spendLimit: Coin[] };
    }
  | { kind: "revokeFeeAllowance"; granter: string; grantee: string }
  | { kind: "createCertificate"; owner: string; certPem: string; pubkeyPem: string }
  | { kind: "revokeCertificate"; owner: string; serial: string };

/** LeaseClosedReason values a provider may give (10000..19999). */
export type ProviderCloseReason =
  | "lease_closed_reason_unstable"
  | "lease_closed_reason_decommission"
  | "lease_closed_reason_unspecified"
  | "lease_closed_reason_manifest_timeout";

export type ChainMessageKind = ChainMessage["kind"];

/** Funds a deposit drew (createDeployment, accountDeposit): from the signer's balance or from a granter. */
export interface DepositDraw {
  source: DepositSource;
  /** The signer for "balance", the granter for "grant". */
  owner: string;
  amount: Coin;
}

/** One event emitted for the submitted message (attribute values as the chain printed them). */
export interface ChainEvent {
  type: string;
  attributes: Record<string, string>;
}

export interface SubmitResult {
  txHash: string;
  height: bigint;
  /** Events of this message only (other messages batched into the same transaction are filtered out). */
  events: ChainEvent[];
  /**
   * createDeployment and accountDeposit: where the deposit came from, in the order the chain drew it. With a
   * "grant" source the chain walks all of the signer's deposit grants (granter address order) and takes what each
   * allows; it cannot be told which granter pays, so this says which ones did.
   */
  deposits?: DepositDraw[];
}

export interface SubmitOptions {
  /** Cancels waiting; a transaction already broadcast may still be included. */
  signal?: AbortSignal;
}

export interface ChainTransactions {
  /** The account that signs; messages must be signed by it (owner/granter/signer fields). */
  readonly signerAddress: string;
  /**
   * Submits one message and resolves once it is included in a block. Concurrent calls may share one transaction;
   * each caller gets only its own message's outcome. Rejects with a ChainError explaining what to do.
   */
  submit(message: ChainMessage, options?: SubmitOptions): Promise<SubmitResult>;
}

export interface Chain extends ChainQueries {
  /** Undefined when no signing key is configured (read-only use). */
  readonly transactions: ChainTransactions | undefined;
  /** Drop cached query results (call after out-of-band changes). */
  invalidate(): void;
  /** Close connections and stop timers. */
  close(): Promise<void>;
}
