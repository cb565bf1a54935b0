/**
 * akash.market.v1beta5 queries: bids and leases of an owner (with their v2.1 reclamation fields) and params.
 * Concurrent lookups of one owner's bids or leases become one list query.
 */
import type {
  QueryBidsResponse,
  QueryLeasesResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import type { Bid, BidState, Lease, LeaseState, MarketParams } from "../../../ports/chain";
import * as convert from "../convert";
import { Batcher, type QueryCache } from "../query-coalescer";
import { bidReclamationWindow, leaseReclamation, listInner, marketReclamationBounds } from "../v21-fields";
import { messageAt } from "../v21-wire";
import type { QueryRunner } from "./query-runner";

function bidsOf(r: QueryBidsResponse, bytes: Uint8Array): Bid[] {
  const raw = listInner(bytes, 1);
  return r.bids.flatMap((b, i) => (b.bid ? [convert.bid(b.bid, bidReclamationWindow(raw[i]))] : []));
}

function leasesOf(r: QueryLeasesResponse, bytes: Uint8Array): Lease[] {
  const raw = listInner(bytes, 1);
  return r.leases.flatMap((l, i) =>
    l.lease
      ? [convert.lease(l.lease, l.escrowPayment, leaseReclamation(raw[i], convert.leaseClosedReasonName))]
      : [],
  );
}

export class MarketQueries {
  private readonly leaseBatcher: Batcher<bigint | undefined, Lease[]>;
  private readonly bidBatcher: Batcher<bigint, Bid[]>;

  constructor(
    private readonly runner: QueryRunner,
    private readonly cache: QueryCache,
    batchWindowMs: number,
  ) {
    this.leaseBatcher = new Batcher(batchWindowMs, (owner, dseqs) => this.resolveLeases(owner, dseqs));
    this.bidBatcher = new Batcher(batchWindowMs, (group, dseqs) => this.resolveBids(group, dseqs));
  }

  private bidList(owner: string, state: string, dseq?: bigint): Promise<Bid[]> {
    const key = dseq === undefined ? `bids:${owner}:${state}` : `bids:${owner}/${dseq}:${state}`;
    return this.cache.shared(key, () =>
      this.runner.list(
        "/akash.market.v1beta5.Query/Bids",
        (p) => p.v1beta5.QueryBidsRequest,
        { filters: { owner, state, ...(dseq === undefined ? {} : { dseq: dseq.toString() }) } },
        (p) => p.v1beta5.QueryBidsResponse,
        bidsOf,
      ),
    );
  }

  private async resolveBids(group: string, dseqs: bigint[]): Promise<Bid[][]> {
    const [owner, state = ""] = group.split("|") as [string, string?];
    if (new Set(dseqs).size === 1 && !this.cache.peek(`bids:${owner}:${state}`)) {
      const bids = await this.bidList(owner, state, dseqs[0]);
      return dseqs.map(() => bids);
    }
    const all = await this.bidList(owner, state);
    return dseqs.map((dseq) => all.filter((b) => b.id.dseq === dseq));
  }

  async bids(owner: string, dseq: bigint, filter: { gseq?: number; state?: BidState } = {}): Promise<Bid[]> {
    const state = filter.state ?? "";
    const snapshot = this.cache.peek<Bid[]>(`bids:${owner}:${state}`);
    const bids = snapshot
      ? (await snapshot).filter((b) => b.id.dseq === dseq)
      : await this.bidBatcher.request(`${owner}|${state}`, dseq);
    return filter.gseq === undefined ? bids : bids.filter((b) => b.id.gseq === filter.gseq);
  }

  private leaseList(owner: string, dseq?: bigint): Promise<Lease[]> {
    const key = dseq === undefined ? `leases:${owner}` : `leases:${owner}/${dseq}`;
    return this.cache.shared(key, () =>
      this.runner.list(
        "/akash.market.v1beta5.Query/Leases",
        (p) => p.v1beta5.QueryLeasesRequest,
        { filters: { owner, ...(dseq === undefined ? {} : { dseq: dseq.toString() }) } },
        (p) => p.v1beta5.QueryLeasesResponse,
        leasesOf,
      ),
    );
  }

  private async resolveLeases(owner: string, dseqs: (bigint | undefined)[]): Promise<Lease[][]> {
    const unique = new Set(dseqs);
    if (unique.size === 1 && dseqs[0] !== undefined && !this.cache.peek(`leases:${owner}`)) {
      const leases = await this.leaseList(owner, dseqs[0]);
      return dseqs.map(() => leases);
    }
    const all = await this.leaseList(owner);
    return dseqs.map((dseq) => (dseq === undefined ? all : all.filter((l) => l.id.dseq === dseq)));
  }

  async leases(owner: string, filter: { dseq?: bigint; state?: LeaseState } = {}): Promise<Lease[]> {
    const snapshot = this.cache.peek<Lease[]>(`leases:${owner}`);
    let leases: Lease[];
    if (snapshot) {
      const all = await snapshot;
      leases = filter.dseq === undefined ? all : all.filter((l) => l.id.dseq === filter.dseq);
    } else {
      leases = await this.leaseBatcher.request(owner, filter.dseq);
    }
    return filter.state ? leases.filter((l) => l.state === filter.state) : leases;
  }

  params(): Promise<MarketParams> {
    return this.cache.shared("market-params", async () => {
      const { value, bytes } = await this.runner.fetch(
        "/akash.market.v1beta5.Query/Params",
        (p) => [p.v1beta5.QueryParamsRequest, {}],
        (p) => p.v1beta5.QueryParamsResponse,
      );
      const params = value.params;
      const deposits = convert.coins(params?.bidMinDeposits);
      if (deposits.length === 0 && params?.bidMinDeposit) deposits.push(convert.coin(params.bidMinDeposit));
      const bounds = marketReclamationBounds(messageAt(bytes, 1));
      return {
        bidMinDeposits: deposits,
        orderMaxBids: params?.orderMaxBids ?? 0,
        minReclamationWindowSeconds: bounds.min,
        maxReclamationWindowSeconds: bounds.max,
      };
    });
  }
}
