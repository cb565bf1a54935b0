/**
 * The faults control surface, exercised through real clients: cosmjs StargateClient / SigningStargateClient
 * against the RPC, plain HTTPS against the gateways, and the control API over HTTP (as curl would use it).
 */
import { request } from "node:https";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { GasPrice, SigningStargateClient, StargateClient, TimeoutError } from "@cosmjs/stargate";
import type { Localnet } from "../../../src/localnet/network";
import { localnetKeys } from "../../../src/localnet/keys";
import { FaultPlanError } from "../../../src/localnet/faults/fault-plan";
import { Tenant, gateway } from "../provider/tenant";
import { eventually } from "../../support/eventually";
import { startTempLocalnet, type TempLocalnet } from "../../support/temp-localnet";
import { webSdl } from "../../support/web-sdl";
import { blocksPass } from "../../support/blocks-pass";

const BLOCK_MS = 100;
const SDL = webSdl({ image: "nginx:1.25" });

/** A control API answer: a fault plan, stats, a close-lease result or `{ error }` (loosely typed on purpose). */
type ControlAnswer = Record<string, unknown> & {
  error?: string;
  transactionHash?: string;
  localnetProviders?: { total: number };
};

let localnet: TempLocalnet;
let net: Localnet;
let tenant: Tenant;
let reader: StargateClient;
let nextDseq = 500;
const dseq = () => String(nextDseq++);

async function control(
  path: string,
  method = "GET",
  body?: unknown,
): Promise<{ status: number; json: ControlAnswer }> {
  const res = await fetch(`${net.node}/_localnet/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as ControlAnswer };
}

beforeAll(async () => {
  localnet = await startTempLocalnet(
    // No reclamation window in bids: a v2.1 lease with one cannot be closed by its provider before reclamation.
    { blockTimeMs: BLOCK_MS, providers: 2, providerTiming: { bidDelayMs: [20, 80], reclamationWindowMs: 0 } },
    "akash-localnet-faults-",
  );
  net = localnet.net;
  tenant = await Tenant.connect(net.node, net.mnemonic, 50);
  reader = await StargateClient.connect(net.node);
});

afterEach(async () => {
  await control("faults", "DELETE");
});

afterAll(async () => {
  reader?.disconnect();
  tenant?.client.disconnect();
  await localnet?.stop();
});

describe("control API", () => {
  it("adds, shows and clears faults, and rejects invalid plans with the offending field", async () => {
    expect(await control("faults")).toEqual({ status: 200, json: {} });
    const set = await control("faults", "POST", { blocks: { halted: false }, rpc: { latencyMs: 0 } });
    expect(set).toEqual({ status: 200, json: { blocks: { halted: false }, rpc: { latencyMs: 0 } } });
    const typo = await control("faults", "POST", { rpc: { latency: 100 } });
    expect(typo.status).toBe(400);
    expect(typo.json.error).toBe("unknown field rpc.latency (expected one of: latencyMs, errors)");
    const badRate = await control("faults", "POST", { txs: { drop: { rate: 2 } } });
    expect(badRate).toEqual({
      status: 400,
      json: { error: "txs.drop.rate must be a number between 0 and 1" },
    });
    expect((await control("faults", "POST", "{nope")).json.error).toBe("request body is not valid JSON");
    expect((await control("nothing")).status).toBe(404);
    expect((await control("stats", "POST")).status).toBe(405);
    expect(() => net.faults.set({ blocks: { halted: "yes" as unknown as boolean } })).toThrow(FaultPlanError);
    expect(() =>
      net.faults.set({
        providers: { "*": { gateway: { dropStreams: {} as unknown as { afterMs: number } } } },
      }),
    ).toThrow('providers["*"].gateway.dropStreams.afterMs is required');
    expect(await control("faults", "DELETE")).toEqual({ status: 200, json: {} });
  });
});

describe("RPC faults", () => {
  it("fails the next N requests with an HTTP error, then recovers", async () => {
    await control("faults", "POST", { rpc: { errors: { next: 2, status: 502 } } });
    await expect(reader.getHeight()).rejects.toThrow("Bad status on response: 502");
    await expect(reader.getHeight()).rejects.toThrow("Bad status on response: 502");
    expect(await reader.getHeight()).toBeGreaterThan(0);
    expect((await control("faults")).json).toEqual({ rpc: { errors: { next: 0, status: 502 } } });
  });

  it("limits errors to the given methods and rate", async () => {
    net.faults.set({ rpc: { errors: { rate: 1, methods: ["broadcast_tx_sync"] } } });
    // Queries still work; broadcasting fails every time.
    expect(await tenant.client.getBalance(tenant.address, "uakt")).toEqual(
      expect.objectContaining({ denom: "uakt" }),
    );
    await expect(
      // signAndBroadcastSync: cosmjs's signAndBroadcast leaks a 60 s timer when the broadcast itself fails.
      tenant.client.signAndBroadcastSync(
        tenant.address,
        [
          {
            typeUrl: "/cosmos.bank.v1beta1.MsgSend",
            value: {
              fromAddress: tenant.address,
              toAddress: localnetKeys.provider(9).address,
              amount: [{ denom: "uakt", amount: "1" }],
            },
          },
        ],
        { amount: [{ denom: "uakt", amount: "5000" }], gas: "200000" },
      ),
    ).rejects.toThrow("Bad status on response: 503");
  });

  it("adds latency to every answer", async () => {
    net.faults.set({ rpc: { latencyMs: 300 } });
    const start = Date.now();
    await reader.getHeight();
    expect(Date.now() - start).toBeGreaterThanOrEqual(290);
  });
});

describe("request stats", () => {
  it("counts outside RPC requests by method and abci_query path, apart from the providers' own", async () => {
    expect((await control("stats", "DELETE")).status).toBe(200);
    await reader.getHeight();
    await reader.getBalance(tenant.address, "uakt");
    await fetch(`${net.node}/health`);
    // The providers poll the chain every block; control API calls are not counted, so polling it is free.
    const { json } = await eventually("the providers' own requests to be counted", async () => {
      const answer = await control("stats");
      return (answer.json.localnetProviders?.total ?? 0) > 0 ? answer : undefined;
    });
    expect(json).toEqual({
      since: expect.any(String),
      total: 3,
      methods: { status: 1, abci_query: 1, health: 1 },
      abciQueryPaths: { "/cosmos.bank.v1beta1.Query/Balance": 1 },
      localnetProviders: expect.objectContaining({ total: expect.any(Number) }),
    });
    // The providers poll the chain every block; their requests are counted apart.
    expect(json.localnetProviders?.total).toBeGreaterThan(0);
    expect(net.stats().total).toBe(3);
  });
});

describe("tx and block faults", () => {
  it("drops an accepted tx: it is acknowledged but never included, and the same sequence works again", async () => {
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(net.mnemonic, { prefix: "akash" });
    const client = await SigningStargateClient.connectWithSigner(net.node, wallet, {
      gasPrice: GasPrice.fromString("0.025uakt"),
      broadcastPollIntervalMs: 50,
      broadcastTimeoutMs: 8 * BLOCK_MS,
    });
    try {
      const to = localnetKeys.provider(9).address;
      const sequence = await client.getSequence(tenant.address);
      net.faults.set({ txs: { drop: { next: 1 } } });
      const sent = client.sendTokens(tenant.address, to, [{ denom: "uakt", amount: "5" }], "auto");
      await expect(sent).rejects.toThrow(TimeoutError);
      await expect(sent).rejects.toThrow("was submitted but was not yet found on the chain");
      expect(await client.getSequence(tenant.address)).toEqual(sequence);
      const retried = await client.sendTokens(tenant.address, to, [{ denom: "uakt", amount: "5" }], "auto");
      expect(retried.code).toBe(0);
    } finally {
      client.disconnect();
    }
  });

  it("halts block production while txs still enter the mempool, and resumes", async () => {
    await control("faults", "POST", { blocks: { halted: true } });
    const halted = await reader.getHeight();
    // No block to count while halted: a plain time window (five block times) is what "stays halted" means here.
    await new Promise((r) => setTimeout(r, 5 * BLOCK_MS));
    expect(await reader.getHeight()).toBe(halted);
    const signed = await tenant.client.sign(
      tenant.address,
      [
        {
          typeUrl: "/cosmos.bank.v1beta1.MsgSend",
          value: {
            fromAddress: tenant.address,
            toAddress: localnetKeys.provider(9).address,
            amount: [{ denom: "uakt", amount: "7" }],
          },
        },
      ],
      { amount: [{ denom: "uakt", amount: "5000" }], gas: "200000" },
      "",
    );
    const { TxRaw } = await import("cosmjs-types/cosmos/tx/v1beta1/tx");
    const hash = await tenant.client.broadcastTxSync(TxRaw.encode(signed).finish());
    expect(await reader.getTx(hash)).toBeNull();
    await control("faults", "POST", { blocks: { halted: false } });
    const included = await eventually("the tx", async () => (await reader.getTx(hash)) ?? undefined, {
      timeoutMs: 5_000,
      pollMs: 50,
    });
    expect(included.code).toBe(0);
    expect(included.height).toBe(halted + 1);
  });
});

describe("provider faults", () => {
  it("stops bidding while bidding is off, and bids on the still-open order once it is back on", async () => {
    net.faults.set({ providers: { "*": { bidding: false } } });
    const d = await tenant.createDeployment(SDL, dseq());
    await blocksPass(() => reader.getHeight(), 10);
    expect(await tenant.bids(d.dseq)).toEqual([]);
    net.faults.set({ providers: { "*": { bidding: true } } });
    const bids = await eventually(
      "two bids",
      async () => {
        const found = await tenant.bids(d.dseq, "open");
        return found.length === 2 ? found : undefined;
      },
      { timeoutMs: 10_000, pollMs: 50 },
    );
    expect(bids.map((b) => b.id!.provider).sort()).toEqual(net.providers.map((p) => p.address).sort());
  });

  it("answers gateway requests of one provider with 5xx, adds latency, or never answers", async () => {
    const [first, second] = net.providers;
    await control("faults", "POST", {
      providers: { [first!.address]: { gateway: { errors: { next: 1, status: 502 } } } },
    });
    const failed = await gateway(`${first!.hostUri}/version`);
    expect(failed.status).toBe(502);
    expect(failed.body).toContain("localnet fault injection");
    expect((await gateway(`${first!.hostUri}/version`)).status).toBe(200);
    expect((await gateway(`${second!.hostUri}/version`)).status).toBe(200);

    net.faults.set({ providers: { [second!.address]: { gateway: { latencyMs: 250 } } } });
    const start = Date.now();
    expect((await gateway(`${second!.hostUri}/address`)).status).toBe(200);
    expect(Date.now() - start).toBeGreaterThanOrEqual(240);

    net.faults.set({ providers: { [second!.address]: { gateway: { timeout: true } } } });
    const outcome = await new Promise<string>((resolve) => {
      const req = request(`${second!.hostUri}/version`, {
        rejectUnauthorized: false,
        agent: false,
        timeout: 300,
      });
      req.on("timeout", () => {
        req.destroy();
        resolve("timed out");
      });
      req.on("response", (res) => resolve(`answered ${res.statusCode}`));
      req.on("error", (e) => resolve(`error ${e.message}`));
      req.end();
    });
    expect(outcome).toBe("timed out");
  });

  it("closes a lease on request: the provider sends MsgCloseBid and the lease is closed on chain", async () => {
    const d = await tenant.createDeployment(SDL, dseq());
    const bid = await eventually("a bid", async () => (await tenant.bids(d.dseq, "open"))[0], {
      timeoutMs: 10_000,
      pollMs: 50,
    });
    await tenant.createLease(bid);
    const provider = bid.id!.provider;

    const unknown = await control(`providers/${localnetKeys.provider(9).address}/close-lease`, "POST", {
      dseq: d.dseq,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toContain("no localnet provider");
    const noLease = await control(`providers/${provider}/close-lease`, "POST", { dseq: "999999" });
    expect(noLease).toEqual({
      status: 404,
      json: { error: `provider ${provider} has no active lease 999999/1/1` },
    });
    expect(
      (await control(`providers/${provider}/close-lease`, "POST", { dseq: d.dseq, reason: 5 })).status,
    ).toBe(400);

    const closed = await control(`providers/${provider}/close-lease`, "POST", {
      dseq: Number(d.dseq),
      reason: 10000,
    });
    expect(closed.status).toBe(200);
    expect(closed.json).toEqual(
      expect.objectContaining({
        code: 0,
        transactionHash: expect.any(String),
        lease: { owner: tenant.address, dseq: d.dseq, gseq: 1, oseq: 1, provider },
      }),
    );
    const tx = await reader.getTx(closed.json.transactionHash ?? "");
    expect(tx?.events.map((e) => e.type)).toContain("akash.market.v1.EventLeaseClosed");
    const [lease] = await tenant.leases(d.dseq);
    expect(lease).toEqual(expect.objectContaining({ state: 3, reason: 10000 }));
  });
});
