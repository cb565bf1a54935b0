/**
 * The oracle (akash.oracle.v2) as the BME sees it: an AKT/USD price and whether it is healthy. On mainnet, price
 * sources (Pyth via CosmWasm) post entries and the EndBlocker aggregates those newer than
 * `max_price_staleness_period` (30 s); with none left the price is unhealthy and every reader fails with
 * "price stalled". The localnet has one implicit source that feeds a fixed price every block until the operator
 * stalls it (control API, recorded in the block log as this module's block input); the price is unhealthy from
 * the first block without a feed. ACT is pegged at 1 USD, as on chain.
 */
import {
  QueryAggregatedPriceRequest,
  QueryAggregatedPriceResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import type { ChainModule, MsgContext, QueryContext } from "../../../module";
import { DEC_ONE, formatDec, parseDec } from "../shared/decimal";
import { invalidArgument, registered } from "../shared/errors";
import { moduleStore } from "../shared/module-store";

export const ORACLE_MODULE = "oracle";

/** oracle.v2 ErrPriceStalled: registered with plain `Register`, so queries report it as gRPC Unknown. */
export const priceStalled = () => registered("oracle.v2", 4, "price stalled");

/** Genesis part: `modules.oracle` (optional). */
export interface OracleGenesis {
  /** AKT price in USD (= in ACT), decimal string; default "1". */
  aktPrice?: string;
}

/** This module's block input (control API): stall or resume the feed, and/or change the fed price. */
export interface OracleFeedInput {
  stalled?: boolean;
  aktPrice?: string;
}

interface OracleState {
  /** AKT/USD as 1e18-scaled atomics. */
  price: bigint;
  stalled: boolean;
  healthy: boolean;
  /** Block time (ms) of the last feed; the aggregate's timestamp. */
  lastFeedMs: number;
  lastFeedHeight: bigint;
}

const STATE_KEY = "state";
const AKT = "akt";
const BASE = "usd";

function state(ctx: MsgContext | QueryContext): OracleState {
  return (
    moduleStore(ctx, ORACLE_MODULE).get<OracleState>(STATE_KEY) ?? {
      price: DEC_ONE,
      stalled: false,
      healthy: true,
      lastFeedMs: 0,
      lastFeedHeight: 0n,
    }
  );
}

/** The oracle's view of the feed, for the localnet's control API and tests. */
export function oracleFeed(ctx: MsgContext | QueryContext): {
  aktPrice: string;
  stalled: boolean;
  healthy: boolean;
} {
  const s = state(ctx);
  return { aktPrice: formatDec(s.price), stalled: s.stalled, healthy: s.healthy };
}

/**
 * keeper.GetAggregatedPrice: the TWAP of `denom` in USD (uakt/uact are normalised to akt/act; ACT is always 1),
 * as 1e18-scaled atomics; throws "price stalled" while the price is unhealthy.
 */
export function aggregatedPrice(ctx: MsgContext | QueryContext, denom: string): bigint {
  const base = denom === "uakt" ? AKT : denom === "uact" ? "act" : denom;
  if (base === "act") return DEC_ONE;
  const s = state(ctx);
  if (base !== AKT || !s.healthy) throw priceStalled();
  return s.price;
}

/** Validates a control-API input before it is queued for a block. */
export function checkOracleFeedInput(input: OracleFeedInput): void {
  if (input.aktPrice !== undefined) {
    const price = parseDec(input.aktPrice);
    if (price === undefined || price === 0n) {
      throw new Error(`aktPrice must be a positive decimal (e.g. "3.25"), got "${input.aktPrice}"`);
    }
  }
}

function applyInput(s: OracleState, input: unknown): OracleState {
  if (input === null || typeof input !== "object") return s;
  const feed = input as OracleFeedInput;
  const price = feed.aktPrice === undefined ? undefined : parseDec(feed.aktPrice);
  return {
    ...s,
    ...(typeof feed.stalled === "boolean" ? { stalled: feed.stalled } : {}),
    ...(price ? { price } : {}),
  };
}

const dataId = { denom: AKT, base_denom: BASE };

export function oracleModule(): ChainModule {
  return {
    name: ORACLE_MODULE,
    msgs: {},
    queries: {
      "/akash.oracle.v2.Query/AggregatedPrice"(ctx, request) {
        // Wire-identical to oracle v1's messages, which the installed chain-sdk has.
        const req = QueryAggregatedPriceRequest.decode(request);
        // Only AKT is fed (ACT is pegged, not stored). A plain collections error: InvalidArgument over ABCI.
        if (req.denom !== AKT) {
          throw invalidArgument(
            `collections: not found: key '${req.denom}/${BASE}' of type akash.oracle.v2.AggregatedPrice`,
          );
        }
        const s = state(ctx);
        const price = formatDec(s.price);
        return QueryAggregatedPriceResponse.encode(
          QueryAggregatedPriceResponse.fromPartial({
            aggregatedPrice: {
              denom: AKT,
              twap: price,
              medianPrice: price,
              minPrice: price,
              maxPrice: price,
              timestamp: new Date(s.lastFeedMs),
              numSources: s.healthy ? 1 : 0,
              deviationBps: 0,
            },
            priceHealth: {
              denom: AKT,
              isHealthy: s.healthy,
              hasMinSources: s.healthy,
              deviationOk: true,
              totalSources: 1,
              totalHealthySources: s.healthy ? 1 : 0,
              failureReason: s.healthy ? [] : ["insufficient price sources: 0 < 1"],
            },
          }),
        ).finish();
      },
    },
    beginBlock(ctx, input) {
      if (input === undefined) return;
      moduleStore(ctx, ORACLE_MODULE).set<OracleState>(STATE_KEY, applyInput(state(ctx), input));
    },
    endBlock(ctx) {
      const s = state(ctx);
      const healthy = !s.stalled;
      const next: OracleState = healthy
        ? { ...s, healthy, lastFeedMs: ctx.time.getTime(), lastFeedHeight: ctx.height }
        : { ...s, healthy };
      moduleStore(ctx, ORACLE_MODULE).set<OracleState>(STATE_KEY, next);
      if (healthy !== s.healthy) {
        ctx.emitTyped(
          healthy ? "akash.oracle.v2.EventPriceRecovered" : "akash.oracle.v2.EventPriceStaled",
          healthy ? { id: dataId, height: ctx.height } : { id: dataId, last_height: s.lastFeedHeight },
        );
      }
    },
    initGenesis(ctx, genesis) {
      const g = (genesis as OracleGenesis | undefined) ?? {};
      moduleStore(ctx, ORACLE_MODULE).set<OracleState>(STATE_KEY, {
        price: parseDec(g.aktPrice ?? "1") ?? DEC_ONE,
        stalled: false,
        healthy: true,
        lastFeedMs: ctx.time.getTime(),
        lastFeedHeight: 0n,
      });
    },
  };
}
