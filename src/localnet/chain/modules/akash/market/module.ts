/**
 * The market (akash.market.v1beta5): providers bid on orders with a deposit, the tenant picks a bid to create a
 * lease (an escrow payment at the bid price per block), and either side closes it; with v2.1 reclamation a bid may
 * offer a window that the lease inherits (see reclamation.ts). Rules and error texts follow the node's
 * `x/market/handler/server.go`; queries are in queries.ts.
 */
import {
  EventBidCreated,
  EventGroupPaused,
  EventLeaseCreated,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import {
  MsgCloseBid,
  MsgCloseBidResponse,
  MsgCloseLease,
  MsgCloseLeaseResponse,
  MsgCreateBidResponse,
  MsgCreateLease,
  MsgCreateLeaseResponse,
  MsgWithdrawLease,
  MsgWithdrawLeaseResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import { ChainError, type ChainModule, type MsgContext, type QueryContext } from "../../../module";
import { auditsOf } from "../audit/store";
import { GroupState, getGroup, saveGroup } from "../deployment/store";
import { groupTotalPrice } from "../deployment/group-validation";
import { validateDepositSources } from "../escrow/deposit-rules";
import { bidAccountId, deploymentAccountId, leasePaymentXid } from "../escrow/ids";
import { ESCROW_MODULE } from "../escrow/keeper";
import type { EscrowModule } from "../escrow/module";
import { Scope } from "../escrow/records";
import { getProvider } from "../provider/module";
import { parseDec, type DecCoinValue } from "../shared/decimal";
import { sdkErrors, unregistered } from "../shared/errors";
import { bidIdJson, decCoinJson, groupIdJson } from "../shared/event-json";
import { defineMsg } from "../shared/msg-definition";
import { MsgCreateBidV21 } from "../v21/messages";
import { checkProviderReason, marketErrors as err } from "./errors";
import { bidKeyOf, validateBidId } from "./ids";
import { closeBid, closeLease, createOrder } from "./lifecycle";
import { initMarketGenesis, marketParams, type MarketGenesis } from "./params";
import { matchesPlacement } from "./placement";
import { marketQueries } from "./queries";
import { checkBidReclamation, checkProviderMayCloseLease, leaseStartReclaimMsg } from "./reclamation";
import {
  BidState,
  LeaseClosedReason,
  LeaseState,
  MARKET_MODULE,
  OrderState,
  getBid,
  getLease,
  getOrder,
  isLeaseOpen,
  orderBids,
  saveBid,
  saveLease,
  saveOrder,
  type BidRecord,
  type LeaseRecord,
} from "./store";

export { marketParams, DEFAULT_MARKET_PARAMS, type MarketParams } from "./params";

const escrowOf = (ctx: MsgContext | QueryContext) => ctx.modules.get<EscrowModule>(ESCROW_MODULE).keeper;

const createBidMsg = defineMsg({
  codec: MsgCreateBidV21,
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
    if (!msg.price || msg.price.denom === "" || price === undefined || price === 0n) throw err.zeroPrice;
    if (msg.reclamationWindowNs !== undefined && msg.reclamationWindowNs < 0n)
      throw err.reclamationWindowInvalid;
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
    checkBidReclamation(order, msg.reclamationWindowNs, params);
    if (getBid(ctx, id)) throw err.bidExists;
    const bid: BidRecord = {
      id,
      state: BidState.open,
      price,
      createdAt: ctx.height,
      resourcesOffer: msg.resourcesOffer,
      ...(msg.reclamationWindowNs === undefined ? {} : { reclamationWindowNs: msg.reclamationWindowNs }),
    };
    saveBid(ctx, bid);
    ctx.emitTyped(EventBidCreated.$type, { id: bidIdJson(id), price: decCoinJson(price) });
    escrow.accountCreate(ctx, bidAccountId(id), id.provider, depositors);
    return {};
  },
});

const closeBidMsg = defineMsg({
  codec: MsgCloseBid,
  response: MsgCloseBidResponse,
  signers: (msg) => [msg.id?.provider ?? ""],
  validateBasic(msg) {
    validateBidId(bidKeyOf(msg.id));
    checkProviderReason(msg.reason);
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
    checkProviderMayCloseLease(ctx, lease);
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
});

const createLeaseMsg = defineMsg({
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

    escrowOf(ctx).paymentCreate(ctx, deploymentAccountId(id), leasePaymentXid(id), id.provider, bid.price);
    const lease: LeaseRecord = {
      id,
      state: LeaseState.active,
      price: bid.price,
      createdAt: ctx.height,
      closedOn: 0n,
      reason: 0,
      ...(bid.reclamationWindowNs === undefined
        ? {}
        : {
            reclamation: { windowNs: bid.reclamationWindowNs, startedAt: 0n, deadline: 0n, reason: 0 },
          }),
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
});

const closeLeaseMsg = defineMsg({
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
    if (!isLeaseOpen(lease.state)) throw err.orderClosed;
    closeLease(
      ctx,
      lease,
      { leaseState: LeaseState.closed, reason: LeaseClosedReason.owner, closePayment: true },
      bid,
      order,
    );
    // Re-list: a still-open group gets a fresh order.
    const group = getGroup(ctx, id);
    if (group && group.state === GroupState.open) createOrder(ctx, group, group.spec, order.reclamation);
    return {};
  },
});

const withdrawLeaseMsg = defineMsg({
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
});

export function marketModule(): ChainModule {
  return {
    name: MARKET_MODULE,
    msgs: Object.fromEntries([
      createBidMsg,
      closeBidMsg,
      createLeaseMsg,
      closeLeaseMsg,
      leaseStartReclaimMsg,
      withdrawLeaseMsg,
    ]),
    queries: marketQueries,
    initGenesis: (ctx, genesis) => initMarketGenesis(ctx, genesis as MarketGenesis | undefined),
  };
}
