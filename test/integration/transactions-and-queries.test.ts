/**
 * The transaction engine and the query coalescer against a real localnet: many concurrent submissions without
 * sequence errors in few blocks, per-message errors inside a batch, actionable chain errors, O(1) refresh reads,
 * and node failover.
 */
import { createCosmosChain, type CosmosChain } from "../../src/akash/adapters/cosmos/cosmos-chain";
import { mnemonicSigner } from "../../src/akash/adapters/cosmos/mnemonic-signer";
import type { ChainMessage } from "../../src/akash/ports/chain";
import { ChainError } from "../../src/akash/ports/errors";
import type { Signer } from "../../src/akash/ports/signer";
import { compileSdl } from "../../src/sdl";
import { startTestLocalnet, webSdl, type TestLocalnet } from "./support/localnet";
import { eventually } from "../support/eventually";

let ln: TestLocalnet;
let signer: Signer;
let chain: CosmosChain;
let nextDseq = 1_000n;

const sdl = compileSdl(webSdl());

function createDeployment(owner: string, deposit = 1_000_000n, groups = sdl.groupSpecsGoJson): ChainMessage {
  return {
    kind: "createDeployment",
    owner,
    dseq: nextDseq++,
    groups,
    hash: sdl.hash,
    deposit: { denom: "uact", amount: deposit },
  };
}

async function errorOf(promise: Promise<unknown>): Promise<ChainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChainError);
  return error as ChainError;
}

beforeAll(async () => {
  ln = await startTestLocalnet(1);
  signer = await mnemonicSigner(ln.net.mnemonic);
  chain = await createCosmosChain({ nodes: [ln.net.node], signer, pollIntervalMs: 100, batchWindowMs: 50 });
});

afterAll(async () => {
  await chain?.close();
  await ln?.stop();
});

test("20 concurrent submissions: no sequence errors, a handful of transactions and blocks", async () => {
  const before = chain.broadcastCount;
  const results = await Promise.all(
    Array.from({ length: 20 }, () => chain.transactions!.submit(createDeployment(ln.net.address))),
  );
  const heights = new Set(results.map((r) => r.height));
  expect(heights.size).toBeLessThanOrEqual(3);
  expect(chain.broadcastCount - before).toBeLessThanOrEqual(3);
  for (const r of results) {
    expect(r.events.filter((e) => e.type === "akash.deployment.v1.EventDeploymentCreated")).toHaveLength(1);
  }
  const created = await chain.deployments(ln.net.address, { state: "active" });
  expect(created.length).toBeGreaterThanOrEqual(20);
});

test("a bad message in a batch gets its own error; the others still land", async () => {
  const good = Array.from({ length: 4 }, () => createDeployment(ln.net.address));
  const bad = createDeployment(ln.net.address, 100n);
  const outcomes = await Promise.allSettled([
    ...good.slice(0, 2).map((m) => chain.transactions!.submit(m)),
    chain.transactions!.submit(bad),
    ...good.slice(2).map((m) => chain.transactions!.submit(m)),
  ]);
  expect(outcomes.map((o) => o.status)).toEqual([
    "fulfilled",
    "fulfilled",
    "rejected",
    "fulfilled",
    "fulfilled",
  ]);
  // The innocent messages still travelled together, in one transaction.
  const hashes = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value.txHash] : []));
  expect(new Set(hashes).size).toBe(1);
  const error = (outcomes[2] as PromiseRejectedResult).reason as ChainError;
  expect(error.code).toBe("deposit-too-low");
  expect(error.message).toContain("500000uact");
  expect(error.message).toContain("Increase the deployment's deposit");
});

test("a too-small deposit is explained with the chain minimum", async () => {
  const error = await errorOf(chain.transactions!.submit(createDeployment(ln.net.address, 1_000n)));
  expect(error.code).toBe("deposit-too-low");
  expect(error.message).toBe(
    "The deposit 1000uact is below the chain's minimum of 500000uact (0.5 ACT). Increase the deployment's deposit " +
      "to at least 500000uact.",
  );
});

test("uakt pricing is explained as: use uact", async () => {
  const uakt = compileSdl(webSdl({ denom: "uakt" }));
  const error = await errorOf(
    chain.transactions!.submit({
      kind: "createDeployment",
      owner: ln.net.address,
      dseq: nextDseq++,
      groups: uakt.groupSpecsGoJson,
      hash: uakt.hash,
      deposit: { denom: "uakt", amount: 5_000_000n },
    }),
  );
  expect(error.code).toBe("unsupported-denom");
  expect(error.message).toMatch(/uact/);
});

test("messages that another account must sign are refused locally", async () => {
  const error = await errorOf(chain.transactions!.submit(createDeployment(ln.net.providers[0]!.address)));
  expect(error.code).toBe("unauthorized");
});

test("refreshing many deployments and leases costs O(1) RPC requests", async () => {
  const reader = await createCosmosChain({ nodes: [ln.net.node] });
  const mine = await chain.deployments(ln.net.address);
  const dseqs = mine.slice(0, 20).map((d) => d.id.dseq);
  expect(dseqs).toHaveLength(20);
  const before = reader.rpcRequestCount;
  // Like `terraform refresh -parallelism=10`: two waves of ten resources, each reading its deployment and leases.
  for (const wave of [dseqs.slice(0, 10), dseqs.slice(10)]) {
    await Promise.all(
      wave.map(async (dseq) => {
        const d = await reader.deployment(ln.net.address, dseq);
        expect(d?.id.dseq).toBe(dseq);
        await reader.leases(ln.net.address, { dseq });
      }),
    );
  }
  expect(reader.rpcRequestCount - before).toBeLessThanOrEqual(4);
  expect(await reader.deployment(ln.net.address, 999_999_999n)).toBeUndefined();
});

test("fails over to the next node, and names every node when none answers", async () => {
  const dead = "http://127.0.0.1:9";
  const failover = await createCosmosChain({ nodes: [dead, ln.net.node] });
  expect(await failover.chainId()).toBe(ln.net.chainId);
  const none = await createCosmosChain({ nodes: [dead, "http://127.0.0.1:1"] });
  const error = await errorOf(none.latestHeight());
  expect(error.code).toBe("unreachable");
  expect(error.message).toContain("http://127.0.0.1:9");
  expect(error.message).toContain("http://127.0.0.1:1");
});

test("a wrong chain_id is refused before signing", async () => {
  const wrong = await createCosmosChain({ nodes: [ln.net.node], signer, chainId: "akashnet-2" });
  const error = await errorOf(wrong.transactions!.submit(createDeployment(ln.net.address)));
  expect(error.code).toBe("wrong-chain");
  expect(error.message).toContain(ln.net.chainId);
});

test("20 deployments with leases: all create and lease transactions land in at most 6 blocks", async () => {
  const owner = ln.net.address;
  const heights = new Set<bigint>();
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      const message = createDeployment(owner);
      const created = await chain.transactions!.submit(message);
      heights.add(created.height);
      const dseq = (message as { dseq: bigint }).dseq;
      const bid = await eventually(
        `an open bid on ${dseq}`,
        async () => (await chain.bids(owner, dseq, { state: "open" }))[0],
        { timeoutMs: 30_000, pollMs: 100 },
      );
      expect(bid).toBeDefined();
      const leased = await chain.transactions!.submit({ kind: "createLease", bid: bid!.id });
      heights.add(leased.height);
    }),
  );
  expect(heights.size).toBeLessThanOrEqual(6);
  expect((await chain.leases(owner, { state: "active" })).length).toBeGreaterThanOrEqual(20);
});
