/**
 * Getting a group's lease against an in-memory chain that plays the races of a large apply: a chosen bid
 * withdrawn before the lease transaction lands, a lease transaction reported failed that landed anyway, an order
 * whose bids all expired, and a lease that appears while the order is being replaced. Never two leases, never a
 * pause of a group whose lease runs.
 */
import { FakeClock } from "../../../support/fake-ports/fake-clock";
import type { SigningChain } from "../../../../src/akash/ports/akash-ports";
import type {
  Bid,
  ChainMessage,
  Deployment,
  Group,
  Lease,
  Provider,
} from "../../../../src/akash/ports/chain";
import { ChainError } from "../../../../src/akash/ports/errors";
import { SharedBidWatcher } from "../../../../src/domain/shared-bid-watcher";
import { silentLogger } from "../../../../src/framework/logger";
import { PrivateState } from "../../../../src/framework/private-state";
import type { OperationContext } from "../../../../src/framework/resource";
import { bidPolicyFrom } from "../../../../src/resources/lease/bid-policy-config";
import { acquireLease } from "../../../../src/resources/lease/lease-acquisition";

const OWNER = "akash1owner";
const WEST = "akash1westwestwestwestwestwestwestwestwest0";
const EAST = "akash1easteasteasteasteasteasteasteasteast0";
const target = { owner: OWNER, dseq: 7n, gseq: 1 };

const provider = (owner: string): Provider => ({
  owner,
  hostUri: `https://${owner}:8443`,
  attributes: [],
  info: { email: "", website: "" },
});

function bid(provider: string, amount: string, oseq = 1, state: Bid["state"] = "open"): Bid {
  return {
    id: { ...target, oseq, provider, bseq: 0 },
    state,
    price: { denom: "uact", amount },
    createdAt: 1n,
    resourcesOffer: [],
  };
}

function leaseOf(b: Bid): Lease {
  return { id: b.id, state: "active", price: b.price, createdAt: 2n, closedOn: 0n, closedReason: "" };
}

/** The chain's market for one group; `onSubmit` decides what each transaction does. */
class FakeMarket {
  bids: Bid[] = [];
  leases: Lease[] = [];
  groupState: Group["state"] = "open";
  readonly sent: ChainMessage[] = [];
  onSubmit: (message: ChainMessage) => void = () => undefined;
  /** Extra leases visible from the n-th leases query on (a lease another run created meanwhile). */
  leasesFromQuery: { from: number; lease: Lease } | undefined;
  private leaseQueries = 0;

  readonly chain = {
    invalidate: () => undefined,
    averageBlockSeconds: () => Promise.resolve(1),
    providers: () => Promise.resolve([provider(WEST), provider(EAST)]),
    auditedAttributes: () => Promise.resolve([]),
    deployment: (): Promise<Deployment> =>
      Promise.resolve({
        id: { owner: OWNER, dseq: target.dseq },
        state: "active",
        hash: new Uint8Array(32),
        createdAt: 1n,
        groups: [
          {
            id: target,
            name: "dc",
            state: this.groupState,
            createdAt: 1n,
            spec: {
              name: "dc",
              requirements: { signed_by: { all_of: null, any_of: null }, attributes: null },
              resources: [],
            },
          },
        ],
      }),
    bids: (_o: string, _d: bigint, filter: { state?: string } = {}) =>
      Promise.resolve(this.bids.filter((b) => filter.state === undefined || b.state === filter.state)),
    leases: () => {
      this.leaseQueries++;
      const extra = this.leasesFromQuery;
      return Promise.resolve(
        extra && this.leaseQueries >= extra.from ? [...this.leases, extra.lease] : [...this.leases],
      );
    },
    transactions: {
      signerAddress: OWNER,
      submit: (message: ChainMessage) => {
        this.sent.push(message);
        this.onSubmit(message);
        return Promise.resolve({ txHash: "AB", height: 3n, events: [] });
      },
    },
  } as Partial<SigningChain> as SigningChain;

  /** What a lease transaction does on a real chain: the bid must still be open. */
  createLease(message: ChainMessage): void {
    if (message.kind !== "createLease") return;
    const chosen = this.bids.find(
      (b) => b.id.provider === message.bid.provider && b.id.oseq === message.bid.oseq,
    );
    if (chosen?.state !== "open") throw new ChainError("invalid-state", "Not possible in the current state");
    this.leases.push(leaseOf(chosen));
    chosen.state = "active";
  }
}

const ctx: OperationContext = {
  signal: new AbortController().signal,
  log: silentLogger,
  private: new PrivateState(),
};

function acquire(market: FakeMarket) {
  const clock = new FakeClock(1_000_000);
  const watcher = new SharedBidWatcher(market.chain, clock);
  return acquireLease({ chain: market.chain, watcher, clock }, target, ctx, { policy: bidPolicyFrom(null) });
}

const kinds = (market: FakeMarket) => market.sent.map((m) => m.kind);

test("a chosen bid withdrawn before the lease transaction landed is replaced by the next acceptable one", async () => {
  const market = new FakeMarket();
  market.bids = [bid(WEST, "3"), bid(EAST, "4")];
  let first = true;
  market.onSubmit = (message) => {
    if (first && message.kind === "createLease") {
      first = false;
      // WEST's bid timed out between the choice and the block.
      market.bids[0]!.state = "closed";
    }
    market.createLease(message);
  };
  const { lease, adopted } = await acquire(market);
  expect(adopted).toBe(false);
  expect(lease.id.provider).toBe(EAST);
  expect(kinds(market)).toEqual(["createLease", "createLease"]);
  expect(market.leases).toHaveLength(1);
});

test("a lease transaction reported failed that landed anyway is adopted, not created twice", async () => {
  const market = new FakeMarket();
  market.bids = [bid(WEST, "3"), bid(EAST, "4")];
  market.onSubmit = (message) => {
    market.createLease(message);
    // The answer got lost; a resend of the same transaction fails because the bid is no longer open.
    throw new ChainError("invalid-state", "Not possible in the current state");
  };
  const { lease, adopted } = await acquire(market);
  expect(adopted).toBe(true);
  expect(lease.id.provider).toBe(WEST);
  expect(kinds(market)).toEqual(["createLease"]);
  expect(market.leases).toHaveLength(1);
});

test("an order whose bids all expired is replaced (pause, start) and the lease records the new order", async () => {
  const market = new FakeMarket();
  market.bids = [bid(WEST, "3", 1, "closed"), bid(EAST, "4", 1, "closed")];
  market.onSubmit = (message) => {
    if (message.kind === "pauseGroup") {
      market.groupState = "paused";
    } else if (message.kind === "startGroup") {
      market.groupState = "open";
      // The providers bid afresh on order 2.
      market.bids.push(bid(WEST, "3", 2), bid(EAST, "4", 2));
    }
    market.createLease(message);
  };
  const { lease, adopted } = await acquire(market);
  expect(adopted).toBe(false);
  expect(lease.id).toEqual({ ...target, oseq: 2, provider: WEST, bseq: 0 });
  expect(kinds(market)).toEqual(["pauseGroup", "startGroup", "createLease"]);
});

test("a lease that appears while the expired order is about to be replaced stops the pause: it is adopted", async () => {
  const market = new FakeMarket();
  market.bids = [bid(WEST, "3", 1, "closed"), bid(EAST, "4", 1)];
  market.bids[1]!.state = "active";
  // The first lease query (before bidding) sees none; the check before pausing sees EAST's lease.
  market.leasesFromQuery = { from: 2, lease: leaseOf(bid(EAST, "4")) };
  market.onSubmit = (message) => market.createLease(message);
  const { lease, adopted } = await acquire(market);
  expect(adopted).toBe(true);
  expect(lease.id.provider).toBe(EAST);
  expect(kinds(market)).toEqual([]);
});
