/**
 * The pieces of a localnet provider that model the real one's software and cluster, checked on their own: the
 * manifest types of each provider version, the CRD round trip of GET manifest, Kubernetes rollouts, kube events,
 * the deployment monitor, and the control-API settings that switch them on.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFaultPlan, FaultPlanError } from "../../../src/localnet/faults/fault-plan";
import { LocalnetFaults } from "../../../src/localnet/faults/faults";
import { sortedJsonSha256, type JsonValue } from "../../../src/localnet/provider/go-json";
import { decodeManifest, manifestToGoJson, manifestVersion } from "../../../src/localnet/provider/manifest";
import { servedManifest } from "../../../src/localnet/provider/crd-manifest";
import { leaseNamespace } from "../../../src/localnet/provider/kube-events";
import { LeaseRuntime, type LeaseKey } from "../../../src/localnet/provider/lease-runtime";
import { DeploymentMonitors, REASON_UNSTABLE } from "../../../src/localnet/provider/deployment-monitor";
import { PROVIDER_SOFTWARE, versionBody } from "../../../src/localnet/provider/software";
import { eventually } from "../../support/eventually";
import { FIXTURES } from "./fixtures";

const RELEASED = PROVIDER_SOFTWARE.released.dialect;
const UPGRADED = PROVIDER_SOFTWARE.upgraded.dialect;
const fixture = (name: string) => readFileSync(join(FIXTURES, name, "manifest.json"), "utf8");
const goHash = (json: string) => Buffer.from(sortedJsonSha256(JSON.parse(json) as JsonValue)).toString("hex");
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("provider software versions", () => {
  it("GET /version names the provider build and its chain-sdk go version the way Go's build info does", () => {
    const body = versionBody(PROVIDER_SOFTWARE.released) as { akash: Record<string, unknown> };
    expect(body.akash).toMatchObject({ name: "provider-services", version: "v0.14.1-rc1" });
    expect(body.akash.build_deps).toContain("pkg.akt.dev/go@v0.2.16");
    const upgraded = versionBody(PROVIDER_SOFTWARE.upgraded) as { akash: { build_deps: string[] } };
    expect(upgraded.akash.build_deps).toContain("pkg.akt.dev/go@v0.3.2-0.20260702121717-55f1c6837f99");
  });

  it("a released provider (chain-sdk go v0.2.16) drops params.tee, so its hash differs; an upgraded one keeps it", () => {
    const body = fixture("v2.1/tee-cpu");
    expect(hex(manifestVersion(decodeManifest(body, UPGRADED), UPGRADED))).toBe(goHash(body));
    const released = decodeManifest(body, RELEASED);
    expect(hex(manifestVersion(released, RELEASED))).not.toBe(goHash(body));
    expect(JSON.stringify(manifestToGoJson(released, RELEASED))).not.toContain('"tee"');
  });

  it("proxyBufferSize counts only for a provider that knows it; leaving it out hashes the same on both", () => {
    const plain = fixture("v2.0/simple");
    expect(hex(manifestVersion(decodeManifest(plain, RELEASED), RELEASED))).toBe(goHash(plain));
    expect(hex(manifestVersion(decodeManifest(plain, UPGRADED), UPGRADED))).toBe(goHash(plain));
    const withBuffer = JSON.parse(plain);
    withBuffer[0].services[0].expose[0].httpOptions.proxyBufferSize = 65536;
    const text = JSON.stringify(withBuffer);
    expect(hex(manifestVersion(decodeManifest(text, UPGRADED), UPGRADED))).toBe(goHash(text));
    expect(hex(manifestVersion(decodeManifest(text, RELEASED), RELEASED))).toBe(goHash(plain));
  });
});

describe("GET /lease/.../manifest: the CRD round trip", () => {
  it("serves endpoints as null, loses leased-IP endpoints and the 2026 fields, and turns empty lists into []", () => {
    const body = fixture("v2.1/ip-endpoint");
    const [group] = decodeManifest(body, UPGRADED);
    const served = JSON.parse(servedManifest(group!, UPGRADED)) as {
      services: { resources: { endpoints: unknown }; expose: { ip: string }[] }[];
    }[];
    expect(served).toHaveLength(1);
    for (const service of served[0]!.services) expect(service.resources.endpoints).toBeNull();
    // The ip field itself survives (the CRD stores it); the LEASED_IP endpoints it should re-add do not.
    expect(served[0]!.services[0]!.expose[0]!.ip).toBe("endpoint3");
    expect(goHash(JSON.stringify(served))).not.toBe(goHash(body));

    const tee = decodeManifest(fixture("v2.1/tee-cpu"), UPGRADED);
    const teeServed = servedManifest(tee[0]!, UPGRADED);
    expect(teeServed).not.toContain('"tee"');
    expect(teeServed).toContain('"endpoints":null');
  });

  it("writes the group in Go's field order with Go's escaping, not sorted", () => {
    const [group] = decodeManifest(fixture("v2.0/simple"), RELEASED);
    group!.services![0]!.env = ["A=<b>&c"];
    const served = servedManifest(group!, RELEASED);
    expect(served.startsWith('[{"name":')).toBe(true);
    expect(served.indexOf('"image"')).toBeLessThan(served.indexOf('"command"'));
    expect(served).toContain('"A=\\u003cb\\u003e\\u0026c"');
  });
});

const lease: LeaseKey = {
  owner: "akash1qufa3xzrf34qvwyejkhvnc4psf49fftaw0asmh",
  dseq: "42",
  gseq: 1,
  oseq: 1,
};

function runtimeWith(settings: { podStartMs: number; failing?: string[] }) {
  return new LeaseRuntime("127.0.0.1", {
    podStartMs: () => settings.podStartMs,
    imageFails: (image) => settings.failing?.includes(image) ?? false,
  });
}

function twoReplicaGroup(image: string) {
  const [group] = decodeManifest(fixture("v2.0/simple"), RELEASED);
  group!.services![0]!.image = image;
  return group!;
}

describe("rollouts (RollingUpdate, maxSurge 0, maxUnavailable 1)", () => {
  const web = (runtime: LeaseRuntime, at: number) => runtime.status(lease, at)!.services.web!;

  it("the first manifest starts every replica at once; they become available after the start time", () => {
    const runtime = runtimeWith({ podStartMs: 1000 });
    runtime.apply(lease, twoReplicaGroup("nginx:1.25"), 0);
    expect(web(runtime, 500)).toMatchObject({
      observed_generation: 1,
      replicas: 2,
      updated_replicas: 2,
      available: 0,
    });
    expect(web(runtime, 1000)).toMatchObject({
      available: 2,
      total: 2,
      ready_replicas: 2,
      available_replicas: 2,
    });
  });

  it("an update replaces pods one at a time: the new generation is observed at once, old pods stay available", () => {
    const runtime = runtimeWith({ podStartMs: 1000 });
    runtime.apply(lease, twoReplicaGroup("nginx:1.25"), 0);
    runtime.apply(lease, twoReplicaGroup("nginx:1.27"), 10_000);
    expect(web(runtime, 10_500)).toMatchObject({ observed_generation: 2, updated_replicas: 1, available: 1 });
    expect(web(runtime, 11_500)).toMatchObject({ observed_generation: 2, updated_replicas: 2, available: 1 });
    expect(web(runtime, 12_000)).toMatchObject({ observed_generation: 2, updated_replicas: 2, available: 2 });
    // Re-sending the same manifest changes no pod template: no new generation.
    runtime.apply(lease, twoReplicaGroup("nginx:1.27"), 20_000);
    expect(web(runtime, 20_000)).toMatchObject({ observed_generation: 2, available: 2 });
  });

  it("an image that cannot be pulled never becomes available and stalls an update at its first pod", () => {
    const runtime = runtimeWith({ podStartMs: 100, failing: ["nginx:nope"] });
    runtime.apply(lease, twoReplicaGroup("nginx:nope"), 0);
    expect(web(runtime, 60_000)).toMatchObject({ available: 0, total: 2, updated_replicas: 2 });
    const updated = runtimeWith({ podStartMs: 100, failing: ["nginx:nope"] });
    updated.apply(lease, twoReplicaGroup("nginx:1.25"), 0);
    updated.apply(lease, twoReplicaGroup("nginx:nope"), 1000);
    expect(web(updated, 60_000)).toMatchObject({ observed_generation: 2, updated_replicas: 1, available: 1 });
  });

  it("kube events say why: scheduled, pulling, failed to pull, back-off, in the lease's namespace", () => {
    const provider = "akash1swyafq68a4zmnjez8aeg34ltssmx06n6523xcx";
    expect(leaseNamespace(lease, provider)).toBe("qovcemqvq441mjh9469pplgg777lruq5u9r3vrb9dvjbg");
    const runtime = runtimeWith({ podStartMs: 100, failing: ["nginx:nope"] });
    runtime.apply(lease, twoReplicaGroup("nginx:nope"), 0);
    const events = runtime.events(lease, provider, [], 1000)!;
    // Both pods start together, so their events interleave in time order.
    expect(events.map((e) => e.reason)).toEqual([
      "ScalingReplicaSet",
      ...["Scheduled", "Pulling", "Scheduled", "Pulling"],
      ...["Failed", "Failed", "Failed", "Failed"],
      ...["BackOff", "Failed", "BackOff", "Failed"],
    ]);
    expect(new Set(events.filter((e) => e.reason === "Scheduled").map((e) => e.object.name)).size).toBe(2);
    const failed = events.find((e) => e.reason === "Failed")!;
    expect(failed).toMatchObject({
      type: "Warning",
      reportingController: "kubelet",
      object: { kind: "Pod", namespace: leaseNamespace(lease, provider) },
    });
    expect(failed.note).toMatch(/^Failed to pull image "nginx:nope": rpc error: code = NotFound/);
    const healthy = runtimeWith({ podStartMs: 100 });
    healthy.apply(lease, twoReplicaGroup("nginx:1.25"), 0);
    expect(healthy.events(lease, provider, [], 50)!.map((e) => e.reason)).not.toContain("Started");
    expect(healthy.events(lease, provider, [], 100)!.map((e) => e.reason)).toContain("Started");
  });
});

describe("the deployment monitor", () => {
  const timing = {
    monitorMaxRetries: 3,
    monitorRetryMs: [10, 10] as [number, number],
    monitorHealthcheckMs: [10, 10] as [number, number],
  };

  it("closes a lease whose workload never becomes healthy as unstable, after the allowed retries", async () => {
    const runtime = runtimeWith({ podStartMs: 10, failing: ["nginx:nope"] });
    runtime.apply(lease, twoReplicaGroup("nginx:nope"), Date.now());
    const closed: [LeaseKey, number][] = [];
    const monitors = new DeploymentMonitors({
      runtime,
      timing,
      closeLease: async (l, reason) => closed.push([l, reason]),
      log: () => undefined,
    });
    monitors.watch(lease);
    await eventually("the unstable close", async () => closed.length > 0, { timeoutMs: 5_000, pollMs: 10 });
    expect(closed).toEqual([[lease, REASON_UNSTABLE]]);
    monitors.stop();
  });

  it("leaves a healthy workload alone", async () => {
    const runtime = runtimeWith({ podStartMs: 10 });
    runtime.apply(lease, twoReplicaGroup("nginx:1.25"), Date.now());
    const closed: number[] = [];
    const checks: number[] = [];
    const monitors = new DeploymentMonitors({
      runtime,
      timing,
      closeLease: async (_l, reason) => closed.push(reason),
      log: () => undefined,
      now: () => {
        checks.push(Date.now());
        return Date.now();
      },
    });
    monitors.watch(lease);
    // Well past 3 retries' worth of checks.
    await eventually("ten health checks", async () => checks.length >= 10, { timeoutMs: 5_000, pollMs: 10 });
    monitors.stop();
    expect(closed).toEqual([]);
  });
});

describe("control-API settings", () => {
  it("parses software, images.failing, rolloutMs and hashLagMs per provider, with the offending field on error", () => {
    const plan = parseFaultPlan({
      providers: {
        "*": { images: { failing: ["nginx:nope"] }, rolloutMs: 6000, bidding: true },
        akash1x: { hashLagMs: 4000, software: "upgraded" },
      },
    });
    expect(JSON.parse(JSON.stringify(plan))).toEqual({
      providers: {
        "*": { images: { failing: ["nginx:nope"] }, rolloutMs: 6000, bidding: true },
        akash1x: { hashLagMs: 4000, software: "upgraded" },
      },
    });
    const bad = (value: unknown) => () => parseFaultPlan({ providers: { "*": value } });
    expect(bad({ software: "v9" })).toThrow('providers["*"].software must be one of: released, upgraded');
    expect(bad({ images: { failing: "nginx" } })).toThrow('providers["*"].images.failing must be a list');
    expect(bad({ images: { broken: [] } })).toThrow('unknown field providers["*"].images.broken');
    expect(bad({ rolloutMs: -1 })).toThrow(FaultPlanError);
    expect(bad({ hashLagMs: 1.5 })).toThrow(
      'providers["*"].hashLagMs must be a whole number of milliseconds',
    );
    expect(bad({ rollout: 5 })).toThrow('unknown field providers["*"].rollout');
  });

  it("an address entry overrides the * entry field by field, combined with the provider faults", () => {
    const faults = new LocalnetFaults();
    faults.set({ providers: { "*": { rolloutMs: 6000, images: { failing: ["a:1"] }, bidding: false } } });
    faults.set({ providers: { akash1x: { hashLagMs: 4000, images: { failing: ["b:1"] } } } });
    expect(faults.behaviour("akash1x")).toEqual({
      rolloutMs: 6000,
      hashLagMs: 4000,
      images: { failing: ["b:1"] },
    });
    expect(faults.behaviour("akash1y")).toEqual({ rolloutMs: 6000, images: { failing: ["a:1"] } });
    expect(faults.biddingEnabled("akash1x")).toBe(false);
  });
});
