/**
 * ACT minting as the Chain port sees it: the burn-mint equilibrium's status and params, the oracle price it
 * converts at, and a quote of how much AKT to burn for an amount of ACT.
 */
import type { Coin } from "./coins";

/** Burn-mint equilibrium (ACT minting) status. */
export interface BmeStatus {
  /** e.g. "healthy", "warning", "halt_cr", "halt_oracle". */
  status: string;
  mintsAllowed: boolean;
  refundsAllowed: boolean;
  collateralRatio: string;
}

/** BME parameters that decide how much ACT a burn of AKT yields. */
export interface BmeParams {
  /** Share of a mint kept by the vault, in basis points (mainnet 25). */
  mintSpreadBps: number;
  /** Smallest mint the chain executes, per denom (mainnet 10 ACT); smaller ones are canceled and refunded. */
  minMint: Coin[];
  /** Blocks between executions of queued mints. */
  minEpochBlocks: number;
}

/**
 * The oracle's aggregated price of an asset (chain v2.1 oracle), quoted in USD; ACT is pegged at 1 USD, so for
 * AKT this is also its price in ACT.
 */
export interface OraclePrice {
  /** Base denom, e.g. "akt". */
  denom: string;
  quote: "usd";
  /** Time-weighted average price: what the BME converts at. Decimal string. */
  price: string;
  median: string;
  timestamp?: Date;
  /** False while the price is stalled (no fresh sources): minting is paused. */
  healthy: boolean;
  /** The chain's reasons when unhealthy, e.g. "insufficient price sources: 0 < 1". */
  problems: string[];
}

/** How much AKT to burn for a wanted amount of ACT, at the current oracle price, by the chain's own arithmetic. */
export interface ActMintQuote {
  /** uakt to burn. */
  burn: Coin;
  /** uact the mint yields (at least what was asked for, unless below the minimum). */
  receive: Coin;
  /** The AKT price used (decimal, USD = ACT). */
  price: string;
  spreadBps: number;
  /** The chain would cancel this mint: `receive` is below min_mint. Mint at least `minMint` instead. */
  belowMinimum: boolean;
  minMint: Coin;
}
