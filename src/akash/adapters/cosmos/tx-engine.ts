/**
 * The transaction engine: one per signing account.
 *
 * - Tracks the account sequence itself, so concurrent submissions never collide ("account sequence mismatch");
 *   on a mismatch it takes the sequence the chain expects and retries.
 * - Batches messages submitted within `batchWindowMs` (and while the previous batch is being signed) into one
 *   multi-message transaction, so N concurrent resource operations land in one block.
 * - Estimates gas by simulation × `gasAdjustment`; fee = gas × gas price, rounded up.
 * - Maps the block result back per message (events carry `msg_index`). When a batch fails, the message the chain
 *   blames gets its own error and the innocent ones are retried; when the chain does not say which message failed
 *   the batch is bisected.
 * - Waits for inclusion by polling with a bounded timeout; callers can abort.
 * - Never resends blindly: when a broadcast's answer is lost (the node may have taken it), the transaction is
 *   looked up by hash first. It is re-signed at a new sequence only once the chain's sequence moved past it
 *   without it (another transaction took that sequence); while the sequence has not moved, only the same
 *   sequence is sent again, which the chain can include at most once. Otherwise the submit fails with the hash.
 *
 * The chain is reached through a TxTransport (signing, simulate, broadcast, lookup), so this logic is testable
 * with a fake chain.
 */
import { silentLogger, type Logger } from "../../../framework/logger";
import { MAX_IDENTITIES_PER_TX } from "../../ports/deployment-identity";
import type { ChainEvent, Coin, SubmitResult } from "../../ports/chain";
import { ChainError } from "../../ports/errors";
import { sleep } from "../../ports/sleep";
import {
  expectedSequence,
  failingMessageIndex,
  isSequenceMismatch,
  isTransactionWide,
  translateChainFailure,
  type RawChainFailure,
} from "./error-translation";
import type { EncodedMessage } from "./messages";

/** The chain refused a transaction during simulation or CheckTx. */
export class TxRejected extends Error {
  override readonly name = "TxRejected";
  constructor(readonly failure: RawChainFailure) {
    super(failure.log);
  }
}

/** A broadcast got no answer: the node may have received the transaction. `hash` is the transaction's hash. */
export class BroadcastOutcomeUnknown extends Error {
  override readonly name = "BroadcastOutcomeUnknown";
  constructor(
    readonly hash: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export interface IncludedTx {
  hash: string;
  height: bigint;
  code: number;
  codespace: string;
  log: string;
  gasUsed: bigint;
  gasWanted: bigint;
  /** All events, in order; message events carry a `msg_index` attribute. */
  events: ChainEvent[];
}

export interface BroadcastParams {
  accountNumber: bigint;
  sequence: bigint;
  gasLimit: bigint;
  fee: Coin;
}

export interface TxTransport {
  /** The signer's account number and next sequence, from the chain. */
  fetchAccount(): Promise<{ accountNumber: bigint; sequence: bigint }>;
  /** Gas used when running `messages` at `sequence`. Throws TxRejected. */
  simulate(messages: EncodedMessage[], sequence: bigint): Promise<bigint>;
  /**
   * Signs and broadcasts; resolves with the tx hash once CheckTx accepted it. Throws TxRejected, or
   * BroadcastOutcomeUnknown when the answer was lost.
   */
  broadcast(messages: EncodedMessage[], params: BroadcastParams): Promise<string>;
  /** The block result, or undefined while not included. */
  findTx(hash: string): Promise<IncludedTx | undefined>;
  /** The latest block height. */
  latestHeight(): Promise<bigint>;
}

export interface TxEngineOptions {
  /** Gas price, e.g. { amount: "0.025", denom: "uakt" }. */
  gasPrice: { amount: string; denom: string };
  gasAdjustment: number;
  /** How long the first message of a batch waits for others (ms). A fraction of the block time. */
  batchWindowMs?: number;
  maxMessagesPerTx?: number;
  pollIntervalMs?: number;
  /** How long to wait for a broadcast transaction to appear in a block (ms). */
  inclusionTimeoutMs?: number;
  /** Sequence re-syncs per batch before giving up. */
  maxSequenceRetries?: number;
  /**
   * After a lost broadcast answer: blocks to wait for the transaction (or the sequence moving) before the same
   * sequence is sent again, bounded by `inclusionTimeoutMs`.
   */
  unknownOutcomeBlocks?: number;
  /** Called after every included transaction (e.g. to drop query caches). */
  onIncluded?: () => void;
  /** Where "transaction sent" and "transaction landed" go (INFO); default: nowhere. */
  log?: Logger;
}

interface Item {
  message: EncodedMessage;
  resolve: (result: SubmitResult) => void;
  reject: (error: unknown) => void;
  settled: boolean;
  /** Send alone (after an unexplained batch failure). */
  solo: boolean;
  /** Extra gas multiplier after running out of gas. */
  gasBoost: number;
  signal?: AbortSignal;
  onAbort?: () => void;
}

const CREATE_DEPLOYMENT = /\.MsgCreateDeployment$/;

/** ceil(gas × price) for a decimal price string. */
export function feeFor(gasLimit: bigint, price: { amount: string; denom: string }): Coin {
  const [whole = "0", fraction = ""] = price.amount.split(".");
  const scale = 10n ** BigInt(fraction.length);
  const numerator = BigInt(whole + fraction) * gasLimit;
  return { denom: price.denom, amount: (numerator + scale - 1n) / scale };
}

export class TxEngine {
  private readonly queue: Item[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private draining = false;
  private accountNumber: bigint | undefined;
  private nextSequence: bigint | undefined;
  private readonly batchWindowMs: number;
  private readonly maxMessages: number;
  private readonly pollIntervalMs: number;
  private readonly inclusionTimeoutMs: number;
  private readonly maxSequenceRetries: number;
  private readonly unknownOutcomeBlocks: number;
  private transactions = 0;
  private readonly log: Logger;

  constructor(
    private readonly transport: TxTransport,
    private readonly options: TxEngineOptions,
  ) {
    this.batchWindowMs = options.batchWindowMs ?? 250;
    this.maxMessages = options.maxMessagesPerTx ?? 25;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.inclusionTimeoutMs = options.inclusionTimeoutMs ?? 60_000;
    this.maxSequenceRetries = options.maxSequenceRetries ?? 5;
    this.unknownOutcomeBlocks = options.unknownOutcomeBlocks ?? 3;
    this.log = options.log ?? silentLogger;
  }

  /** Transactions broadcast so far. */
  get broadcastCount(): number {
    return this.transactions;
  }

  submit(message: EncodedMessage, signal?: AbortSignal): Promise<SubmitResult> {
    if (signal?.aborted)
      return Promise.reject(new ChainError("aborted", "Cancelled before the message was sent."));
    return new Promise<SubmitResult>((resolve, reject) => {
      const item: Item = { message, resolve, reject, settled: false, solo: false, gasBoost: 1, signal };
      if (signal) {
        item.onAbort = () => {
          const queued = this.queue.indexOf(item);
          if (queued >= 0) {
            this.queue.splice(queued, 1);
            this.fail(item, new ChainError("aborted", "Cancelled before the message was sent."));
          } else {
            this.fail(
              item,
              new ChainError(
                "aborted",
                "Cancelled while waiting for the transaction to be included; it may still be included.",
              ),
            );
          }
        };
        signal.addEventListener("abort", item.onAbort, { once: true });
      }
      this.queue.push(item);
      this.schedule(this.batchWindowMs);
    });
  }

  private schedule(delayMs: number): void {
    if (this.timer !== undefined || this.draining) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, delayMs);
  }

  private succeed(item: Item, result: SubmitResult): void {
    if (item.settled) return;
    item.settled = true;
    if (item.onAbort) item.signal?.removeEventListener("abort", item.onAbort);
    item.resolve(result);
  }

  private fail(item: Item, error: unknown): void {
    if (item.settled) return;
    item.settled = true;
    if (item.onAbort) item.signal?.removeEventListener("abort", item.onAbort);
    item.reject(error);
  }

  private takeBatch(): Item[] {
    const first = this.queue[0];
    if (!first) return [];
    if (first.solo) return this.queue.splice(0, 1);
    let n = 0;
    let identified = 0;
    let stack: string | undefined;
    let createsIdentified: boolean | undefined;
    while (n < this.queue.length && n < this.maxMessages && !this.queue[n]!.solo) {
      // Creates carry their identity in the memo, the i-th key for the i-th create: one stack per transaction,
      // room for a dozen keys, and never creates without an identity in between.
      const { identity, typeUrl } = this.queue[n]!.message;
      if (CREATE_DEPLOYMENT.test(typeUrl)) {
        if (createsIdentified !== undefined && createsIdentified !== (identity !== undefined)) break;
        createsIdentified = identity !== undefined;
      }
      if (identity) {
        if (++identified > MAX_IDENTITIES_PER_TX || (stack !== undefined && identity.stack !== stack)) break;
        stack = identity.stack;
      }
      n++;
    }
    return this.queue.splice(0, n);
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (;;) {
        const batch = this.takeBatch().filter((i) => !i.settled);
        if (batch.length === 0) {
          if (this.queue.length === 0) break;
          continue;
        }
        await this.sendBatch(batch);
      }
    } finally {
      this.draining = false;
    }
    if (this.queue.length > 0) this.schedule(0);
  }

  private async sequence(): Promise<{ accountNumber: bigint; sequence: bigint }> {
    if (this.accountNumber === undefined || this.nextSequence === undefined) {
      const account = await this.transport.fetchAccount();
      this.accountNumber = account.accountNumber;
      this.nextSequence = account.sequence;
    }
    return { accountNumber: this.accountNumber, sequence: this.nextSequence };
  }

  /** Simulate, sign and broadcast `items` as one transaction; then watch for it in the background. */
  private async sendBatch(items: Item[]): Promise<void> {
    let retries = 0;
    // A broadcast of this batch whose answer was lost: until settled, only its sequence may be used.
    let unsettled: Unsettled | undefined;
    for (;;) {
      items = items.filter((i) => !i.settled);
      if (items.length === 0) return;
      const messages = items.map((i) => i.message);
      let params: BroadcastParams | undefined = unsettled?.params;
      try {
        if (!params) {
          const { accountNumber, sequence } = await this.sequence();
          const gasUsed = await this.transport.simulate(messages, sequence);
          const boost = Math.max(...items.map((i) => i.gasBoost));
          const gasLimit = BigInt(Math.ceil(Number(gasUsed) * this.options.gasAdjustment * boost));
          params = { accountNumber, sequence, gasLimit, fee: feeFor(gasLimit, this.options.gasPrice) };
        }
        const hash = await this.transport.broadcast(messages, params);
        this.log.info("transaction sent", {
          tx_hash: hash.toUpperCase(),
          ...describeBatch(messages, params),
        });
        this.transactions++;
        this.nextSequence = params.sequence + 1n;
        void this.watch(hash, items);
        return;
      } catch (error) {
        if (error instanceof BroadcastOutcomeUnknown && params) {
          this.log.warn("transaction sent, but the node's answer was lost", {
            tx_hash: error.hash.toUpperCase(),
            reason: error.reason,
            ...describeBatch(messages, params),
          });
          unsettled = {
            params,
            hashes: [...new Set([...(unsettled?.hashes ?? []), error.hash])],
            reason: error.reason,
          };
        } else if (unsettled) {
          // The resend met the first attempt (in a mempool or a block: sequence mismatch, "already in cache"),
          // or failed without an answer either: settle again; anything else leaves the outcome unknown.
          if (!(error instanceof TxRejected) || !isSequenceClash(error.failure)) {
            this.failUnknown(items, unsettled);
            return;
          }
        } else if (!(error instanceof TxRejected)) {
          // Transport trouble (no node reachable...): nothing was sent; report it to everyone.
          this.nextSequence = undefined;
          for (const item of items) this.fail(item, error);
          return;
        }
        if (unsettled) {
          if (++retries > this.maxSequenceRetries) {
            this.failUnknown(items, unsettled);
            return;
          }
          const outcome = await this.settle(unsettled, items);
          if (outcome.kind === "included") {
            this.transactions++;
            this.nextSequence = unsettled.params.sequence + 1n;
            this.options.onIncluded?.();
            this.deliver(outcome.tx, items);
            return;
          }
          if (outcome.kind === "unknown") {
            this.failUnknown(items, unsettled);
            return;
          }
          if (outcome.kind === "superseded") {
            // Another transaction took the sequence: ours can never be included; sign anew.
            this.nextSequence = outcome.sequence;
            unsettled = undefined;
          }
          continue; // "absent": the same sequence again
        }
        const failure = (error as TxRejected).failure;
        this.log.debug("transaction refused", {
          code: failure.code,
          codespace: failure.codespace,
          error: failure.log.slice(0, 300),
          messages: messages.length,
        });
        if (isSequenceMismatch(failure)) {
          if (++retries > this.maxSequenceRetries) {
            this.nextSequence = undefined;
            for (const item of items) this.fail(item, translateChainFailure(failure));
            return;
          }
          const expected = expectedSequence(failure);
          if (expected !== undefined) this.nextSequence = expected;
          else this.nextSequence = undefined;
          continue;
        }
        if (/tx already exists in cache/.test(failure.log)) {
          // Identical bytes are already in the mempool (a retry after a lost answer): re-sync and resend.
          this.nextSequence = undefined;
          if (++retries > this.maxSequenceRetries) {
            for (const item of items) this.fail(item, translateChainFailure(failure));
            return;
          }
          continue;
        }
        const guilty = failingMessageIndex(failure.log);
        if (items.length > 1 && guilty !== undefined && guilty < items.length) {
          this.fail(items[guilty]!, translateChainFailure(failure));
          items = items.filter((_, i) => i !== guilty);
          continue;
        }
        if (items.length > 1 && !isTransactionWide(failure)) {
          const half = Math.ceil(items.length / 2);
          await this.sendBatch(items.slice(0, half));
          await this.sendBatch(items.slice(half));
          return;
        }
        for (const item of items) this.fail(item, translateChainFailure(failure));
        return;
      }
    }
  }

  /**
   * Finds out what became of a broadcast whose answer was lost: included (found by hash), superseded (the
   * sequence moved on without it), absent (not in a block after a few blocks, sequence unchanged: the same
   * sequence may be sent again) or unknown (the chain could not be asked).
   */
  private async settle(unsettled: Unsettled, items: Item[]): Promise<SettleOutcome> {
    const { sequence } = unsettled.params;
    const deadline = Date.now() + this.inclusionTimeoutMs;
    const start = await this.transport.latestHeight().catch(() => undefined);
    let movedSeen = false;
    for (;;) {
      if (items.every((i) => i.settled)) return { kind: "unknown" };
      await sleep(this.pollIntervalMs);
      let lookupsAnswered = true;
      for (const hash of unsettled.hashes) {
        try {
          const tx = await this.transport.findTx(hash);
          if (tx) return { kind: "included", tx };
        } catch (error) {
          if (error instanceof ChainError && error.code === "invalid-request") return { kind: "unknown" };
          lookupsAnswered = false;
        }
      }
      const account = await this.transport.fetchAccount().catch(() => undefined);
      const height = await this.transport.latestHeight().catch(() => undefined);
      if (lookupsAnswered && account && account.sequence > sequence) {
        // The block that moved the sequence may not be indexed yet: look once more before concluding.
        if (movedSeen) return { kind: "superseded", sequence: account.sequence };
        movedSeen = true;
        continue;
      }
      const waitedBlocks =
        start !== undefined && height !== undefined && height >= start + BigInt(this.unknownOutcomeBlocks);
      if (lookupsAnswered && account && account.sequence <= sequence && waitedBlocks)
        return { kind: "absent" };
      if (Date.now() >= deadline) return { kind: "unknown" };
    }
  }

  private failUnknown(items: Item[], unsettled: Unsettled): void {
    this.nextSequence = undefined;
    const hashes = unsettled.hashes.join(", ");
    for (const item of items) {
      this.fail(
        item,
        new ChainError(
          "unknown",
          `Transaction ${hashes} was sent, but the node's answer was lost (${unsettled.reason}) and whether it ` +
            "was included could not be confirmed. It may still be included: run terraform apply again, which " +
            "picks up what the chain recorded instead of sending it twice.",
          unsettled.reason,
          unsettled.hashes[0],
        ),
      );
    }
  }

  private async watch(hash: string, items: Item[]): Promise<void> {
    const deadline = Date.now() + this.inclusionTimeoutMs;
    let included: IncludedTx | undefined;
    while (!included) {
      if (items.every((i) => i.settled)) return;
      await sleep(this.pollIntervalMs);
      try {
        included = await this.transport.findTx(hash);
      } catch (error) {
        // A lookup failing (node hiccup) is not the transaction failing; keep polling until the deadline, unless
        // the node says it can never answer.
        if (error instanceof ChainError && error.code === "invalid-request") {
          for (const item of items) this.fail(item, error);
          return;
        }
      }
      if (!included && Date.now() >= deadline) {
        this.log.warn("transaction not included in time", { tx_hash: hash.toUpperCase() });
        this.nextSequence = undefined;
        const seconds = Math.round(this.inclusionTimeoutMs / 1000);
        for (const item of items) {
          this.fail(
            item,
            new ChainError(
              "timeout",
              `Transaction ${hash} was broadcast but not included in a block within ${seconds}s. It may still be ` +
                "included: run terraform refresh/apply again, which will pick up what the chain recorded.",
              undefined,
              hash,
            ),
          );
        }
        return;
      }
    }
    this.options.onIncluded?.();
    this.deliver(included, items);
  }

  /** An included transaction's result, to each of its messages. */
  private deliver(included: IncludedTx, items: Item[]): void {
    const landed = {
      tx_hash: included.hash.toUpperCase(),
      height: included.height,
      code: included.code,
      gas_used: included.gasUsed,
      gas_wanted: included.gasWanted,
      messages: items.length,
    };
    if (included.code === 0) this.log.info("transaction landed", landed);
    else {
      this.log.warn("transaction landed", {
        ...landed,
        codespace: included.codespace,
        error: included.log.slice(0, 300),
      });
    }
    if (included.code === 0) {
      items.forEach((item, index) =>
        this.succeed(item, {
          txHash: included.hash,
          height: included.height,
          events: eventsOf(included.events, index),
        }),
      );
      return;
    }
    this.handleDeliverFailure(included, items);
  }

  /** The transaction made it into a block but failed: blame one message, or retry more carefully. */
  private handleDeliverFailure(tx: IncludedTx, items: Item[]): void {
    const failure: RawChainFailure = { code: tx.code, codespace: tx.codespace, log: tx.log };
    const pending = items.filter((i) => !i.settled);
    // A failed ante handler leaves the sequence untouched; re-sync rather than guess.
    if (isTransactionWide(failure)) this.nextSequence = undefined;
    const guilty = failingMessageIndex(tx.log);
    const requeue: Item[] = [];
    if (guilty !== undefined && guilty < items.length) {
      this.fail(items[guilty]!, translateChainFailure(failure, tx.hash));
      requeue.push(...pending.filter((i) => i !== items[guilty]));
    } else if (/out of gas/.test(tx.log) && pending.every((i) => i.gasBoost < 2)) {
      for (const item of pending) item.gasBoost *= 1.5;
      requeue.push(...pending);
    } else if (pending.length > 1 && !isTransactionWide(failure)) {
      for (const item of pending) item.solo = true;
      requeue.push(...pending);
    } else {
      for (const item of pending) this.fail(item, translateChainFailure(failure, tx.hash));
    }
    if (requeue.length > 0) {
      this.queue.unshift(...requeue.filter((i) => !i.settled));
      this.schedule(0);
    }
  }
}

interface Unsettled {
  params: BroadcastParams;
  /** Every transaction sent at this sequence for this batch. */
  hashes: string[];
  reason: string;
}

type SettleOutcome =
  | { kind: "included"; tx: IncludedTx }
  | { kind: "superseded"; sequence: bigint }
  | { kind: "absent" }
  | { kind: "unknown" };

/**
 * The log fields of a transaction: its messages (count, types, what each is about: one transaction may carry
 * several resources' messages), sequence, gas and fee.
 */
function describeBatch(messages: EncodedMessage[], params: BroadcastParams) {
  const types = new Map<string, number>();
  for (const m of messages) types.set(m.typeUrl, (types.get(m.typeUrl) ?? 0) + 1);
  const subjects = messages.flatMap((m) => (m.subject ? [m.subject] : []));
  return {
    messages: messages.length,
    msg_types: [...types].map(([type, n]) => (n > 1 ? `${type} ×${n}` : type)).join(", "),
    ...(subjects.length > 0 ? { subjects: subjects.join("; ") } : {}),
    sequence: params.sequence,
    gas_limit: params.gasLimit,
    fee: `${params.fee.amount}${params.fee.denom}`,
  };
}

/** CheckTx refusing a resend because the first attempt is in a mempool or a block. */
function isSequenceClash(failure: RawChainFailure): boolean {
  return isSequenceMismatch(failure) || /tx already exists in cache/.test(failure.log);
}

/** The events of message `index`, without the bookkeeping `msg_index` attribute. */
export function eventsOf(events: ChainEvent[], index: number): ChainEvent[] {
  const wanted = String(index);
  return events
    .filter((e) => e.attributes.msg_index === wanted)
    .map((e) => {
      const { msg_index: _omit, ...attributes } = e.attributes;
      return { type: e.type, attributes };
    });
}
