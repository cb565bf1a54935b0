/**
 * One poll of the owner's open bids per block, shared by every lease waiting for bids in this process: each
 * waiter gets its group's bids from the first poll that starts after it asked. Polls run only while someone
 * waits. Concurrent bid lookups of one owner become one list query in the chain adapter, so a poll of 200
 * deployments is a single request.
 */
import type { BidWatcher } from "../akash/ports/bid-watcher";
import type { Bid, Chain, GroupId } from "../akash/ports/chain";
import type { Clock } from "../akash/ports/clock";

/** Bounds of the poll interval: a fast localnet block, and mainnet's ~6 s block. */
const MIN_POLL_MS = 250;
const MAX_POLL_MS = 6_000;
/** When the block time cannot be read. */
const FALLBACK_POLL_MS = 1_000;

interface Waiter {
  group: GroupId;
  resolve: (bids: Bid[]) => void;
  reject: (error: unknown) => void;
  done: () => void;
}

export type BidWatcherChain = Pick<Chain, "bids" | "invalidate" | "averageBlockSeconds">;

export class SharedBidWatcher implements BidWatcher {
  private waiters: Waiter[] = [];
  private running = false;
  private lastPollAt = -Infinity;
  private interval: Promise<number> | undefined;
  /** Polls made so far (for tests and benchmarks). */
  polls = 0;

  constructor(
    private readonly chain: BidWatcherChain,
    private readonly clock: Clock,
  ) {}

  openBids(group: GroupId, signal: AbortSignal): Promise<Bid[]> {
    return new Promise<Bid[]>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const onAbort = () => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(signal.reason);
      };
      const waiter: Waiter = {
        group,
        resolve,
        reject,
        done: () => signal.removeEventListener("abort", onAbort),
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
      if (!this.running) void this.run();
    });
  }

  private pollInterval(): Promise<number> {
    this.interval ??= this.chain.averageBlockSeconds().then(
      (seconds) => Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, Math.round(seconds * 1000))),
      () => FALLBACK_POLL_MS,
    );
    return this.interval;
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.waiters.length > 0) {
        const wait = this.lastPollAt + (await this.pollInterval()) - this.clock.now();
        if (wait > 0) await this.clock.sleep(wait);
        const batch = this.waiters;
        this.waiters = [];
        if (batch.length === 0) continue;
        this.lastPollAt = this.clock.now();
        await this.poll(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async poll(batch: Waiter[]): Promise<void> {
    this.polls++;
    // Fresh results for everyone at once (the chain client otherwise reuses results for a short time).
    this.chain.invalidate();
    const lookups = new Map<string, Promise<Bid[]>>();
    for (const { group } of batch) {
      const key = `${group.owner}/${group.dseq}`;
      if (!lookups.has(key)) lookups.set(key, this.chain.bids(group.owner, group.dseq, { state: "open" }));
    }
    await Promise.all(
      batch.map(async (waiter) => {
        const { owner, dseq, gseq } = waiter.group;
        try {
          const bids = await (lookups.get(`${owner}/${dseq}`) as Promise<Bid[]>);
          waiter.resolve(bids.filter((b) => b.id.gseq === gseq));
        } catch (error) {
          waiter.reject(error);
        } finally {
          waiter.done();
        }
      }),
    );
  }
}
