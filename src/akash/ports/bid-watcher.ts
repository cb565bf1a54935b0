/**
 * The BidWatcher port: the open bids of the orders leases are waiting on. One watcher serves every lease of a
 * provider process, so 200 leases waiting at once cost one bids query per block, not 200 per second.
 */
import type { Bid, GroupId } from "./chain";

export interface BidWatcher {
  /**
   * The group's open bids as of the next poll that starts after this call (so each call sees newer chain state
   * than the one before). Rejects with the signal's reason when it is aborted first.
   */
  openBids(group: GroupId, signal: AbortSignal): Promise<Bid[]>;
}
