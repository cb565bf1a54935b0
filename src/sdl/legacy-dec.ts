/**
 * Cosmos `LegacyDec` (18 fractional digits) for prices, with Go's parsing rules (cosmossdk.io/math
 * LegacyNewDecFromStr): optional sign, digits, optional fraction of at most 18 digits; no exponent.
 */

export const LEGACY_DEC_PRECISION = 18;
const SCALE = 10n ** BigInt(LEGACY_DEC_PRECISION);

/** Parses a decimal string into atomics (value × 10^18); undefined if Go would reject it. */
export function parseLegacyDec(text: string): bigint | undefined {
  const match = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text); // Go rejects ".5", "5." and exponents
  if (!match) return undefined;
  const [, sign, whole = "", fraction = ""] = match;
  if (fraction.length > LEGACY_DEC_PRECISION) return undefined;
  const atomics = BigInt(whole) * SCALE + BigInt(fraction.padEnd(LEGACY_DEC_PRECISION, "0"));
  return sign === "-" ? -atomics : atomics;
}

/** Formats atomics the way Go's LegacyDec.String() does: always 18 fractional digits ("50.000000000000000000"). */
export function formatLegacyDec(atomics: bigint): string {
  const negative = atomics < 0n;
  const abs = negative ? -atomics : atomics;
  const whole = abs / SCALE;
  const fraction = (abs % SCALE).toString().padStart(LEGACY_DEC_PRECISION, "0");
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

export function legacyDecFromInteger(value: number): bigint {
  return BigInt(value) * SCALE;
}
