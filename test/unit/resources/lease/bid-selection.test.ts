/**
 * The bid wait on a fake clock, against an in-memory chain whose providers bid at scripted times: when the
 * collect window may end early, and when it must run its full length.
 */
import { FakeClock } from "../../../support/fake-ports/fake-clock";
import type { Bid, Chain, GroupId, Provider } from "../../../../src/akash/ports/chain";
import { silentLogger } from "../../../../src/framework/logger";
import { PrivateState } from "../../../../src/framework/private-state";
import type { OperationContext } from "../../../../src/framework/resource";
import { bidPolicyFrom } from "../../../../src/resources/lease/bid-policy-config";
import {
  chooseBid,
  type BidChoice,
  type BidWaitOptions,
} from "../../../../src/resources/lease/bid-selection";
import { bidKey } from "../../../../src/resources/lease/order-tracker";
import { SharedBidWatcher } from "../../../../src/domain/shared-bid-watcher";
import type { GoGroupSpec } from "../../../../src/sdl/manifest-types";

const WEST = "akash1westwestwestwestwestwestwestwestwest0";
const EAST = "akash1easteasteasteasteasteasteasteasteast0";
const EU = "akash1eueueueueueueueueueueueueueueueueueueu0";
const group: GroupId = { owner: "akash1owner", dseq: 7n, gseq: 1 };

function provider(owner: string, attributes: Record<string, string>): Provider {
  return {
    owner,
    hostUri: `https://${owner}:8443`,
    attributes: Object.entries(attributes).map(([key, value]) => ({ key, value })),
    info: { email: "", website: "" },
  };
}

function bid(provider: string, amount: string, oseq = 1, state: Bid["state"] = "open"): Bid {
  return {
    id: { ...group, oseq, provider, bseq: 0 },
    state,
    price: { denom: "uact", amount },
    createdAt: 1n,
    resourcesOffer: [],
  };
}

/** A provider's bid: placed once `at` ms have passed on the clock, withdrawn (closed) at `until`. */
interface Scripted {
  bid: Bid;
  at: number;
  until?: number;
}

/** A chain whose providers bid (and withdraw) as scripted; it counts its bid queries. */
class ScriptedChain {
  readonly script: Scripted[];
  queries = 0;
  constructor(
    private readonly clock: FakeClock,
    script: Scripted[],
  ) {
    this.script = script;
  }
  private bidsNow(): Bid[] {
    const t = this.clock.elapsed();
    return this.script
      .filter((s) => t >= s.at)
      .map((s) => (s.until !== undefined && t >= s.until ? { ...s.bid, state: "closed" as const } : s.bid));
  }
  readonly chain = {
    invalidate: () => undefined,
    averageBlockSeconds: () => Promise.resolve(1),
    providers: () => Promise.resolve(providers),
    auditedAttributes: () => Promise.resolve([]),
    bids: (_owner: string, _dseq: bigint, filter: { state?: string } = {}) => {
      this.queries++;
      return Promise.resolve(
        this.bidsNow().filter((b) => filter.state === undefined || b.state === filter.state),
      );
    },
  } as Partial<Chain> as Chain;
}

const providers = [
  provider(WEST, { region: "us-west", tier: "community" }),
  provider(EAST, { region: "us-east", tier: "community" }),
  provider(EU, { region: "eu-central" }),
];

/** chooseBid against the scripted chain, watched by the real shared watcher on the fake clock. */
function choose(clock: FakeClock, script: Scripted[], options: BidWaitOptions = {}, bidPolicy = policy) {
  const scripted = new ScriptedChain(clock, script);
  const watcher = new SharedBidWatcher(scripted.chain, clock);
  const choice = chooseBid({ clock }, scripted.chain, watcher, group, bidPolicy, ctx, options);
  return { choice, scripted, watcher };
}

async function chosen(choice: Promise<BidChoice>): Promise<Bid> {
  const result = await choice;
  if (result.kind !== "bid") throw new Error(`expected a bid, got ${result.kind}`);
  return result.bid;
}

function spec(attributes: { key: string; value: string }[]): GoGroupSpec {
  return {
    name: "dc",
    requirements: { signed_by: { all_of: null, any_of: null }, attributes },
    resources: [],
  };
}

const ctx: OperationContext = {
  signal: new AbortController().signal,
  log: silentLogger,
  private: new PrivateState(),
};

/** The defaults: wait 2 minutes, collect 5 seconds after the first acceptable bid, cheapest wins. */
const policy = bidPolicyFrom(null);

test("the collect window ends as soon as every provider that can serve the placement has bid", async () => {
  const clock = new FakeClock(1_000_000);
  // Only the two community-tier providers can serve the placement; both bid by 2 s.
  const community = spec([{ key: "tier", value: "community" }]);
  const { choice } = choose(
    clock,
    [
      { bid: bid(WEST, "9"), at: 1000 },
      { bid: bid(EAST, "4"), at: 2000 },
    ],
    { spec: community },
  );
  expect((await chosen(choice)).id.provider).toBe(EAST);
  expect(clock.elapsed()).toBe(2000);
});

test("a rejected bid counts as bid: the window ends once the last candidate answered", async () => {
  const clock = new FakeClock(1_000_000);
  const denyEu = { ...policy, deniedProviders: [EU] };
  const script = [
    { bid: bid(WEST, "3"), at: 1000 },
    { bid: bid(EAST, "4"), at: 1000 },
    { bid: bid(EU, "2"), at: 3000 },
  ];
  const { choice } = choose(clock, script, { spec: spec([]) }, denyEu);
  expect((await chosen(choice)).id.provider).toBe(WEST);
  expect(clock.elapsed()).toBe(3000);
});

test("while a candidate has not bid, the full collect window runs", async () => {
  const clock = new FakeClock(1_000_000);
  // EU can serve the placement too but never bids.
  const script = [
    { bid: bid(WEST, "9"), at: 1000 },
    { bid: bid(EAST, "4"), at: 2000 },
  ];
  const { choice } = choose(clock, script, { spec: spec([]) });
  expect((await chosen(choice)).id.provider).toBe(EAST);
  expect(clock.elapsed()).toBe(1000 + policy.collectMs);
});

test("an order whose bids were all withdrawn before the wait began is replaced, and the new order's bid chosen", async () => {
  const clock = new FakeClock(1_000_000);
  // Both providers bid on order 1 long ago and withdrew (bid timeout); they never bid on it again.
  const script: Scripted[] = [
    { bid: bid(WEST, "3"), at: 0, until: 0 },
    { bid: bid(EAST, "4"), at: 0, until: 0 },
  ];
  let reopens = 0;
  const reopen = () => {
    reopens++;
    // The new order (oseq 2) gets fresh bids a second later.
    const t = clock.elapsed();
    script.push({ bid: bid(WEST, "5", 2), at: t + 1000 }, { bid: bid(EAST, "6", 2), at: t + 1000 });
    return Promise.resolve("reopened" as const);
  };
  const { choice } = choose(clock, script, { spec: spec([{ key: "tier", value: "community" }]), reopen });
  const best = await chosen(choice);
  expect(best.id).toEqual({ ...group, oseq: 2, provider: WEST, bseq: 0 });
  expect(reopens).toBe(1);
});

test("bids withdrawn during the wait (before one was acceptable long enough) get the order replaced", async () => {
  const clock = new FakeClock(1_000_000);
  // WEST bids and withdraws within the collect window; EAST and EU (candidates too) never bid.
  const script: Scripted[] = [{ bid: bid(WEST, "3"), at: 1000, until: 3000 }];
  let reopens = 0;
  const reopen = () => {
    reopens++;
    script.push({ bid: bid(WEST, "3", 2), at: clock.elapsed() + 1000 });
    return Promise.resolve("reopened" as const);
  };
  const { choice } = choose(clock, script, { spec: spec([]), reopen });
  const best = await chosen(choice);
  expect(best.id.oseq).toBe(2);
  expect(reopens).toBe(1);
});

test("an order no provider bid on (they declined it, e.g. out of capacity) is replaced once, after a third of the wait", async () => {
  const clock = new FakeClock(1_000_000);
  const script: Scripted[] = [];
  const reopenedAt: number[] = [];
  const reopen = () => {
    reopenedAt.push(clock.elapsed());
    // This time WEST has room and bids.
    script.push({ bid: bid(WEST, "3", 2), at: clock.elapsed() + 1000 });
    return Promise.resolve("reopened" as const);
  };
  const { choice } = choose(clock, script, { spec: spec([]), reopen });
  expect((await chosen(choice)).id.oseq).toBe(2);
  // min(30 s, a third of the 2-minute wait)
  expect(reopenedAt).toEqual([30_000]);
});

test("an order nobody bids on is replaced only once per wait", async () => {
  const clock = new FakeClock(1_000_000);
  let reopens = 0;
  const reopen = () => {
    reopens++;
    return Promise.resolve("reopened" as const);
  };
  const { choice } = choose(clock, [], { spec: spec([]), reopen });
  await expect(choice).rejects.toThrow("No acceptable bid");
  expect(reopens).toBe(1);
  expect(clock.elapsed()).toBe(policy.waitMs);
});

test("when a lease of the group exists instead, the wait ends without a bid", async () => {
  const clock = new FakeClock(1_000_000);
  const script: Scripted[] = [{ bid: bid(WEST, "3"), at: 0, until: 0 }];
  const { choice } = choose(clock, script, { reopen: () => Promise.resolve("leased" as const) });
  expect(await choice).toEqual({ kind: "leased" });
});

test("an excluded bid (its lease transaction failed) is not chosen again; the next acceptable one is", async () => {
  const clock = new FakeClock(1_000_000);
  const script = [
    { bid: bid(WEST, "3"), at: 0 },
    { bid: bid(EAST, "4"), at: 0 },
    { bid: bid(EU, "5"), at: 0 },
  ];
  const exclude = new Set([bidKey(bid(WEST, "3").id)]);
  const { choice } = choose(clock, script, { spec: spec([]), exclude });
  expect((await chosen(choice)).id.provider).toBe(EAST);
  // Every candidate had bid: no collect window.
  expect(clock.elapsed()).toBe(0);
});

test("one watcher serves many waiting groups with one poll per block", async () => {
  const clock = new FakeClock(1_000_000);
  const scripted = new ScriptedChain(clock, [{ bid: bid(WEST, "3"), at: 0 }]);
  const watcher = new SharedBidWatcher(scripted.chain, clock);
  const signal = () => new AbortController().signal;
  const first = await Promise.all(Array.from({ length: 50 }, () => watcher.openBids(group, signal())));
  expect(first.every((bids) => bids.length === 1)).toBe(true);
  expect(watcher.polls).toBe(1);
  await Promise.all(Array.from({ length: 50 }, () => watcher.openBids(group, signal())));
  expect(watcher.polls).toBe(2);
  // The second poll waited for the next block (1 s on this chain).
  expect(clock.elapsed()).toBe(1000);
});
