/**
 * The bid wait on a fake clock, against an in-memory chain whose providers bid at scripted times: when the
 * collect window may end early, and when it must run its full length.
 */
import type { Bid, Chain, GroupId, Provider } from "../../../../src/akash/ports/chain";
import type { Clock } from "../../../../src/akash/ports/clock";
import { silentLogger } from "../../../../src/framework/logger";
import { PrivateState } from "../../../../src/framework/private-state";
import type { OperationContext } from "../../../../src/framework/resource";
import { bidPolicyFrom } from "../../../../src/resources/lease/bid-policy-config";
import { chooseBid } from "../../../../src/resources/lease/bid-selection";
import type { GoGroupSpec } from "../../../../src/sdl/manifest-types";

const WEST = "akash1westwestwestwestwestwestwestwestwest0";
const EAST = "akash1easteasteasteasteasteasteasteasteast0";
const EU = "akash1eueueueueueueueueueueueueueueueueueueu0";
const group: GroupId = { owner: "akash1owner", dseq: 7n, gseq: 1 };

class FakeClock implements Clock {
  readonly start = 1_000_000;
  at = this.start;
  now(): number {
    return this.at;
  }
  sleep(ms: number): Promise<void> {
    this.at += ms;
    return Promise.resolve();
  }
  elapsed(): number {
    return this.at - this.start;
  }
}

function provider(owner: string, attributes: Record<string, string>): Provider {
  return {
    owner,
    hostUri: `https://${owner}:8443`,
    attributes: Object.entries(attributes).map(([key, value]) => ({ key, value })),
    info: { email: "", website: "" },
  };
}

function bid(provider: string, amount: string): Bid {
  return {
    id: { ...group, oseq: 1, provider, bseq: 0 },
    state: "open",
    price: { denom: "uact", amount },
    createdAt: 1n,
    resourcesOffer: [],
  };
}

/** A chain whose providers each bid once `at` ms have passed on the clock. */
function chainWith(clock: FakeClock, bidders: { bid: Bid; at: number }[]): Chain {
  const providers = [
    provider(WEST, { region: "us-west", tier: "community" }),
    provider(EAST, { region: "us-east", tier: "community" }),
    provider(EU, { region: "eu-central" }),
  ];
  return {
    invalidate: () => undefined,
    providers: () => Promise.resolve(providers),
    auditedAttributes: () => Promise.resolve([]),
    bids: () => Promise.resolve(bidders.filter((b) => clock.elapsed() >= b.at).map((b) => b.bid)),
  } as Partial<Chain> as Chain;
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
  const clock = new FakeClock();
  const chain = chainWith(clock, [
    { bid: bid(WEST, "9"), at: 1000 },
    { bid: bid(EAST, "4"), at: 2000 },
  ]);
  // Only the two community-tier providers can serve the placement; both bid by 2 s.
  const community = spec([{ key: "tier", value: "community" }]);
  const chosen = await chooseBid({ clock }, chain, group, policy, ctx, undefined, community);
  expect(chosen.id.provider).toBe(EAST);
  expect(clock.elapsed()).toBe(2000);
});

test("a rejected bid counts as bid: the window ends once the last candidate answered", async () => {
  const clock = new FakeClock();
  const chain = chainWith(clock, [
    { bid: bid(WEST, "3"), at: 1000 },
    { bid: bid(EAST, "4"), at: 1000 },
    { bid: bid(EU, "2"), at: 3000 },
  ]);
  const denyEu = { ...policy, deniedProviders: [EU] };
  const chosen = await chooseBid({ clock }, chain, group, denyEu, ctx, undefined, spec([]));
  expect(chosen.id.provider).toBe(WEST);
  expect(clock.elapsed()).toBe(3000);
});

test("while a candidate has not bid, the full collect window runs", async () => {
  const clock = new FakeClock();
  // EU can serve the placement too but never bids.
  const chain = chainWith(clock, [
    { bid: bid(WEST, "9"), at: 1000 },
    { bid: bid(EAST, "4"), at: 2000 },
  ]);
  const chosen = await chooseBid({ clock }, chain, group, policy, ctx, undefined, spec([]));
  expect(chosen.id.provider).toBe(EAST);
  expect(clock.elapsed()).toBe(1000 + policy.collectMs);
});
