/**
 * ChainQueries over CometBFT `abci_query` with chain-sdk's generated types: a facade over one query class per
 * chain module (queries/), sharing one query runner and one short-lived cache. Concurrent lookups of one owner's
 * deployments (or leases, or bids) become one list query, and identical queries share results for a short time
 * (see query-coalescer.ts).
 */
import type {
  AccountInfo,
  ActMintQuote,
  AuditedAttributes,
  Bid,
  BidState,
  BmeParams,
  BmeStatus,
  Certificate,
  ChainQueries,
  Coin,
  Deployment,
  DeploymentCreateMemo,
  DeploymentParams,
  DeploymentState,
  DepositGrant,
  FeeAllowance,
  Lease,
  LeaseState,
  MarketParams,
  OraclePrice,
  Provider,
} from "../../ports/chain";
import { QueryCache } from "./query-coalescer";
import { AccountQueries } from "./queries/account-queries";
import { BmeQueries } from "./queries/bme-queries";
import { CertQueries } from "./queries/cert-queries";
import { DeploymentQueries } from "./queries/deployment-queries";
import { GrantQueries } from "./queries/grant-queries";
import { MarketQueries } from "./queries/market-queries";
import { NodeQueries } from "./queries/node-queries";
import { ProviderQueries } from "./queries/provider-queries";
import { QueryRunner } from "./queries/query-runner";
import { TxQueries } from "./queries/tx-queries";
import type { CometRpcClient } from "./rpc-client";

export interface CosmosQueriesOptions {
  /** How long query results are reused (ms). Keep it short: it only spans one Terraform operation. */
  cacheTtlMs?: number;
  /** How long to gather concurrent lookups before querying (ms). */
  batchWindowMs?: number;
}

export class CosmosQueries implements ChainQueries {
  private readonly cache: QueryCache;
  private readonly node: NodeQueries;
  private readonly accounts: AccountQueries;
  private readonly deploymentQueries: DeploymentQueries;
  private readonly market: MarketQueries;
  private readonly providerQueries: ProviderQueries;
  private readonly certs: CertQueries;
  private readonly bme: BmeQueries;
  private readonly grants: GrantQueries;
  private readonly txs: TxQueries;

  constructor(
    protected readonly rpc: CometRpcClient,
    options: CosmosQueriesOptions = {},
  ) {
    this.cache = new QueryCache(options.cacheTtlMs ?? 2_000);
    const window = options.batchWindowMs ?? 5;
    const runner = new QueryRunner(rpc);
    this.node = new NodeQueries(rpc, this.cache);
    this.accounts = new AccountQueries(runner, this.cache);
    this.deploymentQueries = new DeploymentQueries(runner, this.cache, window);
    this.market = new MarketQueries(runner, this.cache, window);
    this.providerQueries = new ProviderQueries(runner, this.cache);
    this.certs = new CertQueries(runner, this.cache);
    this.bme = new BmeQueries(runner, this.cache);
    this.grants = new GrantQueries(runner);
    this.txs = new TxQueries(rpc);
  }

  /** Forget cached results (our transactions changed the chain). */
  invalidate(): void {
    this.cache.clear();
  }

  chainId(): Promise<string> {
    return this.node.chainId();
  }

  latestHeight(): Promise<bigint> {
    return this.node.latestHeight();
  }

  averageBlockSeconds(): Promise<number> {
    return this.node.averageBlockSeconds();
  }

  account(address: string): Promise<AccountInfo | undefined> {
    return this.accounts.account(address);
  }

  balances(address: string): Promise<Coin[]> {
    return this.accounts.balances(address);
  }

  deploymentCreateMemo(
    owner: string,
    dseq: bigint,
    height: bigint,
  ): Promise<DeploymentCreateMemo | undefined> {
    return this.txs.deploymentCreateMemo(owner, dseq, height);
  }

  deployment(owner: string, dseq: bigint): Promise<Deployment | undefined> {
    return this.deploymentQueries.deployment(owner, dseq);
  }

  deployments(owner: string, filter?: { state?: DeploymentState }): Promise<Deployment[]> {
    return this.deploymentQueries.deployments(owner, filter);
  }

  deploymentParams(): Promise<DeploymentParams> {
    return this.deploymentQueries.params();
  }

  bids(owner: string, dseq: bigint, filter?: { gseq?: number; state?: BidState }): Promise<Bid[]> {
    return this.market.bids(owner, dseq, filter);
  }

  leases(owner: string, filter?: { dseq?: bigint; state?: LeaseState }): Promise<Lease[]> {
    return this.market.leases(owner, filter);
  }

  marketParams(): Promise<MarketParams> {
    return this.market.params();
  }

  provider(address: string): Promise<Provider | undefined> {
    return this.providerQueries.provider(address);
  }

  providers(): Promise<Provider[]> {
    return this.providerQueries.providers();
  }

  auditedAttributes(provider?: string): Promise<AuditedAttributes[]> {
    return this.providerQueries.auditedAttributes(provider);
  }

  certificates(owner: string, filter?: { state?: "valid" | "revoked" }): Promise<Certificate[]> {
    return this.certs.certificates(owner, filter);
  }

  bmeStatus(): Promise<BmeStatus> {
    return this.bme.status();
  }

  bmeParams(): Promise<BmeParams> {
    return this.bme.params();
  }

  oraclePrice(denom?: string): Promise<OraclePrice> {
    return this.bme.oraclePrice(denom);
  }

  actMintQuote(want: Coin): Promise<ActMintQuote> {
    return this.bme.actMintQuote(want);
  }

  depositGrants(filter: { granter?: string; grantee?: string }): Promise<DepositGrant[]> {
    return this.grants.depositGrants(filter);
  }

  feeAllowances(filter: { granter?: string; grantee?: string }): Promise<FeeAllowance[]> {
    return this.grants.feeAllowances(filter);
  }
}
