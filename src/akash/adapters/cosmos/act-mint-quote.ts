/**
 * The BME's AKT→ACT conversion (node v2.1 `x/bme/keeper` prepareToBM) in the chain's LegacyDec arithmetic, and its
 * inverse: the smallest burn that yields a wanted amount. minted = trunc(burn × price); the vault keeps
 * trunc(minted-dec × mint_spread_bps / 10000) (rounded half-even to 18 decimals first); the owner gets the rest.
 */

const ONE = 10n ** 18n;

/** LegacyDec chopPrecisionAndRound: 36 → 18 decimals, half to even. */
function chop(value: bigint): bigint {
  const quotient = value / ONE;
  const remainder = value % ONE;
  if (remainder * 2n < ONE) return quotient;
  if (remainder * 2n > ONE) return quotient + 1n;
  return quotient % 2n === 0n ? quotient : quotient + 1n;
}

/** A decimal string ("3", "2.5") as 1e18-scaled atomics; undefined if malformed. */
export function decAtomics(text: string): bigint | undefined {
  const match = /^(\d+)(?:\.(\d{1,18}))?$/.exec(text.trim());
  if (!match) return undefined;
  return BigInt(match[1]!) * ONE + BigInt((match[2] ?? "").padEnd(18, "0") || "0");
}

/** uact the owner receives for burning `burn` uakt at `price` (AKT in USD = ACT, 1e18-scaled). */
export function mintedFor(
  burn: bigint,
  price: bigint,
  spreadBps: bigint,
): { minted: bigint; receive: bigint } {
  // swap rate = price(AKT) / price(ACT = 1): exact. minted-dec = burn × rate.
  const mintedDec = burn * price;
  const minted = mintedDec / ONE;
  const spread = spreadBps > 0n ? chop(mintedDec * spreadBps * 10n ** 14n) / ONE : 0n;
  return { minted, receive: minted - spread };
}

/** The smallest uakt burn whose mint gives the owner at least `want` uact. */
export function burnFor(want: bigint, price: bigint, spreadBps: bigint): bigint {
  if (want <= 0n) return 0n;
  const net = price * (10_000n - spreadBps);
  let burn = (want * ONE * 10_000n + net - 1n) / net;
  while (mintedFor(burn, price, spreadBps).receive < want) burn++;
  while (burn > 1n && mintedFor(burn - 1n, price, spreadBps).receive >= want) burn--;
  return burn;
}
