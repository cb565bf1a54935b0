/**
 * The node around the app: mempool (CheckTx on arrival, Comet's tx cache), block production on a timer, the block
 * store with results, the tx/event index behind `tx` and `tx_search`, and the block log. Everything runs on the
 * JS event loop, so a block is produced atomically with respect to RPC calls.
 */
import { toHex } from "@cosmjs/encoding";
import { sha256 } from "@noble/hashes/sha2";
import type { ChainApp } from "./app";
import type { BlockInputs, BlockLog } from "./block-log";
import type { ChainEvent } from "./module";
import type { TxResult } from "./tx/run-tx";

/** A tx result as stored (without the decoded tx). */
export type StoredTxResult = Omit<TxResult, "tx">;

export interface StoredBlock {
  height: bigint;
  time: Date;
  txs: Uint8Array[];
  txHashes: string[];
  results: StoredTxResult[];
  events: ChainEvent[];
  /** Header app hash: the state after the previous block (Comet semantics). */
  headerAppHash: Uint8Array;
  /** App hash after this block (block_results.app_hash). */
  resultAppHash: Uint8Array;
  hash: Uint8Array;
  lastBlockHash: Uint8Array;
  dataHash: Uint8Array;
  resultsHash: Uint8Array;
}

export interface TxRef {
  height: number;
  index: number;
}

/** JSON-RPC error with Comet's code/message/data. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    readonly rpcMessage: string,
    readonly data: string,
  ) {
    super(data);
  }
}

export const internalError = (data: string) => new RpcError(-32603, "Internal error", data);

const TX_CACHE_SIZE = 10_000;

export interface BroadcastResult {
  code: number;
  codespace: string;
  log: string;
  hash: Uint8Array;
  check: TxResult;
}

type Waiter = (result: { height: bigint; result: StoredTxResult } | undefined) => void;

export class ChainNode {
  readonly blocks: StoredBlock[] = [];
  private mempool: { bytes: Uint8Array; hash: string }[] = [];
  private readonly txCache = new Set<string>();
  private readonly txByHash = new Map<string, TxRef>();
  private readonly eventIndex = new Map<string, TxRef[]>();
  private readonly waiters = new Map<string, Waiter[]>();
  private timer: NodeJS.Timeout | undefined;
  private halted = false;
  /** Fault injection: while true the timer ticks but no block is made (txs wait in the mempool). */
  paused: () => boolean = () => false;
  /** Txs acknowledged and dropped by fault injection (diagnostics). */
  droppedTxs = 0;
  /** Operator inputs waiting for the next block (see ChainModule.beginBlock). */
  private pendingInputs: BlockInputs = {};

  constructor(
    readonly app: ChainApp,
    private log: BlockLog | undefined,
    readonly blockTimeMs: number,
    readonly genesisTime: Date,
  ) {}

  height(): bigint {
    return this.app.lastHeight;
  }

  latest(): StoredBlock | undefined {
    return this.blocks[this.blocks.length - 1];
  }

  block(height: bigint): StoredBlock | undefined {
    return this.blocks[Number(height) - 1];
  }

  /**
   * CheckTx and add to the mempool; throws RpcError "tx already exists in cache" for a repeat. `drop` (fault
   * injection) is asked after a passing CheckTx: true = acknowledge the tx but never include it; its sequence is
   * released at the next commit and the same bytes may be broadcast again.
   */
  broadcast(bytes: Uint8Array, opts?: { drop?: () => boolean }): BroadcastResult {
    const hashBytes = sha256(bytes);
    const hash = toHex(hashBytes).toUpperCase();
    if (this.txCache.has(hash)) throw internalError("tx already exists in cache");
    const check = this.app.checkTx(bytes);
    if (check.code === 0 && opts?.drop?.() === true) {
      this.droppedTxs++;
    } else if (check.code === 0) {
      this.remember(hash);
      this.mempool.push({ bytes, hash });
    }
    return { code: check.code, codespace: check.codespace, log: check.log, hash: hashBytes, check };
  }

  private remember(hash: string): void {
    this.txCache.add(hash);
    if (this.txCache.size > TX_CACHE_SIZE) {
      const oldest = this.txCache.values().next().value;
      if (oldest !== undefined) this.txCache.delete(oldest);
    }
  }

  /** Resolves when the tx is in a block (or undefined after `timeoutMs`). */
  waitForTx(
    hash: string,
    timeoutMs: number,
  ): Promise<{ height: bigint; result: StoredTxResult } | undefined> {
    const ref = this.txByHash.get(hash);
    if (ref) {
      const block = this.blocks[ref.height - 1]!;
      return Promise.resolve({ height: block.height, result: block.results[ref.index]! });
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const list = this.waiters.get(hash) ?? [];
        this.waiters.set(
          hash,
          list.filter((w) => w !== waiter),
        );
        resolve(undefined);
      }, timeoutMs);
      const waiter: Waiter = (r) => {
        clearTimeout(timer);
        resolve(r);
      };
      const list = this.waiters.get(hash) ?? [];
      list.push(waiter);
      this.waiters.set(hash, list);
    });
  }

  /**
   * Hands `input` to module `module` at the start of the next block (a later call for the same module before
   * that block replaces it). The block log records it with the block, so a replay applies it at the same height.
   */
  queueBlockInput(module: string, input: unknown): void {
    this.pendingInputs = { ...this.pendingInputs, [module]: input };
  }

  /** Inputs queued for the next block. */
  queuedBlockInputs(): BlockInputs {
    return this.pendingInputs;
  }

  /** Execute and commit one block: FinalizeBlock(inputs, mempool), block hooks, commit, index, log. */
  produceBlock(time: Date, txs?: Uint8Array[], replayedInputs?: BlockInputs): StoredBlock {
    const included = txs ?? this.mempool.map((m) => m.bytes);
    if (!txs) this.mempool = [];
    const inputs = replayedInputs ?? this.pendingInputs;
    if (!replayedInputs) this.pendingInputs = {};
    const height = this.app.lastHeight + 1n;
    const headerAppHash = this.app.appHash;
    const finalized = this.app.finalizeBlock(height, time, included, inputs);
    const resultAppHash = this.app.commit(finalized);
    const txHashes = included.map((b) => toHex(sha256(b)).toUpperCase());
    const results: StoredTxResult[] = finalized.txResults.map(({ tx: _tx, ...rest }) => rest);
    const lastBlockHash = this.latest()?.hash ?? new Uint8Array();
    const dataHash =
      included.length > 0 ? sha256(new TextEncoder().encode(txHashes.join(""))) : new Uint8Array();
    const resultsHash = sha256(
      new TextEncoder().encode(results.map((r) => `${r.code}/${r.gasUsed}/${r.gasWanted}`).join(",")),
    );
    const hash = sha256(
      new TextEncoder().encode(
        [
          this.app.chainId,
          height,
          time.toISOString(),
          toHex(lastBlockHash),
          toHex(dataHash),
          toHex(headerAppHash),
        ].join("|"),
      ),
    );
    const block: StoredBlock = {
      height,
      time,
      txs: included,
      txHashes,
      results,
      events: finalized.events,
      headerAppHash,
      resultAppHash,
      hash,
      lastBlockHash,
      dataHash,
      resultsHash,
    };
    this.blocks.push(block);
    this.index(block);
    this.log?.append({ height, time, txs: included, inputs });
    for (let i = 0; i < txHashes.length; i++) {
      const hashHex = txHashes[i]!;
      this.remember(hashHex);
      const waiters = this.waiters.get(hashHex);
      if (waiters) {
        this.waiters.delete(hashHex);
        for (const w of waiters) w({ height, result: results[i]! });
      }
    }
    return block;
  }

  private index(block: StoredBlock): void {
    const height = Number(block.height);
    block.results.forEach((result, index) => {
      const ref: TxRef = { height, index };
      this.txByHash.set(block.txHashes[index]!, ref);
      const keys = new Set<string>();
      for (const e of result.events) {
        for (const a of e.attributes) keys.add(`${e.type}.${a.key}=${a.value}`);
      }
      for (const key of keys) {
        let refs = this.eventIndex.get(key);
        if (!refs) {
          refs = [];
          this.eventIndex.set(key, refs);
        }
        refs.push(ref);
      }
    });
  }

  txRef(hashHex: string): TxRef | undefined {
    return this.txByHash.get(hashHex.toUpperCase());
  }

  /** Txs carrying an event attribute `type.key=value`, in chain order. */
  txsWithEvent(compositeKey: string, value: string): TxRef[] {
    return this.eventIndex.get(`${compositeKey}=${value}`) ?? [];
  }

  /** All txs (for range-only queries), in chain order. */
  allTxRefs(): TxRef[] {
    const refs: TxRef[] = [];
    for (const block of this.blocks) {
      for (let i = 0; i < block.txs.length; i++) refs.push({ height: Number(block.height), index: i });
    }
    return refs;
  }

  /** Replay logged blocks (at start-up) without re-logging them. */
  replay(blocks: { height: bigint; time: Date; txs: Uint8Array[]; inputs?: BlockInputs }[]): void {
    const log = this.log;
    this.log = undefined;
    this.app.replaying = true;
    try {
      for (const b of blocks) this.produceBlock(b.time, b.txs, b.inputs ?? {});
    } finally {
      this.app.replaying = false;
      this.log = log;
    }
  }

  /** Next block time: wall clock, but strictly after the previous block. */
  private nextBlockTime(): Date {
    const last = this.latest()?.time ?? this.genesisTime;
    return new Date(Math.max(Date.now(), last.getTime() + 1));
  }

  start(): void {
    const tick = () => {
      if (this.halted) return;
      try {
        if (!this.paused()) this.produceBlock(this.nextBlockTime());
      } catch (e) {
        console.error(`localnet: block production failed: ${(e as Error).message}`);
      }
      this.timer = setTimeout(tick, this.blockTimeMs);
    };
    this.timer = setTimeout(tick, this.blockTimeMs);
  }

  stop(): void {
    this.halted = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const [, waiters] of this.waiters) for (const w of waiters) w(undefined);
    this.waiters.clear();
    this.log?.close();
  }
}
