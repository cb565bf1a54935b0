/**
 * Resource reclamation (AEP-82, node v2.1 `x/market/handler/server.go`): an order carries its deployment's
 * minimum window, a bid may offer a window (required and long enough when the order asks for one, always within
 * the market params), the lease inherits the winning bid's window, the provider announces reclamation with
 * MsgLeaseStartReclaim, and may close the lease (MsgCloseBid) only once the window has passed. The tenant can close
 * at any time.
 */
import type { MsgContext } from "../../../module";
import { bidIdJson } from "../shared/event-json";
import { defineMsg } from "../shared/msg-definition";
import { MsgLeaseStartReclaim, MsgLeaseStartReclaimResponse } from "../v21/messages";
import { checkProviderReason, marketErrors } from "./errors";
import { bidKeyOf, validateBidId } from "./ids";
import { leaseReasonName } from "./lifecycle";
import type { MarketParams } from "./params";
import { LeaseState, getLease, saveLease, type LeaseRecord, type OrderRecord } from "./store";

export const LEASE_RECLAIM_STARTED_EVENT = "akash.market.v1.EventLeaseReclaimStarted";

/** MsgCreateBid's reclamation checks, in the node's order (they run after AuthorizeDeposits). */
export function checkBidReclamation(
  order: OrderRecord,
  windowNs: bigint | undefined,
  params: MarketParams,
): void {
  if (order.reclamation) {
    if (windowNs === undefined) throw marketErrors.reclamationRequired;
    if (windowNs < order.reclamation.minWindowNs) throw marketErrors.reclamationWindowTooShort;
  }
  if (
    windowNs !== undefined &&
    (windowNs < params.minReclamationWindowNs || windowNs > params.maxReclamationWindowNs)
  ) {
    throw marketErrors.reclamationWindowInvalid;
  }
}

/** Block time as Go's `Time.Unix()`: whole seconds. */
const unixSeconds = (time: Date): bigint => BigInt(Math.floor(time.getTime() / 1000));

/**
 * MsgCloseBid on a bid that won a lease: a lease with reclamation configured must be reclaiming and past its
 * deadline; any other state than active/reclaiming is "lease not active".
 */
export function checkProviderMayCloseLease(ctx: MsgContext, lease: LeaseRecord): void {
  if (lease.state === LeaseState.active) {
    if (lease.reclamation) throw marketErrors.reclamationNotStarted;
    return;
  }
  if (lease.state === LeaseState.reclaiming) {
    const deadline = lease.reclamation?.deadline ?? 0n;
    if (unixSeconds(ctx.time) < deadline) throw marketErrors.reclamationWindowNotElapsed;
    return;
  }
  throw marketErrors.leaseNotActive;
}

const NS_PER_MS = 1_000_000n;
const NS_PER_SECOND = 1_000_000_000n;

export const leaseStartReclaimMsg = defineMsg({
  codec: MsgLeaseStartReclaim,
  response: MsgLeaseStartReclaimResponse,
  signers: (msg) => [msg.id?.provider ?? ""],
  validateBasic(msg) {
    validateBidId(bidKeyOf(msg.id));
    checkProviderReason(msg.reason);
  },
  handle(ctx, msg) {
    const id = bidKeyOf(msg.id);
    const lease = getLease(ctx, id);
    if (!lease) throw marketErrors.unknownLease;
    if (lease.state !== LeaseState.active) throw marketErrors.leaseNotActive;
    const reclamation = lease.reclamation;
    if (!reclamation) throw marketErrors.leaseNotReclaimable;
    if (reclamation.startedAt !== 0n) throw marketErrors.alreadyReclaiming;
    // deadline = (block time + window).Unix()
    const deadline = (BigInt(ctx.time.getTime()) * NS_PER_MS + reclamation.windowNs) / NS_PER_SECOND;
    saveLease(
      ctx,
      {
        ...lease,
        state: LeaseState.reclaiming,
        reclamation: { ...reclamation, startedAt: ctx.height, deadline, reason: msg.reason },
      },
      lease.state,
    );
    ctx.emitTyped(LEASE_RECLAIM_STARTED_EVENT, {
      id: bidIdJson(id),
      reason: leaseReasonName(msg.reason),
      deadline,
    });
    return {};
  },
});
