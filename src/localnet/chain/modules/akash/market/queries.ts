/**
 * akash.market.v1beta5.Query: orders, bids and leases (by id, or listed with filters and pagination through the
 * narrowest index) and params. Rules and error texts follow the node's `x/market/keeper/grpc_query.go`.
 */
import {
  QueryBidRequest,
  QueryBidsRequest,
  QueryLeaseRequest,
  QueryLeasesRequest,
  QueryOrderRequest,
  QueryOrdersRequest,
  QueryParamsRequest,
  Params,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import { PageResponse } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import type { KVStore, QueryHandler } from "../../../module";
import { messageBytes } from "../shared/encoded-cache";
import { invalidArgument, notFound } from "../shared/errors";
import type { OrderKey } from "../shared/event-json";
import { paginate } from "../shared/pagination";
import { withMarketReclamationBounds } from "../v21/records";
import { bidResponse, leaseResponse, orderBytes } from "./encoding";
import { bidKeyOf, orderKeyOf } from "./ids";
import { marketParams } from "./params";
import {
  MARKET_MODULE,
  getBid,
  getLease,
  getOrder,
  type BidRecord,
  type LeaseRecord,
  type OrderRecord,
} from "./store";

const ORDER_STATES: Record<string, number> = { open: 1, active: 2, closed: 3 };
const BID_STATES: Record<string, number> = { open: 1, active: 2, lost: 3, closed: 4 };
const LEASE_STATES: Record<string, number> = { active: 1, insufficient_funds: 2, closed: 3, reclaiming: 4 };

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

interface WireFilters {
  owner: string;
  dseq: { toString(): string };
  gseq: number;
  oseq: number;
  provider?: string;
  bseq?: number;
}

function filtersOf(f: WireFilters | undefined): IdFilters {
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

export const marketQueries: Record<string, QueryHandler> = {
  "/akash.market.v1beta5.Query/Orders"(ctx, request) {
    const req = QueryOrdersRequest.decode(request);
    const f = filtersOf(req.filters);
    const state = parseStateFilter(req.filters?.state ?? "", ORDER_STATES);
    checkOffsetNeedsState(req.pagination, state);
    const page = paginate(
      indexed<OrderRecord>(ctx.storeOf(MARKET_MODULE), "o", state, f),
      req.pagination,
      (_k, o) => (matchesId(o, f) ? orderBytes(o) : undefined),
    );
    return listBytes(page.items, page.pagination);
  },
  "/akash.market.v1beta5.Query/Order"(ctx, request) {
    const req = QueryOrderRequest.decode(request);
    const order = getOrder(ctx, orderKeyOf(req.id));
    if (!order) throw notFound("market", 15, "invalid order: order not found");
    return messageBytes([[1, orderBytes(order)]]);
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
    const base = Params.encode(
      Params.fromPartial({
        bidMinDeposit: coins.find((c) => c.denom === "uakt"),
        orderMaxBids: params.orderMaxBids,
        bidMinDeposits: coins,
      }),
    ).finish();
    const withBounds = withMarketReclamationBounds(base, {
      minNs: params.minReclamationWindowNs,
      maxNs: params.maxReclamationWindowNs,
    });
    return messageBytes([[1, withBounds]]);
  },
};
