/**
 * akash_lease against fake ports: every validate/plan diagnostic, bidding (policy, early end, reopened groups,
 * adoption), the manifest send and rollout wait on the fake clock, read/update/delete/import/upgrade.
 */
import type { LeaseId } from "../../../../src/akash/ports/chain";
import { ChainError, GatewayError } from "../../../../src/akash/ports/errors";
import { manifestCapability } from "../../../../src/akash/ports/manifest-compatibility";
import type { LeaseEvent } from "../../../../src/akash/ports/provider-gateway";
import { PartialStateError } from "../../../../src/framework/resource";
import { isUnknown, UNKNOWN, type ObjectValue } from "../../../../src/framework/values";
import { leaseResource as lease } from "../../../../src/resources/lease/lease-resource";
import { compileSdl } from "../../../../src/sdl";
import { fakeAddress, OTHER, OWNER, PROVIDER_A, PROVIDER_B } from "../../../support/fake-ports/fake-accounts";
import { fakeWorld, operation, type FakeWorld } from "../../../support/fake-ports/fake-ports";
import {
  create,
  destroy,
  importState,
  plan,
  read,
  summaries,
  update,
  validate,
} from "../../../support/fake-ports/resource-calls";
import { bidPolicyValue } from "../../../support/lease-values";
import { webSdl } from "../../../support/web-sdl";

const SDL = webSdl();
const MANIFEST = compileSdl(SDL).manifestJson;
const DSEQ = 500n;
const GROUP = { owner: OWNER, dseq: DSEQ, gseq: 1 };
const proxyManifest = compileSdl(
  SDL.replace(
    /(\n {6}- port: 80\n(?: {8}.*\n)*)/,
    (block) => `${block}        http_options:\n          proxy_buffer_size: 16384\n`,
  ),
).manifestJson;

const config = (extra: ObjectValue = {}): ObjectValue => ({
  dseq: DSEQ.toString(),
  gseq: 1,
  manifest: MANIFEST,
  provider_auth: "jwt",
  client_certificate_pem: null,
  client_private_key_pem: null,
  bid_policy: null,
  ...extra,
});

/** A world with a funded deployment (dseq 500, one group "dc") and two registered providers. */
function leaseWorld(sdl = SDL): FakeWorld {
  const world = fakeWorld();
  const compiled = compileSdl(sdl);
  world.ledger.fund(OWNER, { denom: "uact", amount: 10_000_000n });
  world.ledger.addProvider(PROVIDER_A, { region: "us-west" });
  world.ledger.addProvider(PROVIDER_B, { region: "eu-central" });
  world.ledger.apply(
    {
      kind: "createDeployment",
      owner: OWNER,
      dseq: DSEQ,
      groups: compiled.groupSpecsGoJson,
      hash: compiled.hash,
      deposit: { denom: "uact", amount: 5_000_000n },
    },
    OWNER,
  );
  return world;
}

const idOf = (provider: string, oseq = 1): LeaseId => ({ ...GROUP, oseq, provider, bseq: 0 });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

/** A lease created in `world` from one bid of PROVIDER_A. */
async function leased(world: FakeWorld, extra: ObjectValue = {}): Promise<ObjectValue> {
  world.ledger.addBid(GROUP, PROVIDER_A, { price: "100" });
  return create(lease, world.ports, config({ bid_policy: bidPolicyValue({ strategy: "first" }), ...extra }));
}

const pullFailure = (note: string): LeaseEvent => ({
  type: "Warning",
  reason: "Failed",
  note,
  reportingController: "kubelet",
  reportingInstance: "node-1",
  object: { kind: "Pod", namespace: "lease", name: "web-5d8f7-abcde" },
});

describe("validateConfig", () => {
  test("a plain lease passes; unknown values are left for later", async () => {
    expect(await validate(lease, config())).toEqual([]);
    expect(await validate(lease, config({ manifest: UNKNOWN, bid_policy: UNKNOWN, dseq: UNKNOWN }))).toEqual(
      [],
    );
    expect(
      await validate(
        lease,
        config({ bid_policy: bidPolicyValue({ max_price: UNKNOWN, preferred_providers: UNKNOWN }) }),
      ),
    ).toEqual([]);
  });

  test.each([
    [bidPolicyValue({ wait: "soon" }), "error", "Invalid duration", ["bid_policy", "wait"]],
    [bidPolicyValue({ collect: "a bit" }), "error", "Invalid duration", ["bid_policy", "collect"]],
    [
      bidPolicyValue({ min_reclamation_window: "1 day" }),
      "error",
      "Invalid duration",
      ["bid_policy", "min_reclamation_window"],
    ],
    [
      bidPolicyValue({ max_price: { uact: "cheap" } }),
      "error",
      "Invalid max_price",
      ["bid_policy", "max_price", { key: "uact" }],
    ],
    [
      bidPolicyValue({ max_price: { uakt: "100" } }),
      "error",
      "max_price in a denom no bid uses",
      ["bid_policy", "max_price", { key: "uakt" }],
    ],
    [
      bidPolicyValue({ allowed_providers: [PROVIDER_B, PROVIDER_A], denied_providers: [PROVIDER_A] }),
      "error",
      "Provider both allowed and denied",
      ["bid_policy", "allowed_providers", 1],
    ],
    [
      bidPolicyValue({ strategy: "preferred" }),
      "warning",
      "No preferred providers",
      ["bid_policy", "preferred_providers"],
    ],
  ])("bid_policy %j → %s %s", async (block, severity, summary, path) => {
    expect(summaries(await validate(lease, config({ bid_policy: block })))).toEqual([
      { severity, summary, path },
    ]);
  });

  test.each([
    [{ manifest: "not json" }, "Invalid manifest", ["manifest"]],
    [{ manifest: '{"a":1}' }, "Invalid manifest", ["manifest"]],
    [{ manifest: "[]" }, "Invalid manifest", ["manifest"]],
    [
      { provider_auth: "mtls", client_private_key_pem: "k" },
      "Incomplete mTLS settings",
      ["client_certificate_pem"],
    ],
    [
      { provider_auth: "mtls", client_certificate_pem: "c" },
      "Incomplete mTLS settings",
      ["client_private_key_pem"],
    ],
    [{ client_certificate_pem: "c" }, "Client certificate without mTLS", ["provider_auth"]],
    [
      { provider_auth: null, client_private_key_pem: "k" },
      "Client certificate without mTLS",
      ["provider_auth"],
    ],
    [{ dseq: "12x" }, "Invalid dseq", ["dseq"]],
  ])("%j → %s", async (extra, summary, path) => {
    expect(summaries(await validate(lease, config(extra)))).toEqual([{ severity: "error", summary, path }]);
  });

  test("mTLS with both certificate and key passes", async () => {
    expect(
      await validate(
        lease,
        config({ provider_auth: "mtls", client_certificate_pem: "c", client_private_key_pem: "k" }),
      ),
    ).toEqual([]);
  });
});

describe("modifyPlan", () => {
  const prior = (extra: ObjectValue = {}): ObjectValue => ({
    ...config(),
    id: `${OWNER}/500/1/1/${PROVIDER_A}`,
    owner: OWNER,
    oseq: 1,
    provider_address: PROVIDER_A,
    state: "active",
    services: [],
    uris: ["web.example"],
    forwarded_ports: [],
    ips: [],
    leased_resources: [],
    ...extra,
  });

  test("a manifest field today's providers drop is an error, unless the bid policy opts in", async () => {
    const refused = await plan(lease, { prior: null, config: config({ manifest: proxyManifest }) });
    expect(summaries(refused.diags)).toEqual([
      { severity: "error", summary: "Manifest field today's providers drop", path: ["manifest"] },
    ]);
    expect(refused.diags[0]?.detail).toContain("service web: http_options.proxy_buffer_size");
    const opted = await plan(lease, {
      prior: null,
      config: config({
        manifest: proxyManifest,
        bid_policy: bidPolicyValue({ require_manifest_support: true }),
      }),
    });
    expect(opted.diags).toEqual([]);
    // Unchanged since the lease was created: not judged again.
    const kept = await plan(lease, {
      prior: prior({ manifest: proxyManifest }),
      config: config({ manifest: proxyManifest }),
    });
    expect(kept.diags).toEqual([]);
    // Not JSON is validateConfig's error, not this one's.
    expect((await plan(lease, { prior: null, config: config({ manifest: "nope" }) })).diags).toEqual([]);
  });

  test("a reclaiming lease warns when it will close", async () => {
    const { diags } = await plan(lease, {
      prior: prior({ state: "reclaiming", reclaim_deadline: "2026-12-03T00:00:00.000Z" }),
      config: config(),
    });
    expect(summaries(diags)).toEqual([
      { severity: "warning", summary: "Lease being reclaimed by its provider" },
    ]);
    expect(diags[0]?.detail).toContain("2026-12-03T00:00:00.000Z");
  });

  test("an imported lease whose manifest was not recovered warns that it is sent again", async () => {
    const { diags } = await plan(lease, { prior: prior({ manifest: null }), config: config() });
    expect(summaries(diags)).toEqual([
      { severity: "warning", summary: "Manifest of the imported lease not recovered", path: ["manifest"] },
    ]);
  });

  test("status is kept unless the manifest changes, then it is unknown", async () => {
    const same = await plan(lease, { prior: prior(), config: config() });
    expect(same.planned).toMatchObject({ state: "active", uris: ["web.example"] });
    const changed = await plan(lease, {
      prior: prior(),
      config: config({ manifest: compileSdl(webSdl({ image: "nginx:2" })).manifestJson }),
    });
    for (const key of ["state", "services", "uris", "forwarded_ports", "ips"])
      expect(isUnknown(changed.planned[key])).toBe(true);
  });
});

describe("create", () => {
  test("the cheapest bid wins, the manifest is sent and the services run", async () => {
    const world = leaseWorld();
    world.ledger.addBid(GROUP, PROVIDER_A, { price: "100" });
    world.ledger.addBid(GROUP, PROVIDER_B, {
      price: "50",
      resourcesOffer: [
        {
          id: 1,
          count: 1,
          cpuMillis: 500n,
          memoryBytes: 512n * 1024n ** 2n,
          storage: [{ name: "default", bytes: 1024n ** 3n, attributes: [] }],
          gpu: { units: 0n, attributes: [] },
        },
      ],
    });
    world.gateway.pendingPolls = 2;
    const state = await create(lease, world.ports, config());
    expect(world.chain.sent("createLease")[0]?.bid.provider).toBe(PROVIDER_B);
    expect(world.ledger.lease(idOf(PROVIDER_B))?.state).toBe("active");
    expect(world.gateway.sends).toEqual([
      { provider: PROVIDER_B, dseq: DSEQ, manifest: MANIFEST, afterUpdate: false },
    ]);
    expect(state).toMatchObject({
      id: `${OWNER}/500/1/1/${PROVIDER_B}`,
      provider_address: PROVIDER_B,
      host_uri: world.ledger.providers[1]!.hostUri,
      price: "50uact",
      state: "active",
      reclamation_window: null,
      services: [{ name: "web", available: 1, total: 1, uris: ["web.500.ingress.test"], replicas: 1 }],
      uris: ["web.500.ingress.test"],
      leased_resources: [
        expect.objectContaining({ service: "web", cpu: "0.5", memory: "512Mi", storage: ["default 1Gi"] }),
      ],
    });
    expect(world.gatewayAuths).toEqual([{ kind: "jwt" }]);
    // Both providers bid, so no collection window is waited out; the rollout's two pending polls are.
    expect(world.clock.sleeps).toBeGreaterThanOrEqual(2);
  });

  test("the bid's reclamation window is the lease's; policy filters choose among bids", async () => {
    const world = leaseWorld();
    world.ledger.addAudit(PROVIDER_B, OTHER);
    world.ledger.addBid(GROUP, PROVIDER_A, { price: "10" });
    world.ledger.addBid(GROUP, PROVIDER_B, { price: "90", reclamationWindowSeconds: 3600 });
    const state = await create(
      lease,
      world.ports,
      config({ bid_policy: bidPolicyValue({ audited_by: [OTHER], min_reclamation_window: "30m" }) }),
    );
    expect(state).toMatchObject({ provider_address: PROVIDER_B, reclamation_window: "1h" });
  });

  test("policy filters: required attributes, GPU models and preferred providers", async () => {
    const pick = async (block: ObjectValue, arrange: (world: FakeWorld) => void = () => undefined) => {
      const world = leaseWorld();
      arrange(world);
      world.ledger.addBid(GROUP, PROVIDER_A, { price: "10" });
      world.ledger.addBid(GROUP, PROVIDER_B, { price: "90" });
      return (await create(lease, world.ports, config({ bid_policy: bidPolicyValue(block) })))
        .provider_address;
    };
    expect(await pick({})).toBe(PROVIDER_A);
    expect(await pick({ required_attributes: { region: "eu-central" } })).toBe(PROVIDER_B);
    expect(await pick({ strategy: "preferred", preferred_providers: [PROVIDER_B] })).toBe(PROVIDER_B);
    expect(
      await pick({ gpu_models: ["h100"] }, (world) =>
        world.ledger.providers[1]!.attributes.push({
          key: "capabilities/gpu/vendor/nvidia/model/h100",
          value: "true",
        }),
      ),
    ).toBe(PROVIDER_B);
    expect(await pick({ denied_providers: [PROVIDER_A] })).toBe(PROVIDER_B);
    expect(await pick({ allowed_providers: [PROVIDER_B] })).toBe(PROVIDER_B);
  });

  test("the GPU a bid offers is shown as leased", async () => {
    const world = leaseWorld();
    world.ledger.addBid(GROUP, PROVIDER_A, {
      price: "10",
      resourcesOffer: [
        {
          id: 1,
          count: 1,
          cpuMillis: 2000n,
          memoryBytes: 1000n,
          storage: [
            { name: "data", bytes: 10n * 1024n ** 3n, attributes: [{ key: "class", value: "beta3" }] },
          ],
          gpu: {
            units: 1n,
            attributes: [{ key: "vendor/nvidia/model/h100/ram/80Gi/interface/sxm", value: "true" }],
          },
        },
        {
          id: 9,
          count: 1,
          cpuMillis: 100n,
          memoryBytes: 1024n,
          storage: [],
          gpu: { units: 0n, attributes: [] },
        },
      ],
    });
    const state = await create(
      lease,
      world.ports,
      config({ bid_policy: bidPolicyValue({ strategy: "first" }) }),
    );
    expect(state.leased_resources).toEqual([
      {
        service: "resource unit 9",
        count: 1,
        cpu: "0.1",
        memory: "1Ki",
        storage: [],
        gpu: 0,
        gpu_vendor: null,
        gpu_model: null,
        gpu_ram: null,
        gpu_interface: null,
      },
      {
        service: "web",
        count: 1,
        cpu: "2",
        memory: "1000",
        storage: ["data 10Gi beta3"],
        gpu: 1,
        gpu_vendor: "nvidia",
        gpu_model: "h100",
        gpu_ram: "80Gi",
        gpu_interface: "sxm",
      },
    ]);
  });

  test.each([
    ["v0.3.1", MANIFEST, "it writes http_options.proxy_buffer_size = 0 into every manifest"],
    ["v0.2.16", proxyManifest, "it drops http_options.proxy_buffer_size (service web)"],
    ["v9.0.0", proxyManifest, "it may drop http_options.proxy_buffer_size (service web)"],
  ])("a provider on chain-sdk %s is turned down: %s", async (sdk, manifest, reason) => {
    const world = leaseWorld();
    world.ledger.addBid(GROUP, PROVIDER_A, { price: "10" });
    world.gateway.versions.set(PROVIDER_A, {
      version: "v0.x",
      commit: "x",
      cosmosSdk: "v0.53",
      manifest: manifestCapability(sdk),
    });
    const error = failure(
      create(
        lease,
        world.ports,
        config({ manifest, bid_policy: bidPolicyValue({ require_manifest_support: true, wait: "3s" }) }),
      ),
    );
    await expect(error).resolves.toMatchObject({
      summary: "No acceptable bid",
      message: expect.stringContaining(reason),
    });
  });

  test("no acceptable bid: the error lists each bid and why, as soon as every candidate has bid", async () => {
    const world = leaseWorld();
    world.ledger.addBid(GROUP, PROVIDER_A, { price: "100" });
    world.ledger.addBid(GROUP, PROVIDER_B, { price: "200" });
    const error = failure(
      create(lease, world.ports, config({ bid_policy: bidPolicyValue({ max_price: { uact: "50" } }) })),
    );
    await expect(error).resolves.toMatchObject({ summary: "No acceptable bid", path: ["bid_policy"] });
    await expect(error).resolves.toMatchObject({ message: expect.stringContaining("all 2 providers") });
    await expect(error).resolves.toMatchObject({
      message: expect.stringContaining("above max_price 50uact"),
    });
    expect(world.clock.sleeps).toBe(0);
    expect(world.chain.sent("createLease")).toEqual([]);
  });

  test("no acceptable bid in time, or no provider that can serve the placement", async () => {
    const world = leaseWorld();
    await expect(
      create(lease, world.ports, config({ bid_policy: bidPolicyValue({ wait: "10s" }) })),
    ).rejects.toMatchObject({ summary: "No acceptable bid", message: expect.stringContaining("within 10s") });
    const nowhere = leaseWorld(webSdl({ region: "mars" }));
    await expect(create(lease, nowhere.ports, config())).rejects.toMatchObject({
      message: expect.stringContaining("no registered provider has the attributes"),
    });
  });

  test("a bid arriving during the wait is taken", async () => {
    const world = leaseWorld();
    world.clock.onSleep(() => {
      if (world.ledger.bids.length === 0) world.ledger.addBid(GROUP, PROVIDER_A, { price: "100" });
    });
    const state = await create(
      lease,
      world.ports,
      config({ bid_policy: bidPolicyValue({ strategy: "first" }) }),
    );
    expect(state.provider_address).toBe(PROVIDER_A);
  });

  test("require_manifest_support: only providers whose version keeps the manifest's fields can win", async () => {
    const world = leaseWorld();
    world.ledger.addBid(GROUP, PROVIDER_A, { price: "10" });
    world.ledger.addBid(GROUP, PROVIDER_B, { price: "90" });
    world.gateway.versions.set(PROVIDER_B, {
      version: "v0.15.0",
      commit: "x",
      cosmosSdk: "v0.53",
      manifest: manifestCapability("v0.3.2-0.20260801000000-abcdefabcdef"),
    });
    const state = await create(
      lease,
      world.ports,
      config({ manifest: proxyManifest, bid_policy: bidPolicyValue({ require_manifest_support: true }) }),
    );
    expect(state.provider_address).toBe(PROVIDER_B);
  });

  test("a provider that does not say its version is taken only for a manifest without new fields", async () => {
    const world = leaseWorld();
    world.ledger.addBid(GROUP, PROVIDER_A, { price: "10" });
    world.gateway.failNext("providerVersion", new GatewayError("unreachable", "no answer"));
    expect(
      (await create(lease, world.ports, config({ bid_policy: bidPolicyValue({ strategy: "first" }) })))
        .provider_address,
    ).toBe(PROVIDER_A);
    const strict = leaseWorld();
    strict.ledger.addBid(GROUP, PROVIDER_A, { price: "10" });
    strict.gateway.failNext("providerVersion", new GatewayError("unreachable", "no answer"));
    const error = failure(
      create(
        lease,
        strict.ports,
        config({
          manifest: proxyManifest,
          bid_policy: bidPolicyValue({ require_manifest_support: true, wait: "3s" }),
        }),
      ),
    );
    await expect(error).resolves.toMatchObject({
      message: expect.stringContaining("did not say its version"),
    });
  });

  test("an active lease of the group that no state knows is adopted instead of bid for", async () => {
    const world = leaseWorld();
    const bid = world.ledger.addBid(GROUP, PROVIDER_A, { price: "100" });
    world.ledger.apply({ kind: "createLease", bid: bid.id }, OWNER);
    const ctx = operation();
    const state = await create(lease, world.ports, config(), ctx);
    expect(state.provider_address).toBe(PROVIDER_A);
    expect(world.chain.sent("createLease")).toEqual([]);
    expect(ctx.logs.map((l) => l.msg)).toContain(
      "adopting an existing lease of this group (created by an interrupted terraform run)",
    );
  });

  test("a group its provider paused is reopened, and bid on again", async () => {
    const world = leaseWorld();
    const first = world.ledger.addBid(GROUP, PROVIDER_A, { price: "100" });
    world.ledger.apply({ kind: "createLease", bid: first.id }, OWNER);
    world.ledger.providerClosesLease(first.id);
    world.chain.meanwhile("startGroup", () => world.ledger.addBid(GROUP, PROVIDER_B, { price: "80" }));
    const state = await create(
      lease,
      world.ports,
      config({ bid_policy: bidPolicyValue({ strategy: "first" }) }),
    );
    expect(world.chain.sent("startGroup")).toHaveLength(1);
    expect(state).toMatchObject({ provider_address: PROVIDER_B, oseq: 2 });
  });

  test("a group reopened concurrently is fine; other refusals to reopen are reported", async () => {
    const world = leaseWorld();
    const first = world.ledger.addBid(GROUP, PROVIDER_A, { price: "100" });
    world.ledger.apply({ kind: "createLease", bid: first.id }, OWNER);
    world.ledger.providerClosesLease(first.id);
    world.chain.meanwhile("startGroup", () => world.ledger.addBid(GROUP, PROVIDER_B, { price: "80" }));
    world.chain.failNext("startGroup", new ChainError("invalid-state", "The group is already open."), {
      afterApplying: true,
    });
    const policyFirst = config({ bid_policy: bidPolicyValue({ strategy: "first" }) });
    expect((await create(lease, world.ports, policyFirst)).provider_address).toBe(PROVIDER_B);
    const other = leaseWorld();
    const bid = other.ledger.addBid(GROUP, PROVIDER_A, { price: "100" });
    other.ledger.apply({ kind: "createLease", bid: bid.id }, OWNER);
    other.ledger.providerClosesLease(bid.id);
    other.chain.failNext("startGroup", new ChainError("insufficient-fee", "Fee too low."));
    await expect(create(lease, other.ports, policyFirst)).rejects.toMatchObject({ summary: "Fee too low" });
  });

  test("a closed group, an inactive deployment and a missing group are refused with the attribute", async () => {
    const world = leaseWorld();
    world.ledger.group(GROUP).state = "insufficient_funds";
    await expect(create(lease, world.ports, config())).rejects.toMatchObject({
      summary: "Group closed",
      path: ["dseq"],
    });
    await expect(create(lease, world.ports, config({ gseq: 2 }))).rejects.toMatchObject({
      summary: "No such group",
      path: ["gseq"],
    });
    world.ledger.closeOutside(OWNER, DSEQ);
    await expect(create(lease, world.ports, config())).rejects.toMatchObject({
      summary: "Deployment not active",
      path: ["dseq"],
    });
    await expect(create(lease, world.ports, config({ dseq: "9" }))).rejects.toMatchObject({
      summary: "Deployment not active",
    });
  });

  test("a chosen bid gone before MsgCreateLease landed is replaced by the next acceptable one", async () => {
    const world = leaseWorld();
    world.ledger.addBid(GROUP, PROVIDER_B, { price: "200" });
    world.chain.failNext("createLease", new ChainError("invalid-state", "The bid is no longer open."));
    const state = await leased(world);
    // The first bid (A, strategy "first") was refused; B's lease is the one the chain took.
    expect(world.chain.sent("createLease").map((m) => m.bid.provider)).toEqual([PROVIDER_B]);
    expect(world.ledger.lease(idOf(PROVIDER_A))).toBeUndefined();
    expect(state).toMatchObject({ provider_address: PROVIDER_B, state: "active" });
    expect(world.gateway.sends.map((s) => s.provider)).toEqual([PROVIDER_B]);
  });

  test("a refused MsgCreateLease is reported and nothing is sent to the provider", async () => {
    const world = leaseWorld();
    world.chain.failNext("createLease", new ChainError("insufficient-funds", "Insufficient funds."));
    await expect(leased(world)).rejects.toMatchObject({ summary: expect.stringMatching(/funds/i) });
    expect(world.gateway.sends).toEqual([]);
  });

  test("mTLS: the gateway is asked for with the certificate; incomplete settings are refused", async () => {
    const world = leaseWorld();
    await leased(world, {
      provider_auth: "mtls",
      client_certificate_pem: "CERT",
      client_private_key_pem: "KEY",
    });
    expect(world.gatewayAuths).toEqual([{ kind: "mtls", certPem: "CERT", keyPem: "KEY" }]);
    await expect(
      leased(leaseWorld(), { provider_auth: "mtls", client_certificate_pem: "CERT" }),
    ).rejects.toMatchObject({
      summary: "Incomplete mTLS settings",
      path: ["provider_auth"],
    });
  });

  test("a manifest the provider refuses leaves the paid lease in state (tainted)", async () => {
    const world = leaseWorld();
    world.gateway.failNext("sendManifest", new GatewayError("invalid-manifest", "hash mismatch", 422));
    const error = await failure(leased(world));
    expect(error).toBeInstanceOf(PartialStateError);
    expect((error as PartialStateError).state).toMatchObject({
      provider_address: PROVIDER_A,
      state: "active",
    });
    expect((error as PartialStateError).cause).toMatchObject({
      summary: "Manifest rejected by the provider",
    });
  });

  test("the winning provider must be registered", async () => {
    const world = leaseWorld();
    const stranger = fakeAddress(99);
    const bid = world.ledger.addBid(GROUP, stranger, { price: "1" });
    world.ledger.apply({ kind: "createLease", bid: bid.id }, OWNER);
    await expect(create(lease, world.ports, config())).rejects.toMatchObject({
      summary: "Provider not found",
    });
  });

  describe("workloads that cannot start end the wait with the reason", () => {
    test("an image that does not exist", async () => {
      const world = leaseWorld();
      world.gateway.pendingPolls = 1000;
      world.gateway.eventsFor(idOf(PROVIDER_A), [
        pullFailure('Failed to pull image "nginx:1.27": not found'),
      ]);
      const error = await failure(leased(world));
      expect(error).toBeInstanceOf(PartialStateError);
      const { cause, state } = error as PartialStateError;
      expect(cause).toMatchObject({
        summary: "Workload not running",
        message: expect.stringContaining("not found"),
      });
      expect(state.services).toEqual([expect.objectContaining({ name: "web", available: 0 })]);
    });

    test("a pull error that may be a hiccup gets a grace period first", async () => {
      const world = leaseWorld();
      world.gateway.pendingPolls = 1000;
      world.gateway.eventsFor(idOf(PROVIDER_A), [
        pullFailure('Failed to pull image "nginx:1.27": 429 rate limited'),
      ]);
      const before = world.clock.now();
      await expect(leased(world)).rejects.toMatchObject({
        message: expect.stringContaining("429 rate limited"),
      });
      expect(world.clock.now() - before).toBeGreaterThanOrEqual(60_000);
    });

    test("a container that keeps crashing", async () => {
      const world = leaseWorld();
      world.gateway.pendingPolls = 1000;
      world.gateway.eventsFor(idOf(PROVIDER_A), [
        { ...pullFailure("Back-off restarting failed container web"), reason: "BackOff" },
      ]);
      await expect(leased(world)).rejects.toMatchObject({
        message: expect.stringContaining("keeps crashing"),
      });
    });

    test("events the provider cannot list do not end the wait", async () => {
      const world = leaseWorld();
      world.gateway.pendingPolls = 4;
      world.gateway.failNext("leaseEvents", new GatewayError("timeout", "slow"));
      const ctx = operation();
      world.ledger.addBid(GROUP, PROVIDER_A, { price: "100" });
      await create(lease, world.ports, config({ bid_policy: bidPolicyValue({ strategy: "first" }) }), ctx);
      expect(ctx.logs).toContainEqual(
        expect.objectContaining({ level: "debug", msg: "lease events unavailable" }),
      );
    });

    test("the provider closes the lease while the services start", async () => {
      const world = leaseWorld();
      world.gateway.pendingPolls = 1000;
      world.clock.onSleep(() => {
        const current = world.ledger.lease(idOf(PROVIDER_A));
        if (current?.state === "active")
          world.ledger.providerClosesLease(current.id, "lease_closed_reason_unstable");
      });
      await expect(leased(world)).rejects.toMatchObject({
        message: expect.stringContaining("(lease_closed_reason_unstable)"),
      });
    });

    test("the operation's timeout ends the wait", async () => {
      const world = leaseWorld();
      world.gateway.pendingPolls = 1000;
      const ctx = operation();
      world.clock.onSleep(() => {
        if (world.clock.sleeps > 20) ctx.abort(new Error("timeout: create 15m"));
      });
      world.ledger.addBid(GROUP, PROVIDER_A, { price: "100" });
      const error = await failure(
        create(lease, world.ports, config({ bid_policy: bidPolicyValue({ strategy: "first" }) }), ctx),
      );
      expect(error).toBeInstanceOf(PartialStateError);
      expect((error as PartialStateError).cause).toMatchObject({ message: "timeout: create 15m" });
    });
  });
});

describe("read", () => {
  test("a running lease is refreshed from the chain and the provider", async () => {
    const world = leaseWorld();
    const state = await leased(world);
    expect(await read(lease, world.ports, { ...state, uris: [] })).toEqual(state);
  });

  test("forwarded ports and leased IPs are listed per service, in a stable order", async () => {
    const world = leaseWorld();
    const state = await leased(world);
    world.gateway.forwardedPorts = {
      web: [{ host: "node.example", port: 22, externalPort: 31022, proto: "TCP", name: "web" }],
      db: [{ host: "node.example", port: 5432, externalPort: 31543, proto: "TCP", name: "db" }],
    };
    world.gateway.leasedIps = { web: [{ ip: "203.0.113.7", port: 80, externalPort: 80, protocol: "TCP" }] };
    expect(await read(lease, world.ports, state)).toMatchObject({
      forwarded_ports: [
        { service: "db", host: "node.example", port: 5432, external_port: 31543, proto: "TCP" },
        { service: "web", host: "node.example", port: 22, external_port: 31022, proto: "TCP" },
      ],
      ips: [{ service: "web", ip: "203.0.113.7", port: 80, external_port: 80, protocol: "TCP" }],
    });
  });

  test("closed on chain: removed from state; reclaiming: kept, with its deadline", async () => {
    const world = leaseWorld();
    const state = await leased(world);
    const onChain = world.ledger.lease(idOf(PROVIDER_A))!;
    onChain.state = "reclaiming";
    onChain.reclamation = {
      windowSeconds: 3600,
      started: {
        height: 1n,
        deadline: new Date("2030-01-01T00:00:00Z"),
        reason: "lease_closed_reason_decommission",
      },
    };
    expect(await read(lease, world.ports, state)).toMatchObject({
      state: "reclaiming",
      reclaim_deadline: "2030-01-01T00:00:00.000Z",
    });
    world.ledger.providerClosesLease(onChain.id);
    expect(await read(lease, world.ports, state)).toBeNull();
    expect(await read(lease, world.ports, { ...state, oseq: 7 })).toBeNull();
  });

  test("status: unknown to the provider reads as empty; unreachable keeps what was known", async () => {
    const world = leaseWorld();
    const state = await leased(world);
    world.gateway.failNext("leaseStatus", new GatewayError("not-found", "no lease"));
    expect(await read(lease, world.ports, state)).toMatchObject({ services: [], uris: [] });
    world.gateway.failNext("leaseStatus", new GatewayError("unreachable", "down"));
    const ctx = operation();
    expect(await read(lease, world.ports, state, ctx)).toMatchObject({ uris: state.uris });
    expect(ctx.logs.map((l) => l.msg)).toContain("lease status unavailable; keeping the last known values");
  });

  test("after an import the manifest and leased resources are recovered", async () => {
    const world = leaseWorld();
    const state = await leased(world);
    const imported = await importState(lease, world.ports, `500/1/1/${PROVIDER_A}`);
    const first = await read(lease, world.ports, imported);
    expect(first).toMatchObject({ manifest: MANIFEST, id: state.id, price: "100uact", leased_resources: [] });
  });

  test("a manifest the provider cannot serve stays unknown (sent again by the next apply)", async () => {
    const world = leaseWorld();
    const state = await leased(world);
    world.gateway.failNext("leaseManifest", new GatewayError("unreachable", "down"));
    const ctx = operation();
    expect(await read(lease, world.ports, { ...state, manifest: null }, ctx)).toMatchObject({
      manifest: null,
    });
    expect(ctx.logs.map((l) => l.msg)).toContain("manifest not recovered; the next apply sends it again");
    world.gateway.served.set(
      `${OWNER}/500/1/1/${PROVIDER_A}`,
      JSON.stringify([{ name: "dc", services: [] }]),
    );
    expect(await read(lease, world.ports, { ...state, manifest: null })).toMatchObject({ manifest: null });
  });

  test("endpoints a provider's CRD round trip loses are put back from the chain's group", async () => {
    const world = leaseWorld();
    const state = await leased(world);
    const [group] = JSON.parse(MANIFEST) as { services: { resources: { endpoints: unknown } }[] }[];
    for (const service of group!.services) service.resources.endpoints = null;
    world.gateway.served.set(`${OWNER}/500/1/1/${PROVIDER_A}`, JSON.stringify([group]));
    expect(await read(lease, world.ports, { ...state, manifest: null })).toMatchObject({
      manifest: MANIFEST,
    });
  });

  test("why a manifest was not recovered is logged: no manifest array, or the deployment is not active", async () => {
    const world = leaseWorld();
    const state = await leased(world);
    const reasons = async () => {
      const ctx = operation();
      await read(lease, world.ports, { ...state, manifest: null }, ctx);
      return ctx.logs.filter((l) => l.level === "warn").map((l) => String(l.fields?.reason));
    };
    world.gateway.served.set(`${OWNER}/500/1/1/${PROVIDER_A}`, '{"name":"dc"}');
    expect(await reasons()).toEqual([`provider ${PROVIDER_A} served no manifest array`]);
    world.ledger.deployment(OWNER, DSEQ)!.state = "closed";
    expect(await reasons()).toEqual(["the deployment is not active"]);
  });

  test("incomplete state and an unregistered provider fail clearly", async () => {
    const world = leaseWorld();
    const state = await leased(world);
    await expect(read(lease, world.ports, { ...state, oseq: null })).rejects.toMatchObject({
      summary: "Incomplete lease state",
    });
    world.ledger.providers.splice(0);
    await expect(read(lease, world.ports, state)).rejects.toMatchObject({ summary: "Provider not found" });
  });
});

describe("update", () => {
  const nextManifest = compileSdl(webSdl({ image: "nginx:1.28" })).manifestJson;

  test("an unchanged manifest sends nothing", async () => {
    const world = leaseWorld();
    const state = await leased(world);
    const next = await update(lease, world.ports, state, { ...state, services: null });
    expect(next.services).toEqual(state.services);
    expect(world.gateway.sends).toHaveLength(1);
  });

  test("a new manifest is sent after the deployment update and waited for", async () => {
    const world = leaseWorld();
    const state = await leased(world);
    world.gateway.pendingPolls = 2;
    const next = await update(lease, world.ports, state, { ...state, manifest: nextManifest });
    expect(world.gateway.sends[1]).toMatchObject({ manifest: nextManifest, afterUpdate: true });
    expect(next).toMatchObject({ manifest: nextManifest, state: "active" });
  });

  test("a manifest update of a reclaiming lease leaves it reclaiming", async () => {
    const world = leaseWorld();
    const state = {
      ...(await leased(world)),
      state: "reclaiming",
      reclaim_deadline: "2027-01-01T00:00:00.000Z",
    };
    const next = await update(lease, world.ports, state, { ...state, manifest: nextManifest });
    expect(next).toMatchObject({
      manifest: nextManifest,
      state: "reclaiming",
      reclaim_deadline: state.reclaim_deadline,
    });
  });

  test("a provider that lost the lease's status still gets the manifest; one that is down is reported", async () => {
    const world = leaseWorld();
    const state = await leased(world);
    world.gateway.failNext("leaseStatus", new GatewayError("not-found", "no lease"));
    await update(lease, world.ports, state, { ...state, manifest: nextManifest });
    world.gateway.failNext("leaseStatus", new GatewayError("unreachable", "down"));
    await expect(
      update(lease, world.ports, state, {
        ...state,
        manifest: compileSdl(webSdl({ image: "nginx:1.29" })).manifestJson,
      }),
    ).rejects.toMatchObject({ summary: "Provider unreachable" });
    expect(world.gateway.sends).toHaveLength(2); // the create's and the first update's
  });

  test("a rollout that fails keeps the manifest that ran before (the change stays pending)", async () => {
    const world = leaseWorld();
    const state = await leased(world);
    world.gateway.pendingPolls = 1000;
    world.gateway.eventsFor(idOf(PROVIDER_A), [
      pullFailure('Failed to pull image "nginx:1.28": manifest unknown'),
    ]);
    const error = await failure(update(lease, world.ports, state, { ...state, manifest: nextManifest }));
    expect(error).toBeInstanceOf(PartialStateError);
    expect((error as PartialStateError).state.manifest).toBe(MANIFEST);
  });
});

describe("delete", () => {
  test("closes the lease; a closed one is left alone; a reclaiming one is closed too", async () => {
    const world = leaseWorld();
    const state = await leased(world);
    world.ledger.lease(idOf(PROVIDER_A))!.state = "reclaiming";
    await destroy(lease, world.ports, state);
    expect(world.ledger.lease(idOf(PROVIDER_A))).toMatchObject({
      state: "closed",
      closedReason: "lease_closed_owner",
    });
    await destroy(lease, world.ports, state);
    expect(world.chain.sent("closeLease")).toHaveLength(1);
  });

  test("a refused close is reported", async () => {
    const world = leaseWorld();
    const state = await leased(world);
    world.chain.failNext("closeLease", new ChainError("unauthorized", "Not the owner."));
    await expect(destroy(lease, world.ports, state)).rejects.toMatchObject({ summary: "Not authorized" });
  });
});

describe("import and upgrade", () => {
  test("`<dseq>/<gseq>/<oseq>/<provider>` and the owner-prefixed form", async () => {
    const { ports } = fakeWorld();
    const short = await importState(lease, ports, `500/1/2/${PROVIDER_A}`);
    expect(short).toMatchObject({
      dseq: "500",
      gseq: 1,
      oseq: 2,
      owner: OWNER,
      provider_address: PROVIDER_A,
      manifest: null,
    });
    expect((await importState(lease, ports, `${OTHER}/500/1/2/${PROVIDER_A}`)).owner).toBe(OTHER);
  });

  test.each(["500/1/2", `akash1bad/500/1/1/${PROVIDER_A}`, `500/x/1/${PROVIDER_A}`, "500/1/1/akash1bad"])(
    "bad ID %j is refused",
    async (id) => {
      await expect(importState(lease, fakeWorld().ports, id)).rejects.toMatchObject({
        summary: "Invalid import ID",
      });
    },
  );

  test("version 0 state names the provider `provider`; version 1 is taken as is", () => {
    const upgrade = lease.upgradeState!;
    expect(upgrade({ fromVersion: 0, state: { dseq: "5", provider: PROVIDER_A } })).toMatchObject({
      dseq: "5",
      provider_address: PROVIDER_A,
    });
    expect(upgrade({ fromVersion: 1, state: { dseq: "5", provider_address: PROVIDER_B } })).toMatchObject({
      provider_address: PROVIDER_B,
    });
  });
});
