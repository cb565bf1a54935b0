/**
 * Chain v2.1 parity through the ports against a real localnet: reclamation on deployments, bids and leases (a
 * provider key starts reclamation, the localnet provider closes the lease after the window), the oracle price and
 * an exact ACT mint from a quote, a stalled oracle's errors, and which deposit grants paid for a deposit.
 */
import { fromBech32 } from "@cosmjs/encoding";
import { createCosmosChain, type CosmosChain } from "../../src/akash/adapters/cosmos/cosmos-chain";
import type { Bid, Lease } from "../../src/akash/ports/chain";
import { ChainError } from "../../src/akash/ports/errors";
import { localnetKeys } from "../../src/localnet/keys";
import { compileSdl } from "../../src/sdl";
import { eventually } from "../support/eventually";
import { startTempLocalnet, type TempLocalnet } from "../support/temp-localnet";
import { webSdl } from "./support/localnet";

const WINDOW_SECONDS = 4;

let ln: TempLocalnet;
let tenant: CosmosChain;
let provider: CosmosChain;
let auditor: CosmosChain;

const connect = (mnemonic: string) =>
  createCosmosChain({ nodes: [ln.net.node], mnemonic, pollIntervalMs: 100, batchWindowMs: 50 });

beforeAll(async () => {
  ln = await startTempLocalnet(
    {
      blockTimeMs: 200,
      providers: 1,
      providerTiming: { bidDelayMs: [20, 80], reclamationWindowMs: WINDOW_SECONDS * 1000 },
      minReclamationWindowMs: 1000,
    },
    "akash-integration-v21-",
  );
  tenant = await connect(ln.net.mnemonic);
  provider = await connect(localnetKeys.provider(0).mnemonic);
  auditor = await connect(localnetKeys.auditor().mnemonic);
});

afterAll(async () => {
  await Promise.all([tenant?.close(), provider?.close(), auditor?.close()]);
  await ln?.stop();
});

async function createDeployment(
  chain: CosmosChain,
  options: { minWindowSeconds?: number; sources?: ("balance" | "grant")[]; uact?: bigint } = {},
) {
  const sdl = compileSdl(webSdl());
  const owner = chain.transactions!.signerAddress;
  const dseq = (await chain.latestHeight()) * 100n + BigInt(Math.floor(Math.random() * 100));
  const result = await chain.transactions!.submit({
    kind: "createDeployment",
    owner,
    dseq,
    groups: sdl.groupSpecsGoJson,
    hash: sdl.hash,
    deposit: { denom: "uact", amount: options.uact ?? 5_000_000n },
    ...(options.sources ? { sources: options.sources } : {}),
    ...(options.minWindowSeconds === undefined
      ? {}
      : { reclamation: { minWindowSeconds: options.minWindowSeconds } }),
  });
  return { owner, dseq, result };
}

test("reclamation: the deployment's minimum, the bid's window, the lease's reclamation from start to close", async () => {
  expect(await tenant.marketParams()).toMatchObject({
    minReclamationWindowSeconds: 1,
    maxReclamationWindowSeconds: 720 * 3600,
  });
  const { owner, dseq } = await createDeployment(tenant, { minWindowSeconds: 2 });
  expect((await tenant.deployment(owner, dseq))?.reclamation).toEqual({ minWindowSeconds: 2 });

  const bid: Bid = await eventually("the provider's bid", async () => (await tenant.bids(owner, dseq))[0]);
  expect(bid.reclamationWindowSeconds).toBe(WINDOW_SECONDS);
  await tenant.transactions!.submit({ kind: "createLease", bid: bid.id });
  tenant.invalidate();
  const [lease] = await tenant.leases(owner, { dseq });
  expect(lease).toMatchObject({ state: "active", reclamation: { windowSeconds: WINDOW_SECONDS } });
  expect(lease!.reclamation?.started).toBeUndefined();

  const started = await provider.transactions!.submit({ kind: "startLeaseReclaim", lease: bid.id });
  expect(started.events.map((e) => e.type)).toContain("akash.market.v1.EventLeaseReclaimStarted");
  tenant.invalidate();
  const [reclaiming] = await tenant.leases(owner, { dseq });
  expect(reclaiming).toMatchObject({
    state: "reclaiming",
    reclamation: {
      windowSeconds: WINDOW_SECONDS,
      started: { height: started.height, reason: "lease_closed_reason_decommission" },
    },
  });
  const deadline = reclaiming!.reclamation!.started!.deadline;
  const blockTime = Date.now();
  expect(Math.abs(deadline.getTime() - (blockTime + WINDOW_SECONDS * 1000))).toBeLessThan(3_000);

  await expect(
    provider.transactions!.submit({ kind: "startLeaseReclaim", lease: bid.id }),
  ).rejects.toMatchObject({
    code: "invalid-state",
    message: "The lease is not active any more: it is closed, or its provider is already reclaiming it.",
  });
  // The localnet provider closes it once the window has passed.
  const closed: Lease = await eventually(
    "the lease to close after the window",
    async () => {
      tenant.invalidate();
      const [l] = await tenant.leases(owner, { dseq });
      return l?.state === "closed" ? l : undefined;
    },
    { timeoutMs: 20_000 },
  );
  expect(closed.closedReason).toBe("lease_closed_reason_decommission");

  // A tenant minimum outside the chain's bounds is refused with a clear error.
  await expect(createDeployment(tenant, { minWindowSeconds: 0.5 })).rejects.toMatchObject({
    code: "invalid-request",
    message: expect.stringContaining("below the chain's minimum"),
  });
});

test("oracle price and ACT mint quote: burning the quoted AKT mints exactly the quoted ACT", async () => {
  ln.net.oracle.setFeed({ aktPrice: "3" });
  await eventually("the new price", async () => (await tenant.oraclePrice()).price === "3");
  expect(await tenant.oraclePrice()).toMatchObject({
    denom: "akt",
    quote: "usd",
    healthy: true,
    problems: [],
  });
  expect(await tenant.bmeParams()).toEqual({
    mintSpreadBps: 25,
    minMint: [{ denom: "uact", amount: 10_000_000n }],
    minEpochBlocks: 10,
  });
  const quote = await tenant.actMintQuote({ denom: "uact", amount: 12_345_678n });
  expect(quote).toMatchObject({ price: "3", spreadBps: 25, belowMinimum: false });
  expect(quote.receive.amount).toBeGreaterThanOrEqual(12_345_678n);
  expect((await tenant.actMintQuote({ denom: "uact", amount: 1_000n })).belowMinimum).toBe(true);

  const owner = ln.net.address;
  const before = (await tenant.balances(owner)).find((c) => c.denom === "uact")!.amount;
  await tenant.transactions!.submit({ kind: "mintAct", owner, amount: quote.burn });
  const after = await eventually(
    "the mint at the next epoch",
    async () => {
      tenant.invalidate();
      const uact = (await tenant.balances(owner)).find((c) => c.denom === "uact")!.amount;
      return uact !== before ? uact : undefined;
    },
    { timeoutMs: 20_000 },
  );
  expect(after - before).toBe(quote.receive.amount);
});

test("a stalled oracle: BME status, quotes and mints fail with 'minting is paused'", async () => {
  ln.net.oracle.setFeed({ stalled: true });
  const stalled = await eventually("the price to stall", async () => {
    const price = await tenant.oraclePrice();
    return price.healthy ? undefined : price;
  });
  expect(stalled.problems).toEqual(["insufficient price sources: 0 < 1"]);
  const paused = { code: "mint-unavailable", message: expect.stringMatching(/^ACT minting is paused/) };
  await expect(tenant.bmeStatus()).rejects.toMatchObject(paused);
  await expect(tenant.actMintQuote({ denom: "uact", amount: 20_000_000n })).rejects.toMatchObject({
    code: "mint-unavailable",
  });
  const owner = ln.net.address;
  const error = await tenant
    .transactions!.submit({ kind: "mintAct", owner, amount: { denom: "uakt", amount: 20_000_000n } })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ChainError);
  expect(error).toMatchObject(paused);
  expect((error as ChainError).detail).toContain("price stalled");

  ln.net.oracle.setFeed({ stalled: false });
  await eventually(
    "minting to resume",
    async () => (await tenant.bmeStatus().catch(() => undefined))?.mintsAllowed,
  );
});

test("deposits report which funds paid: the balance, or the grants the chain drew from in address order", async () => {
  const grantee = localnetKeys.auditor().address;
  const granters = [ln.net.address, localnetKeys.provider(0).address];
  for (const [chain, granter] of [
    [tenant, granters[0]!],
    [provider, granters[1]!],
  ] as const) {
    await chain.transactions!.submit({
      kind: "grantDepositAuthorization",
      granter,
      grantee,
      spendLimits: [{ denom: "uact", amount: 2_000_000n }],
    });
  }
  const [first, second] = [...granters].sort((a, b) =>
    Buffer.compare(Buffer.from(fromBech32(a).data), Buffer.from(fromBech32(b).data)),
  );
  const grant = (owner: string, amount: bigint) => ({
    source: "grant",
    owner,
    amount: { denom: "uact", amount },
  });

  const created = await createDeployment(auditor, { sources: ["grant"], uact: 3_000_000n });
  expect(created.result.deposits).toEqual([grant(first!, 2_000_000n), grant(second!, 1_000_000n)]);
  const topUp = await auditor.transactions!.submit({
    kind: "accountDeposit",
    signer: grantee,
    deployment: { owner: grantee, dseq: created.dseq },
    amount: { denom: "uact", amount: 1_000_000n },
    sources: ["grant"],
  });
  expect(topUp.deposits).toEqual([grant(second!, 1_000_000n)]);

  const own = await createDeployment(tenant);
  expect(own.result.deposits).toEqual([
    { source: "balance", owner: ln.net.address, amount: { denom: "uact", amount: 5_000_000n } },
  ]);
});
