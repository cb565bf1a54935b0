import type { AuditedAttributes, Bid, Provider } from "../../../src/akash/ports/chain";
import {
  defaultBidPolicy,
  describeRejections,
  judgeBid,
  rankBids,
  type BidPolicy,
} from "../../../src/resources/lease/bid-policy";

const WEST = "akash1westwestwestwestwestwestwestwestwest0";
const EAST = "akash1easteasteasteasteasteasteasteasteast0";
const GPU = "akash1gpugpugpugpugpugpugpugpugpugpugpugpu0";
const AUDITOR = "akash1auditorauditorauditorauditorauditor0";

function bid(provider: string, amount: string, createdAt = 10n, denom = "uact"): Bid {
  return {
    id: { owner: "akash1owner", dseq: 7n, gseq: 1, oseq: 1, provider, bseq: 0 },
    state: "open",
    price: { denom, amount },
    createdAt,
    resourcesOffer: [],
  };
}

function provider(owner: string, attributes: Record<string, string>): Provider {
  return {
    owner,
    hostUri: `https://${owner}.example:8443`,
    attributes: Object.entries(attributes).map(([key, value]) => ({ key, value })),
    info: { email: "", website: "" },
  };
}

const providers = new Map<string, Provider>([
  [WEST, provider(WEST, { region: "us-west", tier: "community" })],
  [EAST, provider(EAST, { region: "us-east" })],
  [
    GPU,
    provider(GPU, {
      region: "eu-central",
      "capabilities/gpu": "nvidia",
      "capabilities/gpu/vendor/nvidia/model/h100": "true",
      "capabilities/gpu/vendor/nvidia/model/h100/ram/80Gi": "true",
      "capabilities/gpu/vendor/nvidia/model/a100": "false",
    }),
  ],
]);
const audits: AuditedAttributes[] = [{ provider: WEST, auditor: AUDITOR, attributes: [] }];

const policy = (overrides: Partial<BidPolicy>): BidPolicy => ({ ...defaultBidPolicy(), ...overrides });

describe("judgeBid", () => {
  test("the default policy accepts any bid", () => {
    expect(judgeBid(bid(EAST, "5"), defaultBidPolicy(), providers, [])).toEqual({
      bid: bid(EAST, "5"),
      accepted: true,
    });
  });

  test("denied and allowed providers", () => {
    expect(judgeBid(bid(EAST, "5"), policy({ deniedProviders: [EAST] }), providers, [])).toMatchObject({
      accepted: false,
      reason: "provider is in denied_providers",
    });
    const allowed = policy({ allowedProviders: [WEST] });
    expect(judgeBid(bid(WEST, "5"), allowed, providers, []).accepted).toBe(true);
    expect(judgeBid(bid(EAST, "5"), allowed, providers, []).reason).toBe(
      "provider is not in allowed_providers",
    );
  });

  test("max price compares decimals exactly, per denom", () => {
    const max = policy({ maxPrice: { uact: "12.5" } });
    expect(judgeBid(bid(WEST, "12.5"), max, providers, []).accepted).toBe(true);
    expect(judgeBid(bid(WEST, "12.500000000000000001"), max, providers, [])).toMatchObject({
      accepted: false,
      reason: "above max_price 12.5uact",
    });
    expect(judgeBid(bid(WEST, "9"), max, providers, []).accepted).toBe(true);
    // A bid in a denom the policy does not cap is not let through at any price (issue 11: no silent hole).
    const uncapped = judgeBid(bid(WEST, "999999", 1n, "uakt"), max, providers, []);
    expect(uncapped.accepted).toBe(false);
    expect(uncapped.reason).toContain("max_price does not cap");
  });

  test("required attributes say which one is missing or different", () => {
    const region = policy({ requiredAttributes: { region: "us-west" } });
    expect(judgeBid(bid(WEST, "1"), region, providers, []).accepted).toBe(true);
    expect(judgeBid(bid(EAST, "1"), region, providers, []).reason).toBe(
      'attribute region is "us-east", required "us-west"',
    );
    const tier = policy({ requiredAttributes: { tier: "community" } });
    expect(judgeBid(bid(EAST, "1"), tier, providers, []).reason).toBe(
      'attribute tier is missing, required "community"',
    );
    // A provider that is not registered has no attributes at all.
    expect(judgeBid(bid("akash1unknown", "1"), region, providers, []).accepted).toBe(false);
  });

  test("audited_by needs an audit by one of the listed auditors", () => {
    const audited = policy({ auditedBy: [AUDITOR] });
    expect(judgeBid(bid(WEST, "1"), audited, providers, audits).accepted).toBe(true);
    expect(judgeBid(bid(EAST, "1"), audited, providers, audits).reason).toBe(
      "not audited by any of audited_by",
    );
    expect(judgeBid(bid(WEST, "1"), policy({ auditedBy: ["akash1other"] }), providers, audits).accepted).toBe(
      false,
    );
  });

  test("gpu_models matches the provider's advertised nvidia models, case-insensitively", () => {
    expect(judgeBid(bid(GPU, "1"), policy({ gpuModels: ["H100"] }), providers, []).accepted).toBe(true);
    expect(judgeBid(bid(GPU, "1"), policy({ gpuModels: ["a100"] }), providers, []).reason).toBe(
      "offers none of the GPU models a100",
    );
    expect(judgeBid(bid(WEST, "1"), policy({ gpuModels: ["h100", "a100"] }), providers, []).reason).toBe(
      "offers none of the GPU models h100, a100",
    );
  });
});

describe("rankBids", () => {
  const bids = [bid(WEST, "10", 12n), bid(EAST, "8.5", 14n), bid(GPU, "8.5", 11n)];

  test("cheapest: by price, ties broken by provider address", () => {
    expect(rankBids(bids, defaultBidPolicy()).map((b) => b.id.provider)).toEqual([EAST, GPU, WEST]);
  });

  test("first: by the height the bid was placed", () => {
    expect(rankBids(bids, policy({ strategy: "first" })).map((b) => b.id.provider)).toEqual([
      GPU,
      WEST,
      EAST,
    ]);
  });

  test("preferred: in preference order, then the others cheapest first", () => {
    const preferred = policy({ strategy: "preferred", preferredProviders: [WEST, "akash1absent"] });
    expect(rankBids(bids, preferred).map((b) => b.id.provider)).toEqual([WEST, EAST, GPU]);
  });

  test("does not reorder its input", () => {
    const copy = [...bids];
    rankBids(bids, defaultBidPolicy());
    expect(bids).toEqual(copy);
  });
});

describe("describeRejections", () => {
  test("one line per rejected bid, with price and reason", () => {
    const max = policy({ maxPrice: { uact: "1" } });
    const verdicts = [bid(WEST, "2"), bid(EAST, "3")].map((b) => judgeBid(b, max, providers, []));
    expect(describeRejections(verdicts)).toBe(
      `- ${EAST} bid 3uact/block: above max_price 1uact\n- ${WEST} bid 2uact/block: above max_price 1uact`,
    );
  });

  test("no bids at all says what usually causes that", () => {
    expect(describeRejections([])).toMatch(/^No provider bid on this group\. .*placement attributes/);
  });
});
