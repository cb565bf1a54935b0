import type { Localnet } from "../../../src/localnet/network";
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { localnetKeys } from "../../../src/localnet/keys";
import { Tenant, gateway } from "./tenant";
import { eventually } from "../../support/eventually";
import { startTempLocalnet, type TempLocalnet } from "../../support/temp-localnet";
import { blocksPass } from "../../support/blocks-pass";

const BLOCK_MS = 100;
const WEB_SDL = (
  opts: {
    region?: string;
    amount?: number;
    image?: string;
    gpu?: boolean;
    cpu?: number;
    memory?: string;
  } = {},
) => `
version: "2.0"
services:
  web:
    image: ${opts.image ?? "nginx:1.25"}
    expose:
      - port: 80
        as: 80
        to:
          - global: true
      - port: 5432
        to:
          - global: true
profiles:
  compute:
    web:
      resources:
        cpu:
          units: ${opts.cpu ?? 0.5}
        memory:
          size: ${opts.memory ?? "512Mi"}
        storage:
          size: 1Gi${
            opts.gpu
              ? `
        gpu:
          units: 1
          attributes:
            vendor:
              nvidia:
                - model: a100`
              : ""
          }
  placement:
    dc:${opts.region ? `\n      attributes:\n        region: ${opts.region}` : ""}
      pricing:
        web:
          denom: uact
          amount: ${opts.amount ?? 1000}
deployment:
  web:
    dc:
      profile: web
      count: 2
`;

let localnet: TempLocalnet;
let net: Localnet;
let tenant: Tenant;
let nextDseq = 1000;
const dseq = () => String(nextDseq++);

beforeAll(async () => {
  localnet = await startTempLocalnet(
    {
      blockTimeMs: BLOCK_MS,
      providers: 3,
      providerTiming: {
        bidDelayMs: [20, 120],
        bidTimeoutMs: 4_000,
        manifestTimeoutMs: 4_000,
        fundsCheckIntervalMs: 300,
        // No reclamation window: with one, v2.1 refuses a manifest-timeout close until reclamation has run.
        reclamationWindowMs: 0,
      },
    },
    "akash-localnet-providers-",
  );
  net = localnet.net;
  tenant = await Tenant.connect(net.node, net.mnemonic, 50);
});

afterAll(async () => {
  await localnet?.stop();
});

describe("localnet providers", () => {
  it("bid on open orders they can serve, at most the order price, and serve the manifest after a lease", async () => {
    const d = await tenant.createDeployment(WEB_SDL(), dseq());
    const bids = await eventually(
      "three bids",
      async () => {
        const found = await tenant.bids(d.dseq, "open");
        return found.length === 3 ? found : undefined;
      },
      { timeoutMs: 10_000, pollMs: 50 },
    );
    const prices = bids.map((b) => Number(b.price!.amount));
    for (const p of prices) {
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThanOrEqual(2000);
    }
    expect(new Set(prices).size).toBe(3);

    const cheapest = bids.reduce((a, b) => (Number(a.price!.amount) <= Number(b.price!.amount) ? a : b));
    const provider = net.providers.find((p) => p.address === cheapest.id!.provider)!;
    const token = await tenant.token();
    const put = (body: string, t = token) =>
      gateway(`${provider.hostUri}/deployment/${d.dseq}/manifest`, { method: "PUT", token: t, body });

    // No lease yet: the provider does not know the deployment.
    const early = await put(d.manifestBody);
    expect(early.status).toBe(404);
    expect(early.body).toBe("no lease for deployment\n");

    await tenant.createLease(cheapest);

    // A manifest that hashes differently from the on-chain hash.
    const wrong = await put(d.manifestBody.replace("nginx:1.25", "nginx:1.26"));
    expect(wrong.status).toBe(422);
    expect(wrong.body).toBe("manifest version validation failed\n");

    const t = Math.floor(Date.now() / 1000);
    const claims = {
      iss: tenant.address,
      iat: t - 120,
      nbf: t - 120,
      exp: t - 60,
      version: "v1",
      leases: { access: "full" },
    };
    const expired = await put(d.manifestBody, await tenant.rawToken(claims));
    expect(expired.status).toBe(400);
    expect(expired.json()).toEqual({ message: "JWT has invalid claims" });
    // Signed by another wallet while claiming the tenant as issuer: the chain's pubkey for the issuer rejects it.
    const other = await Secp256k1HdWallet.fromMnemonic(localnetKeys.auditor().mnemonic, { prefix: "akash" });
    const forged = await tenant.rawToken({ ...claims, exp: t + 600 }, other, localnetKeys.auditor().address);
    const [h, , sig] = forged.split(".");
    const asTenant = `${h}.${Buffer.from(JSON.stringify({ ...claims, exp: t + 600 })).toString("base64url")}.${sig}`;
    const wrongIssuer = await put(d.manifestBody, asTenant);
    expect(wrongIssuer.status).toBe(401);
    expect(wrongIssuer.json()).toEqual({ message: "JWT is invalid" });
    // A token scoped to status only may not send manifests.
    const statusOnly = await put(
      d.manifestBody,
      await tenant.token({ leases: { access: "scoped", scope: ["status"] } }),
    );
    expect(statusOnly.status).toBe(401);
    const unauthenticated = await gateway(`${provider.hostUri}/deployment/${d.dseq}/manifest`, {
      method: "PUT",
      body: d.manifestBody,
    });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.json()).toEqual({ message: "unauthorized access" });

    const ok = await put(d.manifestBody);
    expect(ok.status).toBe(200);
    expect(ok.body).toBe("");

    const leasePath = `${provider.hostUri}/lease/${d.dseq}/1/1`;
    const status = await eventually(
      "services available",
      async () => {
        const res = await gateway(`${leasePath}/status`, { token });
        const body = res.json<{ services: Record<string, { available: number; total: number }> }>();
        return body.services.web?.available === 2 ? body : undefined;
      },
      { timeoutMs: 5_000, pollMs: 50 },
    );
    const web = (
      status as unknown as {
        services: { web: { uris: string[]; total: number; observed_generation: number } };
      }
    ).services.web;
    expect(web.total).toBe(2);
    expect(web.uris[0]).toMatch(/^[a-z0-9]+\.ingress\.localnet\.akash$/);
    expect(web.observed_generation).toBe(1);
    const ports = (
      status as unknown as {
        forwarded_ports: Record<string, { port: number; externalPort: number; proto: string }[]>;
      }
    ).forwarded_ports.web;
    expect(ports).toEqual([expect.objectContaining({ port: 5432, proto: "TCP", name: "web" })]);
    expect(ports![0]!.externalPort).toBeGreaterThanOrEqual(30000);

    const manifest = await gateway(`${leasePath}/manifest`, { token });
    expect(manifest.status).toBe(200);
    expect(manifest.json<{ name: string }[]>()[0]!.name).toBe("dc");

    const service = await gateway(`${leasePath}/service/web/status`, { token });
    expect(service.json()).toEqual(expect.objectContaining({ name: "web", available: 2, total: 2 }));

    // The losing bids do not stay open.
    await eventually(
      "losing bids to leave the open state",
      async () => (await tenant.bids(d.dseq, "open")).length === 0,
      { timeoutMs: 5_000, pollMs: 50 },
    );
  });
});

async function settledBids(dseqValue: string, expected: number) {
  await eventually("bids", async () => (await tenant.bids(dseqValue)).length >= expected || undefined, {
    timeoutMs: 10_000,
    pollMs: 50,
  });
  // Give the other providers time to bid too, if they were going to.
  await blocksPass(() => tenant.client.getHeight(), 6);
  return tenant.bids(dseqValue);
}

describe("placement and pricing", () => {
  it("only matching providers bid: region, GPU model, and not above the order price", async () => {
    const eu = await tenant.createDeployment(WEB_SDL({ region: "eu-central" }), dseq());
    const gpu = await tenant.createDeployment(WEB_SDL({ gpu: true, amount: 100000 }), dseq());
    const cheap = await tenant.createDeployment(WEB_SDL({ amount: 1 }), dseq());
    const euBids = await settledBids(eu.dseq, 1);
    expect(euBids.map((b) => b.id!.provider)).toEqual([net.providers[1]!.address]);
    const gpuBids = await settledBids(gpu.dseq, 1);
    expect(gpuBids.map((b) => b.id!.provider)).toEqual([net.providers[1]!.address]);
    expect(await tenant.bids(cheap.dseq)).toEqual([]);
  });
});

describe("bursts", () => {
  it("bids on a burst of orders within a few blocks (sequence kept locally, not one bid per block)", async () => {
    const { generateManifest, generateManifestVersion } = await import("@akashnetwork/chain-sdk");
    const { load } = await import("js-yaml");
    const generated = generateManifest(
      load(WEB_SDL({ region: "ap-south" })) as Parameters<typeof generateManifest>[0],
    );
    if (!generated.ok) throw new Error("bad SDL");
    const hash = await generateManifestVersion(generated.value.groups);
    const dseqs = Array.from({ length: 6 }, () => dseq());
    const res = await tenant.client.signAndBroadcast(
      tenant.address,
      dseqs.map((d) => ({
        typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment",
        value: {
          id: { owner: tenant.address, dseq: d },
          groups: generated.value.groupSpecs,
          hash,
          deposit: { amount: { denom: "uact", amount: "5000000" }, sources: [1] },
        },
      })),
      1.6,
    );
    expect(res.code).toBe(0);
    const bids = await eventually(
      "a bid on every order",
      async () => {
        const all = (await Promise.all(dseqs.map((d) => tenant.bids(d)))).flat();
        return all.length === dseqs.length ? all : undefined;
      },
      { timeoutMs: 10_000, pollMs: 50 },
    );
    const heights = bids.map((b) => Number(b.createdAt.toString()));
    // Waiting for each bid's block before sending the next would put every bid in its own block.
    expect(new Set(heights).size).toBeLessThan(heights.length);
  });
});

describe("provider-side timeouts", () => {
  it("closes bids without a lease after the bid timeout, and a lease without a manifest (manifest_timeout)", async () => {
    const idle = await tenant.createDeployment(WEB_SDL(), dseq());
    const leased = await tenant.createDeployment(WEB_SDL(), dseq());
    const bids = await settledBids(leased.dseq, 3);
    await tenant.createLease(bids[0]!);
    // Bid state 4 = closed; lease state 3 = closed, reason 10003 = lease_closed_reason_manifest_timeout.
    await eventually(
      "idle bids to close",
      async () => {
        const all = await tenant.bids(idle.dseq);
        return all.length === 3 && all.every((b) => b.state === 4);
      },
      { timeoutMs: 12_000, pollMs: 50 },
    );
    const lease = await eventually(
      "lease to close",
      async () => (await tenant.leases(leased.dseq)).find((l) => l.state === 3),
      { timeoutMs: 12_000, pollMs: 50 },
    );
    expect(lease.reason).toBe(10003);
  });
});

describe("lease lifecycle", () => {
  it("a re-sent manifest after MsgUpdateDeployment replaces the running one; closing tears it down", async () => {
    const d = await tenant.createDeployment(WEB_SDL(), dseq());
    const [bid] = await settledBids(d.dseq, 1);
    await tenant.createLease(bid!);
    const provider = net.providers.find((p) => p.address === bid!.id!.provider)!;
    const token = await tenant.token();
    const put = (body: string) =>
      gateway(`${provider.hostUri}/deployment/${d.dseq}/manifest`, { method: "PUT", token, body });
    expect((await put(d.manifestBody)).status).toBe(200);

    const updated = WEB_SDL({ image: "nginx:1.27" });
    const { generateManifest, generateManifestVersion, manifestToSortedJSON } =
      await import("@akashnetwork/chain-sdk");
    const { load } = await import("js-yaml");
    const generated = generateManifest(load(updated) as Parameters<typeof generateManifest>[0]);
    if (!generated.ok) throw new Error("bad SDL");
    await tenant.sendOk("/akash.deployment.v1beta4.MsgUpdateDeployment", {
      id: { owner: tenant.address, dseq: d.dseq },
      hash: await generateManifestVersion(generated.value.groups),
    });
    expect((await put(d.manifestBody)).status).toBe(422);
    expect((await put(manifestToSortedJSON(generated.value.groups))).status).toBe(200);
    const status = await gateway(`${provider.hostUri}/lease/${d.dseq}/1/1/status`, { token });
    expect(
      status.json<{ services: { web: { observed_generation: number } } }>().services.web.observed_generation,
    ).toBe(2);
    const manifest = await gateway(`${provider.hostUri}/lease/${d.dseq}/1/1/manifest`, { token });
    expect(manifest.body).toContain("nginx:1.27");

    await tenant.sendOk("/akash.deployment.v1beta4.MsgCloseDeployment", {
      id: { owner: tenant.address, dseq: d.dseq },
    });
    await eventually(
      "the workload to be torn down",
      async () => (await gateway(`${provider.hostUri}/lease/${d.dseq}/1/1/status`, { token })).status === 404,
      { timeoutMs: 5_000, pollMs: 50 },
    );
  });
});

describe("gateway", () => {
  it("serves /version, /address and /status without auth, rejects a malformed auth header", async () => {
    const p = net.providers[0]!;
    expect((await gateway(`${p.hostUri}/address`)).json()).toEqual({ address: p.address });
    const version = (await gateway(`${p.hostUri}/version`)).json<{ akash: { name: string } }>();
    expect(version.akash.name).toBe("provider-services");
    const status = (await gateway(`${p.hostUri}/status`)).json<Record<string, unknown>>();
    expect(status).toEqual(
      expect.objectContaining({
        address: p.address,
        cluster: expect.objectContaining({ leases: expect.any(Number) }),
        bidengine: { orders: expect.any(Number) },
        manifest: { deployments: expect.any(Number) },
      }),
    );
    const badHeader = await gateway(`${p.hostUri}/status`, { headers: { Authorization: "Basic abc" } });
    expect(badHeader.status).toBe(400);
    expect(badHeader.json()).toEqual({ message: "invalid authorization header" });
  });

  it("streams logs over WebSocket and authenticates with on-chain mTLS certificates", async () => {
    const { WebSocket } = await import("ws");
    const { certificateManager } = await import("@akashnetwork/chain-sdk");
    const { X509Certificate } = await import("node:crypto");
    const d = await tenant.createDeployment(WEB_SDL(), dseq());
    const [bid] = await settledBids(d.dseq, 1);
    await tenant.createLease(bid!);
    const provider = net.providers.find((p) => p.address === bid!.id!.provider)!;
    const token = await tenant.token();
    const leaseUrl = `${provider.hostUri}/lease/${d.dseq}/1/1`;

    const frames = (url: string) =>
      new Promise<{ frames: unknown[]; code: number }>((resolve, reject) => {
        const ws = new WebSocket(url.replace("https://", "wss://"), {
          rejectUnauthorized: false,
          headers: { Authorization: `Bearer ${token}` },
        });
        const got: unknown[] = [];
        ws.on("message", (data) => got.push(JSON.parse(String(data))));
        ws.on("close", (code) => resolve({ frames: got, code }));
        ws.on("error", reject);
      });
    // No manifest yet: the lease is unknown to the cluster.
    expect((await frames(`${leaseUrl}/logs?follow=false`)).code).toBe(4001);
    expect(
      (
        await gateway(`${provider.hostUri}/deployment/${d.dseq}/manifest`, {
          method: "PUT",
          token,
          body: d.manifestBody,
        })
      ).status,
    ).toBe(200);
    await eventually(
      "services ready",
      async () =>
        (await gateway(`${leaseUrl}/status`, { token })).json<{ services: { web: { available: number } } }>()
          .services.web.available === 2,
      { timeoutMs: 5_000, pollMs: 50 },
    );
    const logs = await frames(`${leaseUrl}/logs?follow=false&tail=-1`);
    expect(logs.code).toBe(1000);
    expect(logs.frames.length).toBeGreaterThan(0);
    expect(logs.frames[0]).toEqual({
      name: expect.stringMatching(/^web-/),
      message: expect.stringContaining("nginx:1.25"),
    });
    const shell = await new Promise<Buffer[]>((resolve, reject) => {
      const ws = new WebSocket(
        `${leaseUrl.replace("https://", "wss://")}/shell?cmd0=ls&service=web&tty=0&stdin=0&podIndex=0`,
        {
          rejectUnauthorized: false,
          headers: { Authorization: `Bearer ${token}` },
        },
      );
      const got: Buffer[] = [];
      ws.on("message", (data) => got.push(data as Buffer));
      ws.on("close", () => resolve(got));
      ws.on("error", reject);
    });
    // Frame codes: 101 stderr, 102 result.
    expect(shell.map((f) => f[0])).toEqual([101, 102]);
    expect(JSON.parse(shell[1]!.subarray(1).toString())).toEqual({ exit_code: 127 });
    const events = await frames(`${leaseUrl}/kubeevents`);
    expect(events.frames).toContainEqual(expect.objectContaining({ reason: "Started", type: "Normal" }));

    // mTLS: a chain-sdk certificate published on chain authenticates the owner; revoked, it no longer connects.
    const pem = await certificateManager.generatePEM(tenant.address);
    await tenant.sendOk("/akash.cert.v1.MsgCreateCertificate", {
      owner: tenant.address,
      cert: Buffer.from(pem.cert),
      pubkey: Buffer.from(pem.publicKey),
    });
    const viaCert = await gateway(`${leaseUrl}/status`, { cert: pem.cert, key: pem.privateKey });
    expect(viaCert.status).toBe(200);
    const both = await gateway(`${leaseUrl}/status`, { cert: pem.cert, key: pem.privateKey, token });
    expect(both.status).toBe(400);
    expect(both.json()).toEqual({
      message: "auth: ambiguous authentication. may not use mTLS and JWT at the same time",
    });
    const serial = BigInt(`0x${new X509Certificate(pem.cert).serialNumber}`).toString(10);
    await tenant.sendOk("/akash.cert.v1.MsgRevokeCertificate", { id: { owner: tenant.address, serial } });
    await expect(gateway(`${leaseUrl}/status`, { cert: pem.cert, key: pem.privateKey })).rejects.toThrow();
  });
});

describe("escrow monitoring", () => {
  it("withdraws when the deployment's funds run out, which closes the lease for insufficient funds", async () => {
    // Two big replicas (~16,000 uact/block, only the premium provider fits them) against the 0.5 ACT minimum
    // deposit: about 30 blocks of funds.
    const d = await tenant.createDeployment(
      WEB_SDL({ amount: 200000, cpu: 60, memory: "100Gi" }),
      dseq(),
      "500000",
    );
    const bids = await settledBids(d.dseq, 1);
    const dearest = bids.reduce((a, b) => (Number(a.price!.amount) >= Number(b.price!.amount) ? a : b));
    expect(Number(dearest.price!.amount)).toBeGreaterThan(10000);
    await tenant.createLease(dearest);
    // Lease state 2 = insufficient_funds.
    const lease = await eventually(
      "the lease to close for insufficient funds",
      async () => (await tenant.leases(d.dseq)).find((l) => l.state === 2),
      { timeoutMs: 20_000, pollMs: 50 },
    );
    expect(lease.reason).toBe(20000);
  });
});
