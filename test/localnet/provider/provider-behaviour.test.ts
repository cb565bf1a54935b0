/**
 * Localnet providers that behave like real ones, driven by real clients: the chain adapter (cosmjs) for
 * transactions, our ProviderGatewayClient over HTTPS/WebSockets, raw TLS and HTTPS where the exact wire answer is
 * the point, and the control API for the settings (software version, failing images, rollouts, hash lag).
 */
import { connect } from "node:tls";
import { X509Certificate } from "node:crypto";
import { certificateManager } from "@akashnetwork/chain-sdk";
import { createCosmosChain, type CosmosChain } from "../../../src/akash/adapters/cosmos/cosmos-chain";
import { mnemonicSigner } from "../../../src/akash/adapters/cosmos/mnemonic-signer";
import { ProviderGatewayClient } from "../../../src/akash/adapters/gateway/provider-gateway-client";
import type { LeaseId } from "../../../src/akash/ports/chain";
import { GatewayError, isGatewayError } from "../../../src/akash/ports/errors";
import { manifestFieldIssues } from "../../../src/akash/ports/manifest-compatibility";
import type { ProviderEndpoint } from "../../../src/akash/ports/provider-gateway";
import { compileSdl } from "../../../src/sdl";
import type { Localnet } from "../../../src/localnet/network";
import { localnetKeys } from "../../../src/localnet/keys";
import { eventually } from "../../support/eventually";
import { startTempLocalnet, type TempLocalnet } from "../../support/temp-localnet";
import { webSdl } from "../../support/web-sdl";
import { gateway as https, Tenant } from "./tenant";

const BLOCK_MS = 100;

let localnet: TempLocalnet;
let net: Localnet;
let chain: CosmosChain;
let client: ProviderGatewayClient;
let tenant: Tenant;
let provider: ProviderEndpoint;
let nextDseq = 7000n;

const certificatesOf = async (owner: string) =>
  (await chain.certificates(owner, { state: "valid" })).map((c) => c.certPem);

beforeAll(async () => {
  localnet = await startTempLocalnet(
    {
      blockTimeMs: BLOCK_MS,
      providers: 2,
      providerTiming: {
        bidDelayMs: [20, 80],
        podStartMs: 300,
        // Long enough for the rollouts below, short enough for a failing image to be given up in seconds.
        monitorMaxRetries: 15,
        monitorRetryMs: [200, 100],
        monitorHealthcheckMs: [200, 50],
        // No reclamation window: the provider may close a lease at once (chain v2.1 makes it reclaim first).
        reclamationWindowMs: 0,
      },
    },
    "akash-localnet-behaviour-",
  );
  net = localnet.net;
  chain = await createCosmosChain({
    nodes: [net.node],
    mnemonic: net.mnemonic,
    pollIntervalMs: 50,
    batchWindowMs: 20,
  });
  client = new ProviderGatewayClient({
    signer: await mnemonicSigner(net.mnemonic),
    certificates: certificatesOf,
    retryIntervalMs: 100,
  });
  tenant = await Tenant.connect(net.node, net.mnemonic, 50);
  // Provider 0 serves us-west; its gateway certificate reaches the chain in its first blocks.
  provider = { hostUri: net.providers[0]!.hostUri, address: net.providers[0]!.address };
  await eventually(
    "provider 0's certificate on chain",
    async () => (await certificatesOf(provider.address)).length > 0,
    {
      timeoutMs: 10_000,
      pollMs: 50,
    },
  );
});

afterEach(() => net.faults.clear());

afterAll(async () => {
  tenant?.client.disconnect();
  await chain?.close();
  await localnet?.stop();
});

/** Deploys the SDL, waits for provider 0's bid and leases it. */
async function leased(sdlText: string) {
  const sdl = compileSdl(sdlText);
  const dseq = nextDseq++;
  const owner = net.address;
  await chain.transactions!.submit({
    kind: "createDeployment",
    owner,
    dseq,
    groups: sdl.groupSpecsGoJson,
    hash: sdl.hash,
    deposit: { denom: "uact", amount: 5_000_000n },
  });
  const bid = await eventually(
    "provider 0's bid",
    async () =>
      (await chain.bids(owner, dseq, { state: "open" })).find((b) => b.id.provider === provider.address),
    { timeoutMs: 10_000, pollMs: 50 },
  );
  await chain.transactions!.submit({ kind: "createLease", bid: bid.id });
  const lease: LeaseId = { ...bid.id };
  return { sdl, dseq, lease };
}

async function update(dseq: bigint, sdlText: string) {
  const sdl = compileSdl(sdlText);
  await chain.transactions!.submit({ kind: "updateDeployment", owner: net.address, dseq, hash: sdl.hash });
  return sdl;
}

const usWest = (opts: Parameters<typeof webSdl>[0] = {}) => webSdl({ region: "us-west", ...opts });

/** A v2.1 SDL whose ingress sets http_options.proxy_buffer_size (a 2026 field). */
const withProxyBuffer = usWest({ image: "nginx:1.25" })
  .replace('version: "2.0"', 'version: "2.1"')
  .replace(
    "          - global: true",
    "          - global: true\n        http_options:\n          proxy_buffer_size: 65536",
  );

describe("provider software version", () => {
  it("reports today's release at GET /version, and rejects a 2026 field after the lease is paid for", async () => {
    const version = await client.providerVersion(provider);
    expect(version).toMatchObject({
      version: "v0.14.1-rc1",
      manifest: { chainSdkGo: "v0.2.16", proxyBufferSize: "dropped", tee: "dropped" },
    });
    const { sdl, dseq } = await leased(withProxyBuffer);
    // The pure check predicts what the provider does.
    expect(manifestFieldIssues(sdl.manifestJson, version.manifest).map((i) => i.field)).toEqual([
      "proxyBufferSize",
    ]);
    const refused = await client.sendManifest(provider, dseq, sdl.manifestJson).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: "invalid-manifest",
      status: 422,
      detail: "manifest version validation failed",
    });

    // The same provider upgraded knows the field: the manifest hashes as the deployment's.
    net.faults.set({ providers: { [provider.address]: { software: "upgraded" } } });
    const upgraded = await client.providerVersion(provider);
    expect(upgraded.manifest).toMatchObject({ proxyBufferSize: "kept", tee: "kept" });
    expect(manifestFieldIssues(sdl.manifestJson, upgraded.manifest)).toEqual([]);
    await client.sendManifest(provider, dseq, sdl.manifestJson);
  });
});

describe("workload health", () => {
  it("a failing image: status unavailable, kube events say why, the provider closes the lease as unstable", async () => {
    net.faults.set({ providers: { "*": { images: { failing: ["nginx:does-not-exist"] } } } });
    const { sdl, dseq, lease } = await leased(usWest({ image: "nginx:does-not-exist" }));
    await client.sendManifest(provider, dseq, sdl.manifestJson);
    const status = await client.leaseStatus(provider, lease);
    expect(status.services.web).toMatchObject({
      available: 0,
      total: 1,
      updatedReplicas: 1,
      observedGeneration: 1,
    });
    const events = await client.leaseEvents(provider, lease);
    expect(events).toContainEqual(
      expect.objectContaining({
        type: "Warning",
        reason: "Failed",
        note: expect.stringContaining('Failed to pull image "nginx:does-not-exist"'),
        object: expect.objectContaining({ kind: "Pod", name: expect.stringMatching(/^web-/) }),
      }),
    );
    expect(events.map((e) => e.reason)).toContain("BackOff");
    const closed = await eventually(
      "the lease to close",
      async () => (await chain.leases(net.address, { dseq })).find((l) => l.state === "closed"),
      // 40 checks, each after the scaled 4 s plus up to the scaled 15 s of jitter: 6-30 s at this block time.
      { timeoutMs: 45_000, pollMs: 100 },
    );
    expect(closed.closedReason).toBe("lease_closed_reason_unstable");
  });

  it("rolloutMs: an update is accepted at once; the old generation stays available until the new pods are", async () => {
    const before = usWest({ image: "nginx:1.25", count: 2 });
    const { sdl, dseq, lease } = await leased(before);
    await client.sendManifest(provider, dseq, sdl.manifestJson);
    await eventually(
      "two replicas",
      async () => (await client.leaseStatus(provider, lease)).services.web?.available === 2,
      {
        timeoutMs: 10_000,
        pollMs: 50,
      },
    );
    net.faults.set({ providers: { "*": { rolloutMs: 1000 } } });
    const next = await update(dseq, usWest({ image: "nginx:1.27", count: 2 }));
    const sentAt = Date.now();
    await client.sendManifest(provider, dseq, next.manifestJson);
    expect(Date.now() - sentAt).toBeLessThan(1000);
    const rolling = (await client.leaseStatus(provider, lease)).services.web!;
    expect(rolling).toMatchObject({ observedGeneration: 2, replicas: 2, updatedReplicas: 1, available: 1 });
    const done = await eventually(
      "the rollout to finish",
      async () => {
        const web = (await client.leaseStatus(provider, lease)).services.web!;
        return web.updatedReplicas === 2 && web.available === 2 ? web : undefined;
      },
      { timeoutMs: 10_000, pollMs: 100 },
    );
    expect(done.observedGeneration).toBe(2);
    // One pod after the other: two start times.
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(2000);
  });
});

describe("hash lag after MsgUpdateDeployment", () => {
  it("answers 422 for the lag; sendManifest afterUpdate waits and retries through it; other 422s are final", async () => {
    net.faults.set({ providers: { "*": { hashLagMs: 4000 } } });
    const { sdl, dseq } = await leased(usWest({ image: "nginx:1.25" }));
    await client.sendManifest(provider, dseq, sdl.manifestJson);
    const next = await update(dseq, usWest({ image: "nginx:1.26" }));
    const updatedAt = Date.now();
    const token = await tenant.token();
    const raw = await https(`${provider.hostUri}/deployment/${dseq}/manifest`, {
      method: "PUT",
      token,
      body: next.manifestJson,
    });
    expect({ status: raw.status, body: raw.body }).toEqual({
      status: 422,
      body: "manifest version validation failed\n",
    });
    // Without afterUpdate the 422 is final.
    await expect(client.sendManifest(provider, dseq, next.manifestJson)).rejects.toMatchObject({
      code: "invalid-manifest",
    });
    await client.sendManifest(provider, dseq, next.manifestJson, {
      afterUpdate: { initialWaitMs: 200, retryForMs: 5_000 },
    });
    expect(Date.now() - updatedAt).toBeGreaterThanOrEqual(3800);
    // A manifest that is simply wrong is not retried, and its text passes through.
    const wrong = JSON.parse(next.manifestJson) as { services: { name: string }[] }[];
    wrong[0]!.services[0]!.name = "Web";
    const started = Date.now();
    const error = await client
      .sendManifest(provider, dseq, JSON.stringify(wrong), {
        afterUpdate: { initialWaitMs: 0, retryForMs: 5_000 },
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid-manifest", status: 422 });
    expect((error as GatewayError).detail).toBe('invalid manifest: service "Web" name is invalid');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("manifest recovery", () => {
  it("GET manifest returns the CRD round trip: endpoints null", async () => {
    const { sdl, dseq, lease } = await leased(usWest({ tcpPort: 5432 }));
    await client.sendManifest(provider, dseq, sdl.manifestJson);
    const served = JSON.parse(await client.leaseManifest(provider, lease)) as {
      services: { resources: { endpoints: unknown } }[];
    }[];
    expect(served[0]!.services[0]!.resources.endpoints).toBeNull();
    expect(
      (JSON.parse(sdl.manifestJson) as typeof served)[0]!.services[0]!.resources.endpoints,
    ).not.toBeNull();
  });
});

describe("authentication", () => {
  it("a client certificate the chain does not know fails the TLS handshake with bad_certificate", async () => {
    const { sdl, dseq, lease } = await leased(usWest());
    await client.sendManifest(provider, dseq, sdl.manifestJson);
    const pem = await certificateManager.generatePEM(net.address);
    const alert = await new Promise<string>((resolve) => {
      const url = new URL(provider.hostUri);
      const socket = connect({
        host: url.hostname,
        port: Number(url.port),
        cert: pem.cert,
        key: pem.privateKey,
        rejectUnauthorized: false,
      });
      socket.on("secureConnect", () => socket.write("GET /version HTTP/1.1\r\nhost: x\r\n\r\n"));
      socket.on("data", () => resolve("answered"));
      socket.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    // OpenSSL 3.0 (Node 20) names it SSLV3_ALERT_BAD_CERTIFICATE, OpenSSL 3.5 (Node 22+) SSL/TLS_ALERT_BAD_CERTIFICATE.
    expect(alert).toMatch(/^ERR_SSL_(SSLV3|SSL\/TLS)_ALERT_BAD_CERTIFICATE$/);

    const mtls = new ProviderGatewayClient({
      signer: await mnemonicSigner(net.mnemonic),
      certificates: certificatesOf,
      clientCertificate: { certPem: pem.cert, keyPem: pem.privateKey },
      retryIntervalMs: 100,
    });
    const started = Date.now();
    const refused = await mtls.sendManifest(provider, dseq, sdl.manifestJson).catch((e: unknown) => e);
    expect(isGatewayError(refused, "client-certificate-rejected")).toBe(true);
    expect((refused as Error).message).toContain("the provider did not accept the client certificate");
    expect(Date.now() - started).toBeLessThan(2_000);

    // Published on chain, the same certificate authenticates the owner.
    await chain.transactions!.submit({
      kind: "createCertificate",
      owner: net.address,
      certPem: pem.cert,
      pubkeyPem: pem.publicKey,
    });
    expect((await mtls.leaseStatus(provider, lease)).services.web).toBeDefined();
    const serial = BigInt(`0x${new X509Certificate(pem.cert).serialNumber}`).toString(10);
    await chain.transactions!.submit({ kind: "revokeCertificate", owner: net.address, serial });
    await expect(mtls.leaseStatus(provider, lease)).rejects.toMatchObject({
      code: "client-certificate-rejected",
    });
  });

  it("failures get the router's and manifest manager's status codes", async () => {
    const { sdl, dseq } = await leased(usWest());
    const put = (token: string) =>
      https(`${provider.hostUri}/deployment/${dseq}/manifest`, {
        method: "PUT",
        token,
        body: sdl.manifestJson,
      });
    // Another account's valid token: its own deployment (owner, dseq) does not exist, which the manager reports
    // as the node's query error (500), before looking at the manifest.
    const other = await Tenant.connect(net.node, localnetKeys.provider(1).mnemonic, 50);
    try {
      const foreign = await put(await other.token());
      expect({ status: foreign.status, body: foreign.body }).toEqual({
        status: 500,
        body: "rpc error: code = NotFound desc = Deployment not found\n",
      });
      const status = await https(`${provider.hostUri}/lease/${dseq}/1/1/status`, {
        token: await other.token(),
      });
      expect(status.status).toBe(404);
      const otherClient = new ProviderGatewayClient({
        signer: await mnemonicSigner(localnetKeys.provider(1).mnemonic),
        certificates: certificatesOf,
      });
      await expect(otherClient.sendManifest(provider, dseq, sdl.manifestJson)).rejects.toMatchObject({
        code: "unauthorized",
        status: 500,
        message: expect.stringContaining("must be the deployment's owner"),
      });
    } finally {
      other.client.disconnect();
    }
    // A token for another provider only, and no credentials at all: 401 from the router.
    const elsewhere = await tenant.token({
      leases: {
        access: "granular",
        permissions: [{ provider: net.providers[1]!.address, access: "full" }],
      },
    });
    expect((await put(elsewhere)).json()).toEqual({ message: "unauthorized access" });
    const none = await https(`${provider.hostUri}/deployment/${dseq}/manifest`, {
      method: "PUT",
      body: "[]",
    });
    expect(none.status).toBe(401);
  });
});

describe("provider certificate trust", () => {
  it("refuses a provider whose certificate is not on chain, unless trust is opted into", async () => {
    const signer = await mnemonicSigner(net.mnemonic);
    const strict = new ProviderGatewayClient({ signer, certificates: async () => [] });
    const error = await strict.providerVersion(provider).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "untrusted-certificate" });
    expect((error as Error).message).toContain("has no valid certificate on chain");
    const lenient = new ProviderGatewayClient({
      signer,
      certificates: async () => [],
      trustProvidersWithoutCertificate: true,
    });
    expect((await lenient.providerVersion(provider)).version).toBe("v0.14.1-rc1");
  });
});
