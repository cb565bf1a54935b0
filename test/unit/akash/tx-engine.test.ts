/**
 * The transaction engine's batching, sequence tracking, blame/retry and inclusion logic, against a fake chain
 * *transport* that behaves like a Cosmos node (sequence checks in simulate and CheckTx, per-message failures with
 * "message index", deliver-time failures, blocks).
 */
import { createHash } from "node:crypto";
import type { EncodedMessage } from "../../../src/akash/adapters/cosmos/messages";
import { TxEngine } from "../../../src/akash/adapters/cosmos/tx-engine";
import { feeFor } from "../../../src/akash/adapters/cosmos/tx-fee";
import {
  BroadcastOutcomeUnknown,
  TxRejected,
  type BroadcastParams,
  type IncludedTx,
  type TxTransport,
} from "../../../src/akash/adapters/cosmos/tx-transport";
import {
  identityMemo,
  MAX_IDENTITIES_PER_TX,
  parseIdentityMemo,
} from "../../../src/akash/ports/deployment-identity";
import { ChainError } from "../../../src/akash/ports/errors";
import { capturedLog } from "../../support/captured-log";

const label = (m: EncodedMessage) => new TextDecoder().decode(m.value);
const msg = (text: string): EncodedMessage => ({
  typeUrl: "/test.Msg",
  value: new TextEncoder().encode(text),
});

class FakeChain implements TxTransport {
  /** The sequence CheckTx expects next. */
  sequence = 0n;
  /** What an account query reports (committed state may lag behind). */
  reportedSequence: bigint | undefined;
  height = 100n;
  simulations = 0;
  broadcasts: { labels: string[]; params: BroadcastParams }[] = [];
  private readonly txs = new Map<string, IncludedTx>();
  /** Never include transactions (to test timeouts). */
  stalled = false;
  /** Lose the answer of the next broadcasts: after the node took the transaction, or before it got it. */
  lose: ("after-delivery" | "before-delivery")[] = [];
  /** Lookups fail (the node cannot be asked). */
  lookupsFail = false;
  lost = 0;
  /** The sequence of every broadcast attempt, delivered or not. */
  attempts: bigint[] = [];
  /** The hash the n-th transaction gets. */
  hashOf = (n: number) => `HASH${n}`;

  async latestHeight() {
    return ++this.height; // time passes: a block per question
  }

  async fetchAccount() {
    return { accountNumber: 7n, sequence: this.reportedSequence ?? this.sequence };
  }

  private checkSequence(sequence: bigint) {
    if (sequence !== this.sequence) {
      throw new TxRejected({
        code: 32,
        codespace: "sdk",
        log: `account sequence mismatch, expected ${this.sequence}, got ${sequence}: incorrect account sequence`,
      });
    }
  }

  async simulate(messages: EncodedMessage[], sequence: bigint): Promise<bigint> {
    this.simulations++;
    this.checkSequence(sequence);
    messages.forEach((m, i) => {
      if (label(m).startsWith("too-low")) {
        throw new TxRejected({
          code: 6,
          codespace: "sdk",
          log:
            `rpc error: code = Unknown desc = failed to execute message; message index: ${i}: Deposit too low - ` +
            "100 < 500000uact: Deposit invalid with gas used: '1234': unknown request",
        });
      }
      // A ValidateBasic failure names no message index.
      if (label(m).startsWith("invalid")) {
        throw new TxRejected({
          code: 1,
          codespace: "undefined",
          log: "error: invalid unit CPU (0 > 10 fails)",
        });
      }
    });
    return 50_000n * BigInt(messages.length);
  }

  async broadcast(messages: EncodedMessage[], params: BroadcastParams): Promise<string> {
    this.attempts.push(params.sequence);
    const lose = this.lose.shift();
    if (lose === "before-delivery") throw new BroadcastOutcomeUnknown(`LOST${++this.lost}`, "socket hang up");
    const hash = this.deliver(messages, params);
    if (lose === "after-delivery") throw new BroadcastOutcomeUnknown(hash, "socket hang up");
    return hash;
  }

  private deliver(messages: EncodedMessage[], params: BroadcastParams): string {
    this.checkSequence(params.sequence);
    this.sequence++;
    const labels = messages.map(label);
    this.broadcasts.push({ labels, params });
    const hash = this.hashOf(this.broadcasts.length);
    const guilty = labels.findIndex((l) => l.startsWith("fails-in-block"));
    this.txs.set(hash, {
      hash,
      height: ++this.height,
      code: guilty >= 0 ? 1 : 0,
      codespace: guilty >= 0 ? "undefined" : "",
      log: guilty >= 0 ? `failed to execute message; message index: ${guilty}: bid not open` : "",
      gasUsed: 1n,
      gasWanted: params.gasLimit,
      events: [
        { type: "tx", attributes: { fee: "1uakt" } },
        ...labels.map((l, i) => ({ type: "message", attributes: { action: l, msg_index: String(i) } })),
      ],
    });
    return hash;
  }

  async findTx(hash: string): Promise<IncludedTx | undefined> {
    if (this.lookupsFail) throw new ChainError("unreachable", "No Akash node answered tx.");
    return this.stalled ? undefined : this.txs.get(hash);
  }
}

function engine(chain: FakeChain, extra: Partial<ConstructorParameters<typeof TxEngine>[1]> = {}) {
  return new TxEngine(chain, {
    gasPrice: { amount: "0.025", denom: "uakt" },
    gasAdjustment: 1.5,
    batchWindowMs: 5,
    pollIntervalMs: 1,
    ...extra,
  });
}

test("concurrent submissions share one transaction; each gets only its own events", async () => {
  const chain = new FakeChain();
  const tx = engine(chain);
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => tx.submit(msg(`ok-${i}`))));
  expect(chain.broadcasts).toHaveLength(1);
  expect(new Set(results.map((r) => r.txHash))).toEqual(new Set(["HASH1"]));
  results.forEach((r, i) => {
    expect(r.events).toEqual([{ type: "message", attributes: { action: `ok-${i}` } }]);
  });
});

test("creates carry their identity in the memo: at most MAX_IDENTITIES_PER_TX of one stack share a transaction", async () => {
  const chain = new FakeChain();
  const tx = engine(chain);
  const identified = (i: number): EncodedMessage => ({
    ...msg(`create-${i}`),
    identity: { stack: "0".repeat(16), key: i.toString(16).padStart(16, "0") },
  });
  const n = MAX_IDENTITIES_PER_TX + 2;
  await Promise.all([
    ...Array.from({ length: n }, (_, i) => tx.submit(identified(i))),
    tx.submit(msg("plain")),
  ]);
  expect(chain.broadcasts.map((b) => b.labels.length)).toEqual([MAX_IDENTITIES_PER_TX, 3]);
  // Another stack's create starts a new transaction.
  const other: EncodedMessage = { ...msg("other"), identity: { stack: "1".repeat(16), key: "2".repeat(16) } };
  await Promise.all([tx.submit(identified(0)), tx.submit(other)]);
  expect(chain.broadcasts.slice(2).map((b) => b.labels)).toEqual([["create-0"], ["other"]]);
  // A create without identity never sits among identified ones (the memo's keys follow the creates' order).
  const create = (text: string, identity?: EncodedMessage["identity"]): EncodedMessage => ({
    typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment",
    value: new TextEncoder().encode(text),
    ...(identity ? { identity } : {}),
  });
  await Promise.all([
    tx.submit(create("by-hand")),
    tx.submit(create("ours", identified(1).identity)),
    tx.submit(msg("plain-2")),
  ]);
  expect(chain.broadcasts.slice(4).map((b) => b.labels)).toEqual([["by-hand"], ["ours", "plain-2"]]);
  // The memo such a transaction gets names each create in message order, and stays within 256 bytes.
  const memo = identityMemo(Array.from({ length: MAX_IDENTITIES_PER_TX }, (_, i) => identified(i).identity!));
  expect(new TextEncoder().encode(memo).length).toBeLessThanOrEqual(256);
  expect(parseIdentityMemo(memo).map((i) => i.key)).toEqual(
    Array.from({ length: MAX_IDENTITIES_PER_TX }, (_, i) => identified(i).identity!.key),
  );
  expect(memo).toBe(
    `akash-cdktf/1 stack=${"0".repeat(16)} key=${Array.from({ length: MAX_IDENTITIES_PER_TX }, (_, i) => identified(i).identity!.key).join(",")}`,
  );
  expect(parseIdentityMemo("akash-cdktf/1 stack=0000000000000000")).toEqual([]);
  expect(parseIdentityMemo("deployed by hand")).toEqual([]);
});

test("gas = simulated × adjustment, fee = gas × price rounded up", async () => {
  const chain = new FakeChain();
  await engine(chain).submit(msg("ok"));
  const { params } = chain.broadcasts[0]!;
  expect(params.gasLimit).toBe(75_000n);
  expect(params.fee).toEqual({ denom: "uakt", amount: 1875n });
  expect(feeFor(3n, { amount: "0.025", denom: "uakt" })).toEqual({ denom: "uakt", amount: 1n });
  expect(feeFor(200_001n, { amount: "0.0025", denom: "uakt" })).toEqual({ denom: "uakt", amount: 501n });
});

test("tracks the sequence itself across back-to-back transactions", async () => {
  const chain = new FakeChain();
  const tx = engine(chain, { maxMessagesPerTx: 3 });
  await Promise.all(Array.from({ length: 9 }, (_, i) => tx.submit(msg(`ok-${i}`))));
  expect(chain.broadcasts.map((b) => b.params.sequence)).toEqual([0n, 1n, 2n]);
  expect(chain.broadcasts.every((b) => b.labels.length === 3)).toBe(true);
});

test("re-syncs from the chain's expected sequence when someone else used the key", async () => {
  const chain = new FakeChain();
  const tx = engine(chain);
  await tx.submit(msg("first"));
  chain.sequence += 3n; // another client sent three transactions meanwhile
  const result = await tx.submit(msg("second"));
  expect(result.txHash).toBe("HASH2");
  expect(chain.broadcasts[1]!.params.sequence).toBe(4n);
});

test("a stale account query (committed state behind the mempool) is corrected by the mismatch answer", async () => {
  const chain = new FakeChain();
  chain.sequence = 5n;
  chain.reportedSequence = 2n;
  await engine(chain).submit(msg("ok"));
  expect(chain.broadcasts[0]!.params.sequence).toBe(5n);
});

test("the message the chain blames gets its own error; the innocent ones are retried together", async () => {
  const chain = new FakeChain();
  const tx = engine(chain);
  const outcomes = await Promise.allSettled([
    tx.submit(msg("ok-a")),
    tx.submit(msg("too-low")),
    tx.submit(msg("ok-b")),
  ]);
  expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  const error = (outcomes[1] as PromiseRejectedResult).reason as ChainError;
  expect(error).toBeInstanceOf(ChainError);
  expect(error.code).toBe("deposit-too-low");
  expect(chain.broadcasts.map((b) => b.labels)).toEqual([["ok-a", "ok-b"]]);
});

test("without a message index the batch is bisected down to the failing message", async () => {
  const chain = new FakeChain();
  const tx = engine(chain);
  const labels = ["ok-0", "ok-1", "ok-2", "ok-3", "ok-4", "invalid", "ok-6", "ok-7"];
  const outcomes = await Promise.allSettled(labels.map((l) => tx.submit(msg(l))));
  expect(outcomes.map((o) => o.status)).toEqual(
    labels.map((l) => (l === "invalid" ? "rejected" : "fulfilled")),
  );
  expect(((outcomes[5] as PromiseRejectedResult).reason as ChainError).message).toContain("invalid unit CPU");
  expect(chain.broadcasts.flatMap((b) => b.labels).sort()).toEqual(
    labels.filter((l) => l !== "invalid").sort(),
  );
  expect(chain.simulations).toBeLessThanOrEqual(9);
});

test("a message failing inside the block is blamed; the others are resubmitted and land", async () => {
  const chain = new FakeChain();
  const tx = engine(chain);
  const outcomes = await Promise.allSettled([
    tx.submit(msg("ok-a")),
    tx.submit(msg("fails-in-block")),
    tx.submit(msg("ok-b")),
  ]);
  expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  const error = (outcomes[1] as PromiseRejectedResult).reason as ChainError;
  expect(error.code).toBe("invalid-state");
  expect(error.txHash).toBe("HASH1");
  expect(chain.broadcasts.map((b) => b.labels)).toEqual([
    ["ok-a", "fails-in-block", "ok-b"],
    ["ok-a", "ok-b"],
  ]);
  expect((outcomes[0] as PromiseFulfilledResult<{ txHash: string }>).value.txHash).toBe("HASH2");
});

describe("log lines", () => {
  const lowerHex = (n: number) => createHash("sha256").update(`tx ${n}`).digest("hex");
  const lease = (text: string): EncodedMessage => ({
    typeUrl: "/akash.market.v1beta5.MsgCreateLease",
    value: new TextEncoder().encode(text),
    subject: `createLease lease ${text}/1/1 provider akash1p`,
  });

  test("a transaction is logged when sent (upper-case hash, its messages) and when it lands (height, gas, code)", async () => {
    const chain = new FakeChain();
    chain.hashOf = lowerHex; // a node may answer in lower case: the log shows the hash as CometBFT prints it
    const log = capturedLog();
    const tx = engine(chain, { log: log.logger });
    const results = await Promise.all([tx.submit(lease("7")), tx.submit(msg("ok")), tx.submit(lease("8"))]);

    const hash = lowerHex(1).toUpperCase();
    expect(log.records().map((r) => r["@message"])).toEqual(["transaction sent", "transaction landed"]);
    expect(log.records("transaction sent")).toEqual([
      expect.objectContaining({
        "@level": "info",
        tx_hash: hash,
        messages: 3,
        msg_types: "/akash.market.v1beta5.MsgCreateLease ×2, /test.Msg",
        subjects: "createLease lease 7/1/1 provider akash1p; createLease lease 8/1/1 provider akash1p",
        sequence: "0",
        gas_limit: "225000",
        fee: "5625uakt",
      }),
    ]);
    expect(hash).toMatch(/^[0-9A-F]{64}$/);
    expect(log.records("transaction landed")).toEqual([
      expect.objectContaining({
        "@level": "info",
        tx_hash: hash,
        height: results[0]!.height.toString(),
        code: 0,
        gas_used: "1",
        gas_wanted: "225000",
        messages: 3,
      }),
    ]);
  });

  test("a transaction that fails in its block is logged as landed with its code (WARN); the resend is logged too", async () => {
    const chain = new FakeChain();
    const log = capturedLog();
    const tx = engine(chain, { log: log.logger });
    await Promise.allSettled([tx.submit(msg("ok-a")), tx.submit(msg("fails-in-block"))]);
    const landed = log.records("transaction landed");
    expect(landed.map((r) => [r["@level"], r.tx_hash, r.code])).toEqual([
      ["warn", "HASH1", 1],
      ["info", "HASH2", 0],
    ]);
    expect(landed[0]!.error).toContain("bid not open");
    expect(log.records("transaction sent").map((r) => [r.tx_hash, r.messages])).toEqual([
      ["HASH1", 2],
      ["HASH2", 1],
    ]);
  });

  test("a lost broadcast answer is logged with the hash, then the landing once it is found", async () => {
    const chain = new FakeChain();
    chain.lose = ["after-delivery"];
    const log = capturedLog();
    await engine(chain, { log: log.logger }).submit(msg("create"));
    expect(log.records().map((r) => [r["@level"], r["@message"], r.tx_hash])).toEqual([
      ["warn", "transaction sent, but the node's answer was lost", "HASH1"],
      ["info", "transaction landed", "HASH1"],
    ]);
  });
});

test("waiting for inclusion is bounded and names the transaction", async () => {
  const chain = new FakeChain();
  chain.stalled = true;
  const error = await engine(chain, { inclusionTimeoutMs: 30 })
    .submit(msg("ok"))
    .catch((e: unknown) => e as ChainError);
  expect(error).toBeInstanceOf(ChainError);
  expect((error as ChainError).code).toBe("timeout");
  expect((error as ChainError).message).toContain("HASH1");
});

test("aborting before the batch is sent drops the message", async () => {
  const chain = new FakeChain();
  const tx = engine(chain, { batchWindowMs: 50 });
  const controller = new AbortController();
  const aborted = tx.submit(msg("cancelled"), controller.signal).catch((e: unknown) => e as ChainError);
  const kept = tx.submit(msg("kept"));
  controller.abort();
  expect(((await aborted) as ChainError).code).toBe("aborted");
  await kept;
  expect(chain.broadcasts.map((b) => b.labels)).toEqual([["kept"]]);
});

test("a fee problem concerns the whole transaction and fails every message at once", async () => {
  const chain = new FakeChain();
  chain.simulate = async () => {
    throw new TxRejected({
      code: 5,
      codespace: "sdk",
      log: "spendable balance 10uakt is smaller than 500uakt: insufficient funds: insufficient funds",
    });
  };
  const tx = engine(chain);
  const outcomes = await Promise.allSettled([tx.submit(msg("a")), tx.submit(msg("b"))]);
  for (const o of outcomes) {
    expect(o.status).toBe("rejected");
    expect(((o as PromiseRejectedResult).reason as ChainError).code).toBe("insufficient-funds");
  }
});

describe("a broadcast whose answer is lost", () => {
  test("is looked up by hash and never sent again when the node had taken it", async () => {
    const chain = new FakeChain();
    chain.lose = ["after-delivery"];
    const tx = engine(chain);
    const result = await tx.submit(msg("create"));
    expect(result.txHash).toBe("HASH1");
    expect(chain.attempts).toEqual([0n]);
    expect(tx.broadcastCount).toBe(1);
    // The next transaction follows at the next sequence, without a mismatch round trip.
    await tx.submit(msg("next"));
    expect(chain.broadcasts.map((b) => b.params.sequence)).toEqual([0n, 1n]);
  });

  test("is sent again at the same sequence only after blocks passed without it", async () => {
    const chain = new FakeChain();
    chain.lose = ["before-delivery"];
    const result = await engine(chain).submit(msg("create"));
    expect(result.txHash).toBe("HASH1");
    expect(chain.attempts).toEqual([0n, 0n]);
  });

  test("is signed anew at the next sequence when another transaction took its sequence", async () => {
    const chain = new FakeChain();
    chain.lose = ["before-delivery"];
    const broadcast = chain.broadcast.bind(chain);
    chain.broadcast = async (messages, params) => {
      try {
        return await broadcast(messages, params);
      } finally {
        if (chain.lost === 1 && chain.sequence === 0n) chain.sequence = 1n; // another client used sequence 0
      }
    };
    const result = await engine(chain).submit(msg("create"));
    expect(result.txHash).toBe("HASH1");
    expect(chain.attempts).toEqual([0n, 1n]);
  });

  test("fails naming the hash, without resending, when the chain cannot be asked", async () => {
    const chain = new FakeChain();
    chain.lose = ["after-delivery"];
    chain.lookupsFail = true;
    const error = (await engine(chain, { inclusionTimeoutMs: 30 })
      .submit(msg("create"))
      .catch((e: unknown) => e)) as ChainError;
    expect(error).toBeInstanceOf(ChainError);
    expect(error.code).toBe("unknown");
    expect(error.txHash).toBe("HASH1");
    expect(error.message).toContain("run terraform apply again");
    expect(chain.attempts).toEqual([0n]);
  });
});
