/**
 * Market params (akash.market.v1beta5.Params): bid deposits, bids per order and, since v2.1, the governance bounds
 * of reclamation windows. Mainnet has 1 h..720 h; the localnet scales the minimum to its block time like its other
 * timeouts (see `localnetMarketGenesis`), so reclamation can be exercised in seconds.
 */
import type { MsgContext, QueryContext } from "../../../module";
import { durationFromSeconds } from "../v21/wire";
import { MARKET_MODULE } from "./store";

export interface MarketParams {
  bidMinDeposits: { denom: string; amount: bigint }[];
  orderMaxBids: number;
  /** Governance bounds of any reclamation window (deployment minimum or bid offer), nanoseconds. */
  minReclamationWindowNs: bigint;
  maxReclamationWindowNs: bigint;
}

const HOUR_NS = 3_600_000_000_000n;

export const DEFAULT_MARKET_PARAMS: MarketParams = {
  bidMinDeposits: [
    { denom: "uakt", amount: 500000n },
    { denom: "uact", amount: 500000n },
  ],
  orderMaxBids: 20,
  minReclamationWindowNs: HOUR_NS,
  maxReclamationWindowNs: 720n * HOUR_NS,
};

/** Genesis part: `modules.market` (optional). Windows in seconds. */
export interface MarketGenesis {
  params?: { minReclamationWindowSeconds?: number; maxReclamationWindowSeconds?: number };
}

const PARAMS_KEY = "params";

export function marketParams(ctx: MsgContext | QueryContext): MarketParams {
  return ctx.storeOf(MARKET_MODULE).get<MarketParams>(PARAMS_KEY) ?? DEFAULT_MARKET_PARAMS;
}

export function initMarketGenesis(ctx: MsgContext, genesis: MarketGenesis | undefined): void {
  const params = genesis?.params;
  if (!params) return;
  const min = params.minReclamationWindowSeconds;
  const max = params.maxReclamationWindowSeconds;
  const next: MarketParams = {
    ...DEFAULT_MARKET_PARAMS,
    ...(min === undefined ? {} : { minReclamationWindowNs: durationFromSeconds(min) }),
    ...(max === undefined ? {} : { maxReclamationWindowNs: durationFromSeconds(max) }),
  };
  // The node's Params.Validate: min >= 0, max > 0, max > min.
  if (next.minReclamationWindowNs < 0n || next.maxReclamationWindowNs <= next.minReclamationWindowNs) {
    throw new Error(
      `market genesis: reclamation windows need 0 <= min < max, got min ${min ?? "default"}s, max ${max ?? "default"}s`,
    );
  }
  ctx.storeOf(MARKET_MODULE).set<MarketParams>(PARAMS_KEY, next);
}

const MAINNET_BLOCK_MS = 6_500;

/**
 * The localnet's market genesis for a block time: min_reclamation_window is mainnet's 1 h scaled by
 * blockTimeMs / 6500 ms (mainnet's average block), at least 1 s and in whole seconds; max stays 720 h so any
 * mainnet-valid SDL is accepted. `minWindowMs` overrides the minimum (tests).
 */
export function localnetMarketGenesis(blockTimeMs: number, minWindowMs?: number): MarketGenesis {
  const scaledMs = minWindowMs ?? (3_600_000 * blockTimeMs) / MAINNET_BLOCK_MS;
  return { params: { minReclamationWindowSeconds: Math.max(1, Math.round(scaledMs / 1000)) } };
}
