/**
 * Rebuilding a deployment's manifest after a lease import from what each group's provider serves: kept only when
 * it hashes to the on-chain version, so it is exactly the text `akash_deployment.x.manifest_json` renders. The
 * chain and the gateways are small in-memory implementations of the ports.
 */
import type { Chain, Deployment, Lease, LeaseId } from "../../../src/akash/ports/chain";
import { GatewayError } from "../../../src/akash/ports/errors";
import type { ProviderGateway } from "../../../src/akash/ports/provider-gateway";
import { recoverDeploymentManifest } from "../../../src/resources/lease/manifest-recovery";
import { servedManifest } from "../../../src/localnet/provider/crd-manifest";
import { decodeManifest } from "../../../src/localnet/provider/manifest";
import { PROVIDER_SOFTWARE } from "../../../src/localnet/provider/software";
import { compileSdl } from "../../../src/sdl";

const owner = "akash1owner";
const twoGroups = `---
version: "2.0"
services:
  api:
    image: api:1
    expose:
      - port: 80
        as: 80
        to:
          - global: true
  db:
    image: postgres:16
    expose:
      - port: 5432
        to:
          - service: api
profiles:
  compute:
    small:
      resources:
        cpu: { units: 0.5 }
        memory: { size: 512Mi }
        storage: { size: 1Gi }
  placement:
    east:
      pricing:
        small: { denom: uact, amount: 1000 }
    west:
      pricing:
        small: { denom: uact, amount: 1000 }
deployment:
  api:
    west: { profile: small, count: 1 }
  db:
    east: { profile: small, count: 1 }
`;
const compiled = compileSdl(twoGroups);
const served = JSON.parse(compiled.manifestJson) as { name: string }[];

function leaseOf(gseq: number, provider: string, state: Lease["state"] = "active"): Lease {
  const id: LeaseId = { owner, dseq: 7n, gseq, oseq: 1, provider, bseq: 0 };
  return { id, state, price: { denom: "uact", amount: "1" }, createdAt: 1n, closedOn: 0n, closedReason: "" };
}

function chainWith(leases: Lease[], hash = compiled.hash): Chain {
  const deployment: Deployment = {
    id: { owner, dseq: 7n },
    state: "active",
    hash,
    createdAt: 1n,
    groups: served.map((g, i) => ({
      id: { owner, dseq: 7n, gseq: i + 1 },
      name: g.name,
      state: "open",
      spec: compiled.groupSpecsGoJson[i]!,
      createdAt: 1n,
    })),
  };
  const partial: Partial<Chain> = {
    deployment: () => Promise.resolve(deployment),
    leases: () => Promise.resolve(leases),
    provider: (address) =>
      Promise.resolve({
        owner: address,
        hostUri: `https://${address}:8443`,
        attributes: [],
        info: { email: "", website: "" },
      }),
  };
  return partial as Chain;
}

/** Each provider serves the group of the lease it holds, pretty-printed (not the canonical text). */
const gateway: ProviderGateway = {
  sendManifest: () => Promise.reject(new Error("not used")),
  leaseStatus: () => Promise.reject(new Error("not used")),
  providerVersion: () => Promise.reject(new Error("not used")),
  leaseEvents: () => Promise.reject(new Error("not used")),
  leaseManifest: (provider, lease) =>
    provider.address === "akash1down"
      ? Promise.reject(new GatewayError("unreachable", "down"))
      : Promise.resolve(JSON.stringify([served[lease.gseq - 1]], null, 2)),
};

const signal = new AbortController().signal;

test("the groups served by each lease's provider make up the whole manifest, byte for byte", async () => {
  const chain = chainWith([leaseOf(2, "akash1b"), leaseOf(1, "akash1a", "closed"), leaseOf(1, "akash1a2")]);
  const recovery = await recoverDeploymentManifest(chain, gateway, leaseOf(1, "akash1a2").id, signal);
  expect(recovery).toEqual({ manifest: compiled.manifestJson });
});

test("a group without an active lease, a silent provider or another version: nothing is guessed", async () => {
  const missing = await recoverDeploymentManifest(
    chainWith([leaseOf(1, "akash1a")]),
    gateway,
    leaseOf(1, "akash1a").id,
    signal,
  );
  expect(missing).toEqual({ reason: "group 2 has no active lease" });
  const down = await recoverDeploymentManifest(
    chainWith([leaseOf(1, "akash1a"), leaseOf(2, "akash1down")]),
    gateway,
    leaseOf(1, "akash1a").id,
    signal,
  );
  expect(down.manifest).toBeUndefined();
  expect(down).toMatchObject({ reason: expect.stringContaining("did not serve the manifest") });
  const other = await recoverDeploymentManifest(
    chainWith([leaseOf(1, "akash1a"), leaseOf(2, "akash1b")], new Uint8Array(32)),
    gateway,
    leaseOf(1, "akash1a").id,
    signal,
  );
  expect(other).toMatchObject({ reason: expect.stringContaining("does not match") });
});

describe("what a real provider serves: the group rebuilt from its Manifest CRD", () => {
  const withIp = `---
version: "2.0"
endpoints:
  myip:
    kind: ip
services:
  api:
    image: api:1
    expose:
      - port: 80
        as: 80
        to:
          - global: true
            ip: myip
  worker:
    image: worker:1
profiles:
  compute:
    small:
      resources:
        cpu: { units: 0.5 }
        memory: { size: 512Mi }
        storage: { size: 1Gi }
  placement:
    west:
      pricing:
        small: { denom: uact, amount: 1000 }
deployment:
  api:
    west: { profile: small, count: 1 }
  worker:
    west: { profile: small, count: 1 }
`;
  const sdl = compileSdl(withIp);
  const dialect = PROVIDER_SOFTWARE.released.dialect;
  const group = decodeManifest(sdl.manifestJson, dialect)[0]!;
  const crdText = servedManifest(group, dialect);
  const chain = {
    deployment: () =>
      Promise.resolve({
        id: { owner, dseq: 7n },
        state: "active",
        hash: sdl.hash,
        createdAt: 1n,
        groups: [
          {
            id: { owner, dseq: 7n, gseq: 1 },
            name: "west",
            state: "open",
            spec: sdl.groupSpecsGoJson[0]!,
            createdAt: 1n,
          },
        ],
      } satisfies Deployment),
    leases: () => Promise.resolve([leaseOf(1, "akash1a")]),
    provider: (address: string) =>
      Promise.resolve({
        owner: address,
        hostUri: "https://a:8443",
        attributes: [],
        info: { email: "", website: "" },
      }),
  } as Partial<Chain> as Chain;
  const crdGateway: ProviderGateway = { ...gateway, leaseManifest: () => Promise.resolve(crdText) };

  test("its endpoints are null, unlike what was sent", () => {
    const services = (
      JSON.parse(crdText) as { services: { resources: { endpoints: unknown }; expose: unknown }[] }[]
    )[0]!.services;
    expect(services.map((s) => s.resources.endpoints)).toEqual([null, null]);
    expect(crdText).not.toBe(sdl.manifestJson);
  });

  test("the endpoints (a leased IP too) come back from the on-chain group spec, and the hash matches", async () => {
    const recovery = await recoverDeploymentManifest(chain, crdGateway, leaseOf(1, "akash1a").id, signal);
    expect(recovery).toEqual({ manifest: sdl.manifestJson });
    expect(sdl.manifestJson).toContain('"kind":2');
  });
});
