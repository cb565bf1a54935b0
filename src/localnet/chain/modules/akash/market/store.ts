/**
 * Orders, bids and leases with by-state and by-provider indexes (providers list open orders and their own
 * bids/leases constantly; tenants list by owner).
 */
import type { GroupSpec } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import type { ResourceOffer } from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import type { MsgContext, QueryContext } from "../../../module";
import type { DecCoinValue } from "../shared/decimal";
import type { BidKey, GroupKey, OrderKey } from "../shared/event-json";
import { moduleStore } from "../shared/module-store";
import { u32Key, u64Key } from "../shared/store-keys";
import type { DeploymentReclamation } from "../v21/messages";
import type { LeaseReclamation } from "../v21/records";

export const MARKET_MODULE = "market";

export const OrderState = { open: 1, active: 2, closed: 3 } as const;
export const BidState = { open: 1, active: 2, lost: 3, closed: 4 } as const;
export const LeaseState = { active: 1, insufficient_funds: 2, closed: 3, reclaiming: 4 } as const;

/** A lease still running: active, or reclaiming (the provider announced it, the window has not been closed yet). */
export const isLeaseOpen = (state: number): boolean =>
  state === LeaseState.active || state === LeaseState.reclaiming;
export const LeaseClosedReason = {
  owner: 1,
  unspecified: 10002,
  insufficientFunds: 20000,
} as const;

export interface OrderRecord extends OrderKey {
  state: number;
  spec: GroupSpec;
  createdAt: bigint;
  /** The deployment's reclamation requirement (AEP-82), copied onto each of its orders. */
  reclamation?: DeploymentReclamation;
}

export interface BidRecord {
  id: BidKey;
  state: number;
  price: DecCoinValue;
  createdAt: bigint;
  resourcesOffer: ResourceOffer[];
  /** The reclamation window the provider offers (nanoseconds); undefined = none offered. */
  reclamationWindowNs?: bigint;
}

export interface LeaseRecord {
  id: BidKey;
  state: number;
  price: DecCoinValue;
  createdAt: bigint;
  closedOn: bigint;
  reason: number;
  /** Inherited from the winning bid's window; undefined when the bid offered none. */
  reclamation?: LeaseReclamation;
}

export const groupTail = (id: GroupKey) => `${id.owner}/${u64Key(id.dseq)}/${u32Key(id.gseq)}`;
export const orderTail = (id: OrderKey) => `${groupTail(id)}/${u32Key(id.oseq)}`;
export const bidTail = (id: BidKey) => `${orderTail(id)}/${id.provider}/${u32Key(id.bseq)}`;

export const marketKeys = {
  order: (id: OrderKey) => `o/${orderTail(id)}`,
  orderState: (state: number, id: OrderKey) => `os/${state}/${orderTail(id)}`,
  bid: (id: BidKey) => `b/${bidTail(id)}`,
  bidState: (state: number, id: BidKey) => `bs/${state}/${bidTail(id)}`,
  bidProvider: (id: BidKey) => `bp/${id.provider}/${bidTail(id)}`,
  lease: (id: BidKey) => `l/${bidTail(id)}`,
  leaseState: (state: number, id: BidKey) => `ls/${state}/${bidTail(id)}`,
  leaseProvider: (id: BidKey) => `lp/${id.provider}/${bidTail(id)}`,
};

type Ctx = MsgContext | QueryContext;

export function getOrder(ctx: Ctx, id: OrderKey): OrderRecord | undefined {
  return moduleStore(ctx, MARKET_MODULE).get<OrderRecord>(marketKeys.order(id));
}

export function groupOrders(ctx: Ctx, id: GroupKey): OrderRecord[] {
  return [...moduleStore(ctx, MARKET_MODULE).iterate<OrderRecord>(`o/${groupTail(id)}/`)].map(([, o]) => o);
}

export function saveOrder(ctx: MsgContext, order: OrderRecord, previousState?: number): void {
  const store = moduleStore(ctx, MARKET_MODULE);
  if (previousState !== undefined && previousState !== order.state) {
    store.delete(marketKeys.orderState(previousState, order));
  }
  store.set(marketKeys.order(order), order);
  store.set(marketKeys.orderState(order.state, order), true);
}

export function getBid(ctx: Ctx, id: BidKey): BidRecord | undefined {
  return moduleStore(ctx, MARKET_MODULE).get<BidRecord>(marketKeys.bid(id));
}

export function orderBids(ctx: Ctx, id: OrderKey): BidRecord[] {
  return [...moduleStore(ctx, MARKET_MODULE).iterate<BidRecord>(`b/${orderTail(id)}/`)].map(([, b]) => b);
}

export function saveBid(ctx: MsgContext, bid: BidRecord, previousState?: number): void {
  const store = moduleStore(ctx, MARKET_MODULE);
  if (previousState !== undefined && previousState !== bid.state)
    store.delete(marketKeys.bidState(previousState, bid.id));
  store.set(marketKeys.bid(bid.id), bid);
  store.set(marketKeys.bidState(bid.state, bid.id), true);
  store.set(marketKeys.bidProvider(bid.id), true);
}

export function getLease(ctx: Ctx, id: BidKey): LeaseRecord | undefined {
  return moduleStore(ctx, MARKET_MODULE).get<LeaseRecord>(marketKeys.lease(id));
}

export function orderLeases(ctx: Ctx, id: OrderKey): LeaseRecord[] {
  return [...moduleStore(ctx, MARKET_MODULE).iterate<LeaseRecord>(`l/${orderTail(id)}/`)].map(([, l]) => l);
}

export function saveLease(ctx: MsgContext, lease: LeaseRecord, previousState?: number): void {
  const store = moduleStore(ctx, MARKET_MODULE);
  if (previousState !== undefined && previousState !== lease.state) {
    store.delete(marketKeys.leaseState(previousState, lease.id));
  }
  store.set(marketKeys.lease(lease.id), lease);
  store.set(marketKeys.leaseState(lease.state, lease.id), true);
  store.set(marketKeys.leaseProvider(lease.id), true);
}
