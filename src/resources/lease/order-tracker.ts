/**
 * The order a lease waits on: the newest one of its group (bids on replaced orders are history), who bid on it,
 * and whose bid is gone since (withdrawn by its provider, timed out, or excluded after a failed lease
 * transaction). It tells when the order is worth replacing.
 */
import type { Bid, BidId } from "../../akash/ports/chain";
import type { ConfiguredBidPolicy } from "./bid-policy-config";

/** Identifies a bid within its group. */
export function bidKey(id: BidId): string {
  return `${id.oseq}/${id.provider}`;
}

/**
 * How long an order may go without any bid before it is replaced: long enough for every provider to have looked
 * at it (seconds on mainnet), short enough to leave the wait time for bids on the new order.
 */
function quietMs(policy: ConfiguredBidPolicy): number {
  return Math.min(30_000, policy.waitMs / 3);
}

/** Why the order should be replaced: all its bids are gone, or nobody bid on it at all. */
export type ReplaceReason = "withdrawn" | "unanswered";

export class OrderTracker {
  /** Bids on orders up to this one belong to replaced orders. */
  private staleThrough: number;
  newestOseq: number;
  /** Providers that bid on the current order. */
  readonly bidders = new Set<string>();
  /** Of those, the ones whose bid is gone. */
  readonly withdrawn = new Set<string>();
  private openBefore = new Set<string>();
  /** When the wait on the current order began. */
  private since: number;
  private quietReplaced = false;

  constructor(
    history: Bid[],
    replacedOseq: number,
    private readonly exclude: ReadonlySet<string>,
    now: number,
  ) {
    this.staleThrough = replacedOseq;
    this.newestOseq = Math.max(0, ...history.map((b) => b.id.oseq));
    this.since = now;
    for (const b of history) {
      if (!this.current(b.id)) continue;
      this.bidders.add(b.id.provider);
      if (b.state === "closed" || exclude.has(bidKey(b.id))) this.withdrawn.add(b.id.provider);
    }
  }

  private current(id: BidId): boolean {
    return id.oseq > this.staleThrough && id.oseq === this.newestOseq;
  }

  /** Takes a poll's open bids of the group; returns those of the current order that may be chosen. */
  observe(open: Bid[]): Bid[] {
    const fresh = open.filter((b) => b.id.oseq > this.staleThrough);
    this.newestOseq = Math.max(this.newestOseq, ...fresh.map((b) => b.id.oseq));
    const bids = fresh.filter((b) => this.current(b.id) && !this.exclude.has(bidKey(b.id)));
    const openNow = new Set(bids.map((b) => b.id.provider));
    for (const provider of this.openBefore) if (!openNow.has(provider)) this.withdrawn.add(provider);
    for (const provider of openNow) {
      this.bidders.add(provider);
      this.withdrawn.delete(provider);
    }
    this.openBefore = openNow;
    return bids;
  }

  /**
   * Whether to ask for a new order, given the current order's choosable bids. Providers that declined an order
   * (e.g. out of capacity at the time) never look at it again either; that is replaced once per wait, so a
   * placement no provider will take does not keep paying for new orders.
   */
  replaceReason(bids: Bid[], policy: ConfiguredBidPolicy, now: number): ReplaceReason | undefined {
    if (bids.length === 0 && this.withdrawn.size > 0) return "withdrawn";
    if (this.bidders.size === 0 && !this.quietReplaced && now - this.since >= quietMs(policy))
      return "unanswered";
    return undefined;
  }

  /** The order was replaced: bids up to the newest order seen so far are history now. */
  replaced(reason: ReplaceReason, now: number): void {
    if (reason === "unanswered") this.quietReplaced = true;
    this.since = now;
    this.staleThrough = this.newestOseq;
    this.bidders.clear();
    this.withdrawn.clear();
    this.openBefore = new Set();
  }
}
