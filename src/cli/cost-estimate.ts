/**
 * What a price per block means per month, and amounts in the units people think in (uact → ACT). Chains price
 * leases per block, so a monthly figure depends on the block time: it is always printed with the block time it
 * assumes and where that came from.
 */
import { fromFixed18, toFixed18 } from "../domain/escrow-runway";

/** An average month (365.25 / 12 days), as Akash Console counts it (console: api/src/utils/constants.ts). */
export const SECONDS_PER_MONTH = 30.4375 * 24 * 3600;

/**
 * Mainnet's average block time as Akash Console uses it for monthly prices (console: api/src/utils/constants.ts,
 * averageBlockTime = 6.174). The node's own constant is a rounder 6.5 s (node: util/network/network.go).
 */
export const MAINNET_BLOCK_SECONDS = 6.174;

export interface BlockTime {
  seconds: number;
  /** Where the figure comes from, e.g. "the localnet's" or "measured on akashnet-2". */
  source: string;
}

const MICRO = 10n ** 6n;

/** "uact" → "ACT"; undefined for denoms without a micro prefix (IBC denoms). */
export function wholeUnit(denom: string): string | undefined {
  return /^u[a-z]+$/.test(denom) ? denom.slice(1).toUpperCase() : undefined;
}

function roundText(value: bigint, decimals: number): string {
  const text = fromFixed18(value);
  const [whole, fraction = ""] = text.split(".");
  const kept = fraction.slice(0, decimals).replace(/0+$/, "");
  return kept ? `${whole}.${kept}` : whole!;
}

/** A decimal amount of a micro denom in whole units: ("5000000", "uact") → "5 ACT". */
export function inWholeUnits(amount: string, denom: string, decimals = 6): string {
  const unit = wholeUnit(denom);
  if (!unit) return `${amount} ${denom}`;
  return `${roundText(toFixed18(amount) / MICRO, decimals)} ${unit}`;
}

/** Price per block (decimal, micro denom) → whole units per month at `blockSeconds`: "57.15 ACT". */
export function perMonth(perBlock: string, denom: string, blockSeconds: number): string {
  // Block counts are whole; fractions of a block time are kept by scaling by 1000.
  const millis = BigInt(Math.round(blockSeconds * 1000));
  const blocks = (BigInt(Math.round(SECONDS_PER_MONTH)) * 1000n * 10n ** 18n) / millis;
  const total = (toFixed18(perBlock) * blocks) / 10n ** 18n;
  return inWholeUnits(fromFixed18(total), denom, 2);
}

/** "22.0512 uact/block ≈ 57.15 ACT/month at the localnet's 1 s/block". */
export function describePrice(perBlock: string, denom: string, at: BlockTime): string {
  return `${perBlock} ${denom}/block ≈ ${perMonth(perBlock, denom, at.seconds)}/month at ${at.source} ${at.seconds} s/block`;
}

/** For the localnet, what the same price would cost on mainnet, whose blocks are slower. */
export function onMainnet(perBlock: string, denom: string): string {
  return `≈ ${perMonth(perBlock, denom, MAINNET_BLOCK_SECONDS)}/month on mainnet (~${MAINNET_BLOCK_SECONDS} s/block)`;
}
