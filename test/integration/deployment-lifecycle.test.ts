/**
 * The ports end to end against a real localnet: create a uact deployment, see bids, lease the cheapest, send the
 * manifest through the provider gateway with a JWT, read the lease status and logs, top up, close.
 */
import { createCosmosChain, type CosmosChain } from "../../src/akash/adapters/cosmos/cosmos-chain";
import { mnemonicSigner } from "../../src/akash/adapters/cosmos/mnemonic-signer";
import { ProviderGatewayClient } from "../../src/akash/adapters/gateway/provider-gateway-client";
import type { Bid, Provider } from "../../src/akash/ports/chain";
import { GatewayError } from "../../src/akash/ports/errors";
import { compileSdl } from "../../src/sdl";
import { eventually } from "../support/eventually";
import { startTestLocalnet, webSdl, type TestLocalnet } from "./support/localnet";

let ln: TestLocalnet;
let chain: CosmosChain;
let gateway: ProviderGatewayClient;

beforeAll(async () => {
  ln = await startTestLocalnet(3);
  const signer = await mnemonicSigner(ln.net.mnemonic);
  chain = await createCosmosChain({ nodes: [ln.net.node], signer, pollIntervalMs: 100, batchWindowMs: 50 });
  gateway = new ProviderGatewayClient({
    signer,
    certificates: async (provider) =>
      (await chain.certificates(provider, { state: "valid" })).map((c) => c.certPem),
    retryIntervalMs: 200,
  });
});

afterAll(async () => {
  await chain?.close();
  await ln?.stop();
});

test("deployment → bids → lease → manifest → status → top-up → close", async () => {
  const owner = ln.net.address;
  expect(chain.transactions?.signerAddress).toBe(owner);
  const sdl = compileSdl(webSdl());
  const dseq = await chain.latestHeight();

  const created = await chain.transactions!.submit({
    kind: "createDeployment",
    owner,
    dseq,
    groups: sdl.groupSpecsGoJson,
    hash: sdl.hash,
    deposit: { denom: "uact", amount: 5_000_000n },
  });
  expect(created.events.map((e) => e.type)).toContain("akash.deployment.v1.EventDeploymentCreated");

  const deployment = await chain.deployment(owner, dseq);
  expect(deployment?.state).toBe("active");
  expect(Buffer.from(deployment!.hash).equals(Buffer.from(sdl.hash))).toBe(true);
  expect(deployment?.groups.map((g) => [g.name, g.state])).toEqual([["dc", "open"]]);
  expect(deployment?.escrow?.funds).toEqual([{ denom: "uact", amount: "5000000" }]);

  const bids: Bid[] = await eventually(
    "bids",
    async () => {
      const open = await chain.bids(owner, dseq, { state: "open" });
      return open.length > 0 ? open : undefined;
    },
    { timeoutMs: 20_000, pollMs: 200 },
  );
  const cheapest = [...bids].sort((a, b) => Number(a.price.amount) - Number(b.price.amount))[0]!;
  expect(cheapest.price.denom).toBe("uact");

  await chain.transactions!.submit({ kind: "createLease", bid: cheapest.id });
  const [lease] = await chain.leases(owner, { dseq });
  expect(lease?.state).toBe("active");
  expect(lease?.id.provider).toBe(cheapest.id.provider);

  const provider: Provider | undefined = await chain.provider(cheapest.id.provider);
  expect(provider?.hostUri).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  const endpoint = { hostUri: provider!.hostUri, address: provider!.owner };

  await expect(gateway.leaseStatus(endpoint, lease!.id)).rejects.toMatchObject({ code: "not-found" });
  await gateway.sendManifest(endpoint, dseq, sdl.manifestJson);

  const status = await eventually(
    "services available",
    async () => {
      const s = await gateway.leaseStatus(endpoint, lease!.id);
      const web = s.services.web;
      return web && web.available === web.total && web.total > 0 ? s : undefined;
    },
    { timeoutMs: 20_000, pollMs: 200 },
  );
  expect(status.services.web?.uris.length).toBeGreaterThan(0);

  const logs = await gateway.serviceLogs(endpoint, lease!.id, { tail: 5 });
  expect(Array.isArray(logs)).toBe(true);

  await chain.transactions!.submit({
    kind: "accountDeposit",
    signer: owner,
    deployment: { owner, dseq },
    amount: { denom: "uact", amount: 1_000_000n },
  });
  const toppedUp = await chain.deployment(owner, dseq);
  expect(toppedUp?.escrow?.deposits.length).toBe(2);

  await chain.transactions!.submit({ kind: "closeDeployment", owner, dseq });
  expect((await chain.deployment(owner, dseq))?.state).toBe("closed");
  const [closedLease] = await chain.leases(owner, { dseq });
  expect(closedLease?.state).toBe("closed");
  expect(closedLease?.closedReason).toBe("lease_closed_owner");
});

test("a gateway whose certificate belongs to another provider is refused before anything is sent", async () => {
  const [a, b] = ln.net.providers;
  const wrong = { hostUri: a!.hostUri, address: b!.address };
  const lease = { owner: ln.net.address, dseq: 1n, gseq: 1, oseq: 1, provider: b!.address, bseq: 0 };
  const error = await gateway.leaseStatus(wrong, lease).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GatewayError);
  expect((error as GatewayError).code).toBe("untrusted-certificate");
});
