/**
 * The market (akash.market.v1beta5): providers bid on orders with a deposit, the tenant picks a bid to create a
 * lease (an escrow payment at the bid price per block), and either side closes it. Rules and error texts follow
 * the node's `x/market/handler/server.go`.
 */
import {
  Types_Account,
  Types_Payment,
  EventBidCreated,
  EventGroupPaused,
  EventLeaseCreated,
  Lease,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import {
  Bid,
  MsgCloseBid,
  MsgCloseBidResponse,
  MsgCloseLease,
  MsgCloseLeaseResponse,
  MsgCreateBid,
  MsgCreateBidResponse,
  MsgCreateLease,
  MsgCreateLeaseResponse,
  MsgWithdrawLease,
  MsgWithdrawLeaseResponse,
  Order,
  QueryBidRequest,
  QueryBidsRequest,
  QueryLeaseRequest,
  QueryLeasesRequest,
  QueryOrderRequest,
  QueryOrderResponse,
  QueryOrdersRequest,
  QueryParamsRequest,
  QueryParamsResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import { PageResponse } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import {
  ChainError,
  type ChainModule,
  type KVStore,
  type MsgContext,
  type QueryContext,
} from "../../../module";
import { auditsOf } from "../audit/module";
import { GroupState, getGroup, saveGroup } from "../deployment/store";
import { groupTotalPrice } from "../deployment/group-validation";
import { validateDepositSources } from "../escrow/deposit-rules";
import { bidAccountId, deploymentAccountId, leasePaymentXid } from "../escrow/ids";
import { ESCROW_MODULE } from "../escrow/keeper";
import type { EscrowModule } from "../escrow/module";
import { accountToProto, paymentToProto, Scope } from "../escrow/records";
import { getProvider } from "../provider/module";
import { isAccountAddress } from "../shared/address";
import { formatDecShort, parseDec, type DecCoinValue } from "../shared/decimal";
import { invalidArgument, notFound, registered, sdkErrors, unregistered } from "../shared/errors";
import { bidIdJson, decCoinJson, groupIdJson, type BidKey, type OrderKey } from "../shared/event-json";
import { encodeOnce, messageBytes } from "../shared/encoded-cache";
import { defineMsg } from "../shared/msg-definition";
import { paginate } from "../shared/pagination";
import { closeBid, closeLease, createOrder } from "./lifecycle";
import { matchesPlacement } from "./placement";
import {
  BidState,
  LeaseClosedReason,
  LeaseState,
  MARKET_MODULE,
  OrderState,
  getBid,
  getLease,
  getOrder,
  orderBids,
  saveBid,
  saveLease,
  saveOrder,
  type BidRecord,
  type LeaseRecord,
  type OrderRecord,
} from "./store";

export interface MarketParams {
  bidMinDeposits: { denom: string; amount: bigint }[];
  orderMaxBids: number;
}

export const DEFAULT_MARKET_PARAMS: MarketParams = {
  bidMinDeposits: [
    { denom: "uakt", amount: 500000n },
    { denom: "uact", amount: 500000n },
  ],
  orderMaxBids: 20,
};

const err = {
  selfBid: sdkErrors.conflict("BidID: self-bid"),
  priceAboveMax: registered("market", 4, "bid price above max order price"),
  attributeMismatch: registered("market", 5, "attribute mismatch"),
  unknownBid: registered("market", 6, "unknown bid"),
  unknownLease: registered("market", 7, "unknown lease"),
  unknownLeaseForBid: registered("market", 8, "unknown lease for bid"),
  unknownOrderForBid: registered("market", 9, "unknown order for bid"),
  leaseNotActive: registered("market", 10, "lease not active"),
  bidNotActive: registered("market", 11, "bid not active"),
  bidNotOpen: registered("market", 12, "bid not open"),
  orderNotOpen: registered("market", 13, "bid: order not open"),
  orderNotFound: registered("market", 15, "invalid order: order not found"),
  groupNotFound: registered("market", 16, "group not found"),
  groupNotOpen: registered("market", 17, "group not open"),
  bidNotFound: registered("market", 18, "invalid bid: bid not found"),
  zeroPrice: registered("market", 19, "invalid bid: zero price"),
  leaseNotFound: registered("market", 20, "invalid lease: lease not found"),
  bidExists: registered("market", 21, "invalid bid: bid exists from provider"),
  invalidPrice: registered("market", 22, "bid price is invalid"),
  orderActive: registered("market", 23, "order active"),
  orderClosed: registered("market", 24, "order closed"),
  unknownProvider: registered("market", 30, "unknown provider"),
  capabilitiesMismatch: registered("market", 32, "capabilities mismatch"),
};

const ORDER_STATES: Record<string, number> = { open: 1, active: 2, closed: 3 };
const BID_STATES: Record<string, number> = { open: 1, active: 2, lost: 3, closed: 4 };
const LEASE_STATES: Record<string, number> = { active: 1, insufficient_funds: 2, closed: 3 };

export function marketParams(ctx: MsgContext | QueryContext): MarketParams {
  return ctx.storeOf(MARKET_MODULE).get<MarketParams>("params") ?? DEFAULT_MARKET_PARAMS;
}

interface WireBidId {
  owner: string;
  dseq: { toString(): string };
  gseq: number;
  oseq: number;
  provider: string;
  bseq: number;
}

function bidKeyOf(id: WireBidId | undefined): BidKey {
  return {
    owner: id?.owner ?? "",
    dseq: BigInt(id?.dseq.toString() ?? "0"),
    gseq: id?.gseq ?? 0,
    oseq: id?.oseq ?? 0,
    provider: id?.provider ?? "",
    bseq: id?.bseq ?? 0,
  };
}

function orderKeyOf(id: Omit<WireBidId, "provider" | "bseq"> | undefined): OrderKey {
  return {
    owner: id?.owner ?? "",
    dseq: BigInt(id?.dseq.toString() ?? "0"),
    gseq: id?.gseq ?? 0,
    oseq: id?.oseq ?? 0,
  };
}

function validateOrderId(id: OrderKey): void {
  if (!isAccountAddress(id.owner)) throw sdkErrors.invalidAddress("OrderID: Invalid Owner Address");
  if (id.dseq === 0n) throw sdkErrors.invalidSequence("OrderID: Invalid Deployment Sequence");
  if (id.gseq === 0) throw sdkErrors.invalidSequence("OrderID: Invalid Group Sequence");
  if (id.oseq === 0) throw sdkErrors.invalidSequence("OrderID: Invalid Order Sequence");
}

function validateBidId(id: BidKey): void {
  validateOrderId(id);
  if (!isAccountAddress(id.provider)) throw sdkErrors.invalidAddress("BidID: Invalid Provider Address");
  if (id.owner === id.provider) throw err.selfBid;
}

const decCoinProto = (c: DecCoinValue) => ({ denom: c.denom, amount: formatDecShort(c.amount) });
const idProto = (id: BidKey) => ({ ...id, dseq: id.dseq.toString() });

const orderProto = (o: OrderRecord) =>
  Order.fromPartial({
    id: { owner: o.owner, dseq: o.dseq.toString(), gseq: o.gseq, oseq: o.oseq },
    state: o.state,
    spec: o.spec,
    createdAt: o.createdAt,
  });

const bidProto = (b: BidRecord) =>
  Bid.fromPartial({
    id: idProto(b.id),
    state: b.state,
    price: decCoinProto(b.price),
    createdAt: b.createdAt,
    resourcesOffer: b.resourcesOffer,
  });

const leaseProto = (l: LeaseRecord) =>
  Lease.fromPartial({
    id: idProto(l.id),
    state: l.state,
    price: decCoinProto(l.price),
    createdAt: l.createdAt,
    closedOn: l.closedOn,
    reason: l.reason,
  });

const escrowOf = (ctx: MsgContext | QueryContext) => ctx.modules.get<EscrowModule>(ESCROW_MODULE).keeper;

/** QueryBidResponse bytes {1: bid, 2: escrow_account} from cached parts. */
function bidResponse(ctx: QueryContext, bid: BidRecord): Uint8Array {
  const account = escrowOf(ctx).getAccount(ctx, bidAccountId(bid.id));
  return messageBytes([
    [1, encodeOnce(bid, () => Bid.encode(bidProto(bid)).finish())],
    [
      2,
      account ? encodeOnce(account, () => Types_Account.encode(accountToProto(account)).finish()) : undefined,
    ],
  ]);
}

/** QueryLeaseResponse bytes {1: lease, 2: escrow_payment} from cached parts. */
function leaseResponse(ctx: QueryContext, lease: LeaseRecord): Uint8Array {
  const payment = escrowOf(ctx).getPayment(ctx, deploymentAccountId(lease.id), leasePaymentXid(lease.id));
  return messageBytes([
    [1, encodeOnce(lease, () => Lease.encode(leaseProto(lease)).finish())],
    [
      2,
      payment ? encodeOnce(payment, () => Types_Payment.encode(paymentToProto(payment)).finish()) : undefined,
    ],
  ]);
}

/** A list response: repeated items in field 1, pagination in field 2. */
function listBytes(items: Uint8Array[], pagination: PageResponse): Uint8Array {
  return messageBytes([
    ...items.map((item) => [1, item] as [number, Uint8Array]),
    [2, PageResponse.encode(pagination).finish()],
  ]);
}

function parseStateFilter(text: string, names: Record<string, number>): number | undefined {
  if (text === "") return undefined;
  const state = names[text];
  if (state === undefined) throw invalidArgument("invalid state value");
  return state;
}

interface IdFilters {
  owner: string;
  dseq: bigint;
  gseq: number;
  oseq: number;
  provider?: string;
  bseq?: number;
}

function filtersOf(
  f:
    | {
        owner: string;
        dseq: { toString(): string };
        gseq: number;
        oseq: number;
        provider?: string;
        bseq?: number;
      }
    | undefined,
): IdFilters {
  return {
    owner: f?.owner ?? "",
    dseq: BigInt(f?.dseq.toString() ?? "0"),
    gseq: f?.gseq ?? 0,
    oseq: f?.oseq ?? 0,
    provider: f?.provider ?? "",
    bseq: f?.bseq ?? 0,
  };
}

function matchesId(id: OrderKey & { provider?: string }, f: IdFilters): boolean {
  if (f.owner !== "" && id.owner !== f.owner) return false;
  if (f.dseq !== 0n && id.dseq !== f.dseq) return false;
  if (f.gseq !== 0 && id.gseq !== f.gseq) return false;
  if (f.oseq !== 0 && id.oseq !== f.oseq) return false;
  if (f.provider && id.provider !== f.provider) return false;
  return true;
}

/**
 * Picks the narrowest index for a listing: by state (optionally owner-prefixed), by provider, or by owner;
 * yields [indexKey, record] in index order.
 */
function* indexed<T>(
  store: KVStore,
  kind: "o" | "b" | "l",
  state: number | undefined,
  f: IdFilters,
): Generator<[string, T]> {
  const ownerPrefix = f.owner === "" ? "" : `${f.owner}/`;
  let prefix: string;
  let strip: number;
  if (state !== undefined) {
    prefix = `${kind}s/${state}/${ownerPrefix}`;
    strip = `${kind}s/${state}/`.length;
  } else if (kind !== "o" && f.provider && f.owner === "") {
    prefix = `${kind}p/${f.provider}/`;
    strip = prefix.length;
  } else {
    yield* store.iterate<T>(`${kind}/${ownerPrefix}`);
    return;
  }
  for (const [key] of store.iterate<true>(prefix)) {
    const record = store.get<T>(`${kind}/${key.slice(strip)}`);
    if (record !== undefined) yield [key, record];
  }
}

function checkOffsetNeedsState(
  pagination: { offset: { toString(): string } } | undefined,
  state: number | undefined,
) {
  if (Number(pagination?.offset.toString() ?? "0") > 0 && state === undefined) {
    throw invalidArgument("invalid request parameters. if offset is set, filter.state must be provided");
  }
}

export function marketModule(): ChainModule {
  return {
    name: MARKET_MODULE,
    msgs: Object.fromEntries([
      defineMsg({
        codec: MsgCreateBid,
        response: MsgCreateBidResponse,
        signers: (msg) => [msg.id?.provider ?? ""],
        validateBasic(msg) {
          const id = bidKeyOf(msg.id);
          validateBidId(id);
          if (id.bseq !== 0) throw sdkErrors.conflict("BidID: invalid bseq");
          const deposit = msg.deposit?.amount;
          if (!deposit || deposit.denom === "" || !/^\d+$/.test(deposit.amount)) {
            throw unregistered(`invalid deposit: ${deposit?.amount ?? ""}${deposit?.denom ?? ""}`);
          }
          validateDepositSources(msg.deposit?.sources ?? []);
          const price = parseDec(msg.price?.amount ?? "");
          if (!msg.price || msg.price.denom === "" || price === undefined || price === 0n)
            throw err.zeroPrice;
        },
        handle(ctx, msg) {
          const id = bidKeyOf(msg.id);
          const params = marketParams(ctx);
          const deposit = msg.deposit?.amount ?? { denom: "", amount: "0" };
          const minimum = params.bidMinDeposits.find((m) => m.denom === deposit.denom);
          if (!minimum) throw unregistered(`deposit invalid: unsupported denom ${deposit.denom}`);
          if (BigInt(deposit.amount) < minimum.amount) {
            throw unregistered(
              `deposit invalid: minimum:${minimum.amount}${minimum.denom} received:${deposit.amount}${deposit.denom}`,
            );
          }
          const existing = orderBids(ctx, id).filter((b) => b.state !== BidState.lost);
          if (existing.length > params.orderMaxBids) {
            throw unregistered(`invalid bid: too many existing bids (${params.orderMaxBids})`);
          }
          const order = getOrder(ctx, id);
          if (!order) throw err.orderNotFound;
          if (order.state === OrderState.active) throw err.orderActive;
          if (order.state !== OrderState.open) throw err.orderClosed;

          const price: DecCoinValue = {
            denom: msg.price?.denom ?? "",
            amount: parseDec(msg.price?.amount ?? "") ?? 0n,
          };
          const max = groupTotalPrice(order.spec);
          if (price.denom !== max.denom) {
            // The node compares DecCoins of different denoms, which panics inside the handler.
            throw new ChainError(
              "undefined",
              111222,
              `recovered: invalid coin denominations; ${price.denom}, ${max.denom}`,
            );
          }
          if (price.amount > max.amount) throw err.invalidPrice;
          if (msg.resourcesOffer.length > 0) {
            const matches =
              msg.resourcesOffer.length === order.spec.resources.length &&
              msg.resourcesOffer.every((offer) =>
                order.spec.resources.some(
                  (unit) => unit.resource?.id === offer.resources?.id && unit.count === offer.count,
                ),
              );
            if (!matches) throw err.capabilitiesMismatch;
          }
          const provider = getProvider(ctx, id.provider);
          if (!provider) throw err.unknownProvider;
          if (!matchesPlacement(order.spec, provider.attributes, auditsOf(ctx, id.provider))) {
            throw err.attributeMismatch;
          }
          const escrow = escrowOf(ctx);
          const depositors = escrow.authorizeDeposits(
            ctx,
            id.provider,
            { denom: deposit.denom, amount: BigInt(deposit.amount), sources: msg.deposit?.sources ?? [] },
            Scope.bid,
          );
          if (getBid(ctx, id)) throw err.bidExists;
          const bid: BidRecord = {
            id,
            state: BidState.open,
            price,
            createdAt: ctx.height,
            resourcesOffer: msg.resourcesOffer,
          };
          saveBid(ctx, bid);
          ctx.emitTyped(EventBidCreated.$type, { id: bidIdJson(id), price: decCoinJson(price) });
          escrow.accountCreate(ctx, bidAccountId(id), id.provider, depositors);
          return {};
        },
      }),
      defineMsg({
        codec: MsgCloseBid,
        response: MsgCloseBidResponse,
        signers: (msg) => [msg.id?.provider ?? ""],
        validateBasic(msg) {
          validateBidId(bidKeyOf(msg.id));
          if (msg.reason < 10000 || msg.reason > 19999) {
            throw registered(
              "market",
              33,
              `value "${msg.reason}" range 10000..19999: invalid lease closed reason`,
            );
          }
        },
        handle(ctx, msg) {
          const id = bidKeyOf(msg.id);
          const bid = getBid(ctx, id);
          if (!bid) throw err.unknownBid;
          const order = getOrder(ctx, id);
          if (!order) throw err.unknownOrderForBid;
          if (bid.state === BidState.open) {
            closeBid(ctx, bid);
            return {};
          }
          const lease = getLease(ctx, id);
          if (!lease) throw err.unknownLeaseForBid;
          if (lease.state !== LeaseState.active) throw err.leaseNotActive;
          if (bid.state !== BidState.active) throw err.bidNotActive;
          const group = getGroup(ctx, id);
          if (group && group.state === GroupState.open) {
            saveGroup(ctx, { ...group, state: GroupState.paused });
            ctx.emitTyped(EventGroupPaused.$type, { id: groupIdJson(group) });
          }
          closeLease(
            ctx,
            lease,
            { leaseState: LeaseState.closed, reason: msg.reason, closePayment: true },
            bid,
            order,
          );
          return {};
        },
      }),
      defineMsg({
        codec: MsgCreateLease,
        response: MsgCreateLeaseResponse,
        signers: (msg) => [msg.bidId?.owner ?? ""],
        validateBasic: (msg) => validateBidId(bidKeyOf(msg.bidId)),
        handle(ctx, msg) {
          const id = bidKeyOf(msg.bidId);
          const bid = getBid(ctx, id);
          if (!bid) throw err.bidNotFound;
          if (bid.state !== BidState.open) throw err.bidNotOpen;
          const order = getOrder(ctx, id);
          if (!order) throw err.orderNotFound;
          if (order.state !== OrderState.open) throw err.orderNotOpen;
          const group = getGroup(ctx, id);
          if (!group) throw err.groupNotFound;
          if (group.state !== GroupState.open) throw err.groupNotOpen;

          escrowOf(ctx).paymentCreate(
            ctx,
            deploymentAccountId(id),
            leasePaymentXid(id),
            id.provider,
            bid.price,
          );
          const lease: LeaseRecord = {
            id,
            state: LeaseState.active,
            price: bid.price,
            createdAt: ctx.height,
            closedOn: 0n,
            reason: 0,
          };
          saveLease(ctx, lease);
          saveOrder(ctx, { ...order, state: OrderState.active }, order.state);
          saveBid(ctx, { ...bid, state: BidState.active }, bid.state);
          ctx.emitTyped(EventLeaseCreated.$type, { id: bidIdJson(id), price: decCoinJson(bid.price) });
          // Competing bids lose (no event) and get their deposits back.
          for (const other of orderBids(ctx, id)) {
            if (other.id.provider !== id.provider && other.state === BidState.open) {
              closeBid(ctx, other, BidState.lost, false);
            }
          }
          return {};
        },
      }),
      defineMsg({
        codec: MsgCloseLease,
        response: MsgCloseLeaseResponse,
        signers: (msg) => [msg.id?.owner ?? ""],
        validateBasic: (msg) => validateBidId(bidKeyOf(msg.id)),
        handle(ctx, msg) {
          const id = bidKeyOf(msg.id);
          const order = getOrder(ctx, id);
          if (!order) throw err.orderNotFound;
          if (order.state !== OrderState.active) throw err.orderClosed;
          const bid = getBid(ctx, id);
          if (!bid) throw err.bidNotFound;
          if (bid.state !== BidState.active) throw err.bidNotActive;
          const lease = getLease(ctx, id);
          if (!lease) throw err.leaseNotFound;
          if (lease.state !== LeaseState.active) throw err.orderClosed;
          closeLease(
            ctx,
            lease,
            { leaseState: LeaseState.closed, reason: LeaseClosedReason.owner, closePayment: true },
            bid,
            order,
          );
          // Re-list: a still-open group gets a fresh order.
          const group = getGroup(ctx, id);
          if (group && group.state === GroupState.open) createOrder(ctx, group, group.spec);
          return {};
        },
      }),
      defineMsg({
        codec: MsgWithdrawLease,
        response: MsgWithdrawLeaseResponse,
        signers: (msg) => [msg.id?.provider ?? ""],
        validateBasic: (msg) => validateBidId(bidKeyOf(msg.id)),
        handle(ctx, msg) {
          const id = bidKeyOf(msg.id);
          if (!getLease(ctx, id)) throw err.unknownLease;
          escrowOf(ctx).paymentWithdraw(ctx, deploymentAccountId(id), leasePaymentXid(id));
          return {};
        },
      }),
    ]),
    queries: {
      "/akash.market.v1beta5.Query/Orders"(ctx, request) {
        const req = QueryOrdersRequest.decode(request);
        const f = filtersOf(req.filters);
        const state = parseStateFilter(req.filters?.state ?? "", ORDER_STATES);
        checkOffsetNeedsState(req.pagination, state);
        const page = paginate(
          indexed<OrderRecord>(ctx.storeOf(MARKET_MODULE), "o", state, f),
          req.pagination,
          (_k, o) =>
            matchesId(o, f) ? encodeOnce(o, () => Order.encode(orderProto(o)).finish()) : undefined,
        );
        return listBytes(page.items, page.pagination);
      },
      "/akash.market.v1beta5.Query/Order"(ctx, request) {
        const req = QueryOrderRequest.decode(request);
        const order = getOrder(ctx, orderKeyOf(req.id));
        if (!order) throw notFound("market", 15, "invalid order: order not found");
        return QueryOrderResponse.encode({ order: orderProto(order) }).finish();
      },
      "/akash.market.v1beta5.Query/Bids"(ctx, request) {
        const req = QueryBidsRequest.decode(request);
        const f = filtersOf(req.filters);
        const state = parseStateFilter(req.filters?.state ?? "", BID_STATES);
        checkOffsetNeedsState(req.pagination, state);
        const page = paginate(
          indexed<BidRecord>(ctx.storeOf(MARKET_MODULE), "b", state, f),
          req.pagination,
          (_k, b) => (matchesId(b.id, f) ? bidResponse(ctx, b) : undefined),
        );
        return listBytes(page.items, page.pagination);
      },
      "/akash.market.v1beta5.Query/Bid"(ctx, request) {
        const req = QueryBidRequest.decode(request);
        const bid = getBid(ctx, bidKeyOf(req.id));
        if (!bid) throw notFound("market", 18, "invalid bid: bid not found");
        return bidResponse(ctx, bid);
      },
      "/akash.market.v1beta5.Query/Leases"(ctx, request) {
        const req = QueryLeasesRequest.decode(request);
        const f = filtersOf(req.filters);
        const state = parseStateFilter(req.filters?.state ?? "", LEASE_STATES);
        checkOffsetNeedsState(req.pagination, state);
        const page = paginate(
          indexed<LeaseRecord>(ctx.storeOf(MARKET_MODULE), "l", state, f),
          req.pagination,
          (_k, l) => (matchesId(l.id, f) ? leaseResponse(ctx, l) : undefined),
        );
        return listBytes(page.items, page.pagination);
      },
      "/akash.market.v1beta5.Query/Lease"(ctx, request) {
        const req = QueryLeaseRequest.decode(request);
        const lease = getLease(ctx, bidKeyOf(req.id));
        if (!lease) throw notFound("market", 20, "invalid lease: lease not found");
        return leaseResponse(ctx, lease);
      },
      "/akash.market.v1beta5.Query/Params"(ctx, request) {
        QueryParamsRequest.decode(request);
        const params = marketParams(ctx);
        const coins = params.bidMinDeposits.map((c) => ({ denom: c.denom, amount: c.amount.toString() }));
        return QueryParamsResponse.encode({
          params: {
            bidMinDeposit: coins.find((c) => c.denom === "uakt"),
            orderMaxBids: params.orderMaxBids,
            bidMinDeposits: coins,
          },
        }).finish();
      },
    },
  };
}
