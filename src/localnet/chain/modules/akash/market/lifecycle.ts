/**
 * State transitions of orders, bids and leases shared by the market handlers, the deployment handlers (group
 * close/pause/start) and the escrow hooks (deployment closed, account overdrawn, payment closed).
 */
import {
  EventBidClosed,
  EventLeaseClosed,
  EventOrderClosed,
  EventOrderCreated,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import type { GroupSpec } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import type { MsgContext } from "../../../module";
import { bidAccountId, deploymentAccountId, leasePaymentXid } from "../escrow/ids";
import type { EscrowModule } from "../escrow/module";
import { EscrowState } from "../escrow/records";
import { ESCROW_MODULE } from "../escrow/keeper";
import { unregistered } from "../shared/errors";
import { bidIdJson, orderIdJson, type GroupKey, type OrderKey } from "../shared/event-json";
import type { DeploymentReclamation } from "../v21/messages";
import {
  BidState,
  OrderState,
  isLeaseOpen,
  groupOrders,
  orderBids,
  orderLeases,
  saveBid,
  saveLease,
  saveOrder,
  type BidRecord,
  type LeaseRecord,
  type OrderRecord,
} from "./store";

const LEASE_REASON_NAMES: Record<number, string> = {
  0: "lease_closed_invalid",
  1: "lease_closed_owner",
  10000: "lease_closed_reason_unstable",
  10001: "lease_closed_reason_decommission",
  10002: "lease_closed_reason_unspecified",
  10003: "lease_closed_reason_manifest_timeout",
  20000: "lease_closed_reason_insufficient_funds",
};

export const leaseReasonName = (reason: number): string => LEASE_REASON_NAMES[reason] ?? String(reason);

const escrowKeeper = (ctx: MsgContext) => ctx.modules.get<EscrowModule>(ESCROW_MODULE).keeper;

/**
 * A new order for a group: oseq = 1 + closed orders; only one open or active order at a time. It carries the
 * deployment's reclamation requirement, which bids must then meet.
 */
export function createOrder(
  ctx: MsgContext,
  group: GroupKey,
  spec: GroupSpec,
  reclamation: DeploymentReclamation | undefined,
): OrderRecord {
  const existing = groupOrders(ctx, group);
  if (existing.some((o) => o.state === OrderState.open || o.state === OrderState.active)) {
    throw unregistered("order active: create order: active order exists");
  }
  const oseq = existing.filter((o) => o.state === OrderState.closed).length + 1;
  const order: OrderRecord = {
    ...group,
    oseq,
    state: OrderState.open,
    spec,
    createdAt: ctx.height,
    ...(reclamation ? { reclamation } : {}),
  };
  saveOrder(ctx, order);
  ctx.emitTyped(EventOrderCreated.$type, { id: orderIdJson(order) });
  return order;
}

export function closeOrder(ctx: MsgContext, order: OrderRecord): void {
  if (order.state === OrderState.closed) return;
  saveOrder(ctx, { ...order, state: OrderState.closed }, order.state);
  ctx.emitTyped(EventOrderClosed.$type, { id: orderIdJson(order) });
}

/** Closes (or marks lost) a bid and returns its deposit to the provider. */
export function closeBid(
  ctx: MsgContext,
  bid: BidRecord,
  state: number = BidState.closed,
  emit = true,
): void {
  if (bid.state === BidState.closed || bid.state === BidState.lost) return;
  saveBid(ctx, { ...bid, state }, bid.state);
  if (emit) ctx.emitTyped(EventBidClosed.$type, { id: bidIdJson(bid.id) });
  const keeper = escrowKeeper(ctx);
  const account = keeper.getAccount(ctx, bidAccountId(bid.id));
  if (account && account.state === EscrowState.open) keeper.accountClose(ctx, bidAccountId(bid.id));
}

export interface LeaseClosing {
  leaseState: number;
  reason: number;
  /** Pay out and close the escrow payment (false when the escrow keeper is already closing it). */
  closePayment: boolean;
}

/** Lease closed, its bid closed (deposit refunded), its order closed, and optionally its payment closed. */
export function closeLease(
  ctx: MsgContext,
  lease: LeaseRecord,
  closing: LeaseClosing,
  bid?: BidRecord,
  order?: OrderRecord,
): void {
  // The node's OnLeaseClosed skips only leases already closed (a reclaiming lease closes like an active one).
  if (!isLeaseOpen(lease.state)) return;
  saveLease(
    ctx,
    { ...lease, state: closing.leaseState, closedOn: ctx.height, reason: closing.reason },
    lease.state,
  );
  ctx.emitTyped(EventLeaseClosed.$type, { id: bidIdJson(lease.id), reason: leaseReasonName(closing.reason) });
  if (bid) closeBid(ctx, bid);
  if (order) closeOrder(ctx, order);
  if (closing.closePayment) {
    const keeper = escrowKeeper(ctx);
    const accountId = deploymentAccountId(lease.id);
    const payment = keeper.getPayment(ctx, accountId, leasePaymentXid(lease.id));
    if (payment && payment.state !== EscrowState.closed)
      keeper.paymentClose(ctx, accountId, leasePaymentXid(lease.id));
  }
}

/** Everything the market holds for a group that stopped (closed, paused or out of funds). */
export function closeGroupMarket(ctx: MsgContext, group: GroupKey, closing: LeaseClosing): void {
  for (const order of groupOrders(ctx, group)) {
    if (order.state === OrderState.closed) continue;
    const orderKey: OrderKey = order;
    const bids = orderBids(ctx, orderKey);
    for (const lease of orderLeases(ctx, orderKey)) {
      if (!isLeaseOpen(lease.state)) continue;
      const bid = bids.find((b) => b.id.provider === lease.id.provider && b.id.bseq === lease.id.bseq);
      closeLease(ctx, lease, closing, bid);
    }
    for (const bid of orderBids(ctx, orderKey)) closeBid(ctx, bid);
    closeOrder(ctx, order);
  }
}
