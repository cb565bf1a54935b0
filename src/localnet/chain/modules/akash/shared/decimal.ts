/**
 * Cosmos `LegacyDec` arithmetic on bigints. Prices, escrow funds and payment balances are decimals with 18
 * fractional digits on chain; holding them as scaled bigints keeps settlement exact and deterministic.
 */

export const DEC_PRECISION = 18;
export const DEC_ONE = 10n ** 18n;

const DECIMAL_PATTERN = /^(\d+)(?:\.(\d+))?$/;

/** Parses a non-negative decimal string ("1.5", "100") into atomics scaled by 1e18; undefined if malformed. */
export function parseDec(text: string): bigint | undefined {
  const match = DECIMAL_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const whole = match[1] ?? "0";
  const fraction = match[2] ?? "";
  if (fraction.length > DEC_PRECISION) return undefined;
  return BigInt(whole) * DEC_ONE + BigInt(fraction.padEnd(DEC_PRECISION, "0") || "0");
}

/** Formats atomics as the SDK prints a LegacyDec: always 18 fractional digits ("1.500000000000000000"). */
export function formatDec(atomics: bigint): string {
  const negative = atomics < 0n;
  const abs = negative ? -atomics : atomics;
  const whole = abs / DEC_ONE;
  const fraction = (abs % DEC_ONE).toString().padStart(DEC_PRECISION, "0");
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

/** Shortest decimal form ("1.5", "100"), which is what chain-sdk's patched DecCoin encoder expects. */
export function formatDecShort(atomics: bigint): string {
  const full = formatDec(atomics);
  return full.replace(/\.?0+$/, "") || "0";
}

export function decFromInt(amount: bigint): bigint {
  return amount * DEC_ONE;
}

/** Integer part, rounding towards zero (the SDK's TruncateInt). */
export function truncateDec(atomics: bigint): bigint {
  return atomics / DEC_ONE;
}

/** A decimal coin as modules keep it in state. */
export interface DecCoinValue {
  denom: string;
  /** Scaled by 1e18. */
  amount: bigint;
}

/** "500000uact" — the SDK's Coin.String(). */
export function coinText(amount: bigint, denom: string): string {
  return `${amount}${denom}`;
}

/** "1.500000000000000000uact" — the SDK's DecCoin.String(). */
export function decCoinText(coin: DecCoinValue): string {
  return `${formatDec(coin.amount)}${coin.denom}`;
}
