/**
 * On-chain numbers as the provider reads them: `ResourceValue.val` is a cosmossdk.io/math.Int marshalled as its
 * decimal text in a bytes field. DecCoin amounts are LegacyDec: 10^18-scaled integers on the wire, which
 * chain-sdk's generated (patched) DecCoin codec turns into plain decimals ("72.504") on decode and back on encode,
 * so this code works with plain decimals and keeps 10^18-scaled bigints ("atomics") for arithmetic.
 */
const utf8 = new TextDecoder();

export const DEC_PRECISION = 18;
export const DEC_ONE = 10n ** 18n;

export function resourceValueToBigInt(val: Uint8Array | undefined): bigint {
  if (val === undefined || val.length === 0) return 0n;
  const text = utf8.decode(val);
  return /^-?\d+$/.test(text) ? BigInt(text) : 0n;
}

/** A decimal amount as chain-sdk decodes it ("1000", "72.504") to atomics. */
export function decAtomics(amount: string): bigint {
  if (amount === "") return 0n;
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(amount.trim());
  if (match === null) throw new Error(`invalid decimal amount "${amount}"`);
  const [, sign, whole, fraction = ""] = match as unknown as [string, string, string, string | undefined];
  const value =
    BigInt(whole) * DEC_ONE + BigInt((fraction + "0".repeat(DEC_PRECISION)).slice(0, DEC_PRECISION));
  return sign === "-" ? -value : value;
}

/** Human form of atomics (trailing zeros trimmed), e.g. 1500000000000000000n → "1.5". */
export function formatDec(atomics: bigint): string {
  const negative = atomics < 0n;
  const abs = negative ? -atomics : atomics;
  const whole = abs / DEC_ONE;
  const fraction = (abs % DEC_ONE).toString().padStart(DEC_PRECISION, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}
