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
import type { SubmitResult } from "../../ports/chain";
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
import { eventsOf } from "./message-events";
import { feeFor } from "./tx-fee";
import { settleLostBroadcast, type SettleTiming, type Unsettled } from "./lost-broadcast";
import { describeBatch, describeLanded } from "./tx-log-fields";
import {
  BroadcastOutcomeUnknown,
  TxRejected,
  type BroadcastParams,
  type IncludedTx,
  type TxTransport,
} from "./tx-transport";

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

  private settleTiming(): SettleTiming {
    const { inclusionTimeoutMs, pollIntervalMs, unknownOutcomeBlocks } = this;
    return { inclusionTimeoutMs, pollIntervalMs, unknownOutcomeBlocks };
  }

  private async sequence(): Promise<{ accountNumber: bigint; sequence: bigint }> {
    if (this.accountNumber === undefined || this.nextSequence === undefined) {
      const account = await this.transport.fetchAccount();
      this.accountNumber = account.accountNumber;
      this.nextSequence = account.sequence;
    }
    return { accountNumber: this.accountNumber, sequence: this.nextSequence };
  }

  /** The next sequence, and gas by simulation × adjustment (× the largest out-of-gas boost of the batch). */
  private async freshParams(items: Item[], messages: EncodedMessage[]): Promise<BroadcastParams> {
    const { accountNumber, sequence } = await this.sequence();
    const gasUsed = await this.transport.simulate(messages, sequence);
    const boost = Math.max(...items.map((i) => i.gasBoost));
    const gasLimit = BigInt(Math.ceil(Number(gasUsed) * this.options.gasAdjustment * boost));
    return { accountNumber, sequence, gasLimit, fee: feeFor(gasLimit, this.options.gasPrice) };
  }

  /** Simulate, sign and broadcast `items` as one transaction; then watch for it in the background. */
  private async sendBatch(items: Item[]): Promise<void> {
    let retries = 0;
    const overRetryBudget = () => ++retries > this.maxSequenceRetries;
    // A broadcast of this batch whose answer was lost: until settled, only its sequence may be used.
    let unsettled: Unsettled | undefined;
    for (;;) {
      items = items.filter((i) => !i.settled);
      if (items.length === 0) return;
      const messages = items.map((i) => i.message);
      let params: BroadcastParams | undefined = unsettled?.params;
      try {
        params ??= await this.freshParams(items, messages);
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
          if (overRetryBudget()) {
            this.failUnknown(items, unsettled);
            return;
          }
          const outcome = await settleLostBroadcast(this.transport, unsettled, this.settleTiming(), () =>
            items.every((i) => i.settled),
          );
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
        const retry = await this.afterRefusal((error as TxRejected).failure, items, overRetryBudget);
        if (!retry) return;
        items = retry;
      }
    }
  }

  /**
   * The chain refused the batch (simulate or CheckTx): re-sync the sequence and retry, drop the message it
   * blames, bisect when it does not say, or fail everyone. Returns the items to send again, or undefined when done.
   */
  private async afterRefusal(
    failure: RawChainFailure,
    items: Item[],
    overRetryBudget: () => boolean,
  ): Promise<Item[] | undefined> {
    this.log.debug("transaction refused", {
      code: failure.code,
      codespace: failure.codespace,
      error: failure.log.slice(0, 300),
      messages: items.length,
    });
    if (isSequenceMismatch(failure)) {
      if (overRetryBudget()) {
        this.nextSequence = undefined;
        for (const item of items) this.fail(item, translateChainFailure(failure));
        return undefined;
      }
      this.nextSequence = expectedSequence(failure);
      return items;
    }
    if (/tx already exists in cache/.test(failure.log)) {
      // Identical bytes are already in the mempool (a retry after a lost answer): re-sync and resend.
      this.nextSequence = undefined;
      if (overRetryBudget()) {
        for (const item of items) this.fail(item, translateChainFailure(failure));
        return undefined;
      }
      return items;
    }
    const guilty = failingMessageIndex(failure.log);
    if (items.length > 1 && guilty !== undefined && guilty < items.length) {
      this.fail(items[guilty]!, translateChainFailure(failure));
      return items.filter((_, i) => i !== guilty);
    }
    if (items.length > 1 && !isTransactionWide(failure)) {
      const half = Math.ceil(items.length / 2);
      await this.sendBatch(items.slice(0, half));
      await this.sendBatch(items.slice(half));
      return undefined;
    }
    for (const item of items) this.fail(item, translateChainFailure(failure));
    return undefined;
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
    if (included.code === 0) this.log.info("transaction landed", describeLanded(included, items.length));
    else this.log.warn("transaction landed", describeLanded(included, items.length));
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

/** CheckTx refusing a resend because the first attempt is in a mempool or a block. */
function isSequenceClash(failure: RawChainFailure): boolean {
  return isSequenceMismatch(failure) || /tx already exists in cache/.test(failure.log);
}
