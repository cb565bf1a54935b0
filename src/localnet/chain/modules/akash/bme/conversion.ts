/**
 * The BME's conversion of a pending ledger record, as the node's `prepareToBM` computes it with LegacyDec
 * arithmetic (18 decimals, banker's rounding when a product or quotient is chopped back to 18 digits):
 * swap rate = price(from) / price(to); minted = trunc(burned × rate), which must be positive (else "epsilon") and
 * at least `min_mint` in that denom; the spread (mint_spread_bps for AKT→ACT, settle_spread_bps for ACT→AKT) is
 * trunc(minted-dec × bps / 10000) and stays in the vault, the rest goes to the owner.
 */
import { DEC_ONE } from "../shared/decimal";

/** LegacyDec chopPrecisionAndRound: drop 18 digits, rounding half to even (non-negative inputs). */
function chop(value: bigint): bigint {
  const quotient = value / DEC_ONE;
  const remainder = value % DEC_ONE;
  const half = DEC_ONE / 2n;
  if (remainder < half) return quotient;
  if (remainder > half) return quotient + 1n;
  return quotient % 2n === 0n ? quotient : quotient + 1n;
}

/** LegacyDec.Quo on 1e18-scaled atomics. */
export const decQuo = (a: bigint, b: bigint): bigint => chop((a * DEC_ONE * DEC_ONE) / b);

/** BMCancelReason names (akash.bme.v1.LedgerCanceledRecord.BMCancelReason). */
export type CancelReason = "epsilon" | "minimum_mint" | "max_attempts";

export interface ConversionParams {
  mintSpreadBps: bigint;
  settleSpreadBps: bigint;
  minMint: { denom: string; amount: bigint }[];
}

export type Conversion =
  { ok: true; minted: bigint; spread: bigint; toOwner: bigint } | { ok: false; reason: CancelReason };

/** `priceFrom` / `priceTo`: USD prices of the burned and minted denoms, 1e18-scaled. */
export function convert(
  burned: bigint,
  fromDenom: string,
  toDenom: string,
  priceFrom: bigint,
  priceTo: bigint,
  params: ConversionParams,
): Conversion {
  const rate = decQuo(priceFrom, priceTo);
  // NewDecFromInt(burned).Mul(rate) is exact: (burned·1e18 × rate) / 1e18.
  const mintedDec = burned * rate;
  const minted = mintedDec / DEC_ONE;
  if (minted <= 0n) return { ok: false, reason: "epsilon" };
  const minimum = params.minMint.find((m) => m.denom === toDenom)?.amount ?? 0n;
  if (minimum > 0n && minted < minimum) return { ok: false, reason: "minimum_mint" };
  const bps = fromDenom === "uakt" ? params.mintSpreadBps : params.settleSpreadBps;
  // mintedDec.Mul(bps).Quo(10000) = chop(mintedDec × bps × 1e14) in atomics; then TruncateInt.
  const spread = bps > 0n ? chop(mintedDec * bps * 10n ** 14n) / DEC_ONE : 0n;
  return { ok: true, minted, spread, toOwner: minted - spread };
}
