/**
 * The rollout wait on a fake clock, against in-memory chain and gateway ports that replay what a real provider
 * reports during a Kubernetes RollingUpdate (old generation available first, a 1-replica service dropping to 0,
 * the new generation last) and when a workload cannot start (kubelet events, the lease closed as unstable).
 */
import { FakeClock } from "../../../support/fake-ports/fake-clock";
import type { Chain, Lease, LeaseId } from "../../../../src/akash/ports/chain";
import type {
  LeaseEvent,
  LeaseStatus,
  ProviderGateway,
  ServiceStatus,
} from "../../../../src/akash/ports/provider-gateway";
import { silentLogger } from "../../../../src/framework/logger";
import { PrivateState } from "../../../../src/framework/private-state";
import type { OperationContext } from "../../../../src/framework/resource";
import { rolloutTarget, waitForRollout, WorkloadFailure } from "../../../../src/resources/lease/rollout-wait";

const id: LeaseId = { owner: "akash1owner", dseq: 9n, gseq: 1, oseq: 1, provider: "akash1prov", bseq: 0 };
const endpoint = { hostUri: "https://p:8443", address: id.provider };

const manifest = (image: string) =>
  JSON.stringify([{ name: "dc", services: [{ name: "web", image, count: 1 }] }]);

function web(s: Partial<ServiceStatus>): LeaseStatus {
  const service: ServiceStatus = {
    name: "web",
    available: 1,
    total: 1,
    uris: [],
    observedGeneration: 1,
    replicas: 1,
    updatedReplicas: 1,
    readyReplicas: 1,
    availableReplicas: 1,
    ...s,
  };
  return { services: { web: service }, forwardedPorts: {}, ips: {}, errors: [] };
}

interface Script {
  statuses: LeaseStatus[];
  events?: LeaseEvent[];
  leaseState?: Lease["state"];
}

function ports(script: Script) {
  let polls = 0;
  const gateway = {
    leaseStatus: () => Promise.resolve(script.statuses[Math.min(polls++, script.statuses.length - 1)]!),
    leaseEvents: () => Promise.resolve(script.events ?? []),
  } as Partial<ProviderGateway> as ProviderGateway;
  const chain = {
    invalidate: () => undefined,
    leases: () =>
      Promise.resolve([
        {
          id,
          state: script.leaseState ?? "active",
          price: { denom: "uact", amount: "1" },
          createdAt: 1n,
          closedOn: 0n,
          closedReason: script.leaseState === "closed" ? "lease_closed_reason_unstable" : "",
        },
      ]),
  } as Partial<Chain> as Chain;
  return { gateway, chain, polls: () => polls };
}

const ctx: OperationContext = {
  signal: new AbortController().signal,
  log: silentLogger,
  private: new PrivateState(),
};

/** The wait for a new lease running `image`, against what `script` replays; resolves with what it threw. */
function failureOf(clock: FakeClock, script: Script, image: string): Promise<unknown> {
  const { gateway, chain } = ports(script);
  const target = rolloutTarget(null, manifest(image), undefined);
  return waitForRollout({ clock }, chain, gateway, endpoint, id, target, ctx).catch((e: unknown) => e);
}

const pullFailed = (image: string, why: string): LeaseEvent => ({
  type: "Warning",
  reason: "Failed",
  note: `Failed to pull image "${image}": ${why}`,
  reportingController: "kubelet",
  reportingInstance: "node",
  object: { kind: "Pod", namespace: "ns", name: "web-5d8f7c9b4-x2k4p" },
});

test("an update is not done while the old generation is available; a 1-replica service dropping to 0 is waited out", async () => {
  const clock = new FakeClock(1_000_000);
  const before = web({ observedGeneration: 1 });
  const script = {
    statuses: [
      before, // right after the send: the previous generation, fully available
      web({ observedGeneration: 2, updatedReplicas: 0, available: 0, availableReplicas: 0 }),
      web({ observedGeneration: 2, updatedReplicas: 1, available: 0, availableReplicas: 0 }),
      web({ observedGeneration: 2 }),
    ],
  };
  const { gateway, chain, polls } = ports(script);
  const target = rolloutTarget(manifest("nginx:1"), manifest("nginx:2"), before);
  const status = await waitForRollout({ clock }, chain, gateway, endpoint, id, target, ctx);
  expect(status.services.web?.observedGeneration).toBe(2);
  expect(polls()).toBe(4);
});

test("a service the manifest did not change needs no new generation", async () => {
  const clock = new FakeClock(1_000_000);
  const before = web({ observedGeneration: 3 });
  const { gateway, chain, polls } = ports({ statuses: [before] });
  const target = rolloutTarget(manifest("nginx:1"), manifest("nginx:1"), before);
  await waitForRollout({ clock }, chain, gateway, endpoint, id, target, ctx);
  expect(polls()).toBe(1);
});

test("an image that is not found ends the wait at the first look at the events", async () => {
  const clock = new FakeClock(1_000_000);
  const started = clock.now();
  const error = await failureOf(
    clock,
    {
      statuses: [web({ available: 0, availableReplicas: 0 })],
      events: [pullFailed("nginx:nope", "rpc error: code = NotFound desc = nginx:nope: not found")],
    },
    "nginx:nope",
  );
  expect(error).toBeInstanceOf(WorkloadFailure);
  expect((error as Error).message).toContain("service web (image nginx:nope)");
  expect((error as WorkloadFailure).status?.services.web?.available).toBe(0);
  expect(clock.now() - started).toBeLessThan(5_000);
});

test("a pull error that may pass gets a grace period; events of the old image do not count", async () => {
  const clock = new FakeClock(1_000_000);
  const started = clock.now();
  const error = await failureOf(
    clock,
    {
      statuses: [web({ available: 0, availableReplicas: 0 })],
      events: [pullFailed("nginx:old", "not found"), pullFailed("nginx:slow", "dial tcp: i/o timeout")],
    },
    "nginx:slow",
  );
  expect((error as Error).message).toContain("i/o timeout");
  expect(clock.now() - started).toBeGreaterThanOrEqual(60_000);
  expect(clock.now() - started).toBeLessThan(70_000);
});

test("the lease closed by the provider ends the wait with its reason", async () => {
  const clock = new FakeClock(1_000_000);
  const error = await failureOf(
    clock,
    {
      statuses: [web({ available: 0, availableReplicas: 0 })],
      leaseState: "closed",
    },
    "nginx:1",
  );
  expect((error as Error).message).toContain("lease_closed_reason_unstable");
  expect((error as Error).message).toContain("not running: web");
});
