/**
 * How much is left in a deployment's escrow and how long it lasts. Settlement on chain is lazy: the account's
 * funds are as of `settledAt`, so we subtract what the active leases have accrued since, exactly like a provider's
 * balance checker does.
 */
import type { EscrowAccount, Lease } from "../akash/ports/chain";

const SCALE = 10n ** 18n;

/** Decimal text ("12.5") to a fixed-point bigint with 18 decimals. */
export function toFixed18(text: string): bigint {
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? text.slice(1) : text).split(".");
  const value = BigInt(whole || "0") * SCALE + BigInt((fraction + "0".repeat(18)).slice(0, 18) || "0");
  return negative ? -value : value;
}

/** Fixed-point bigint back to the shortest decimal text. */
export function fromFixed18(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / SCALE;
  const fraction = (abs % SCALE).toString().padStart(18, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? "." + fraction : ""}`;
}

export interface Runway {
  denom: string;
  /** What is left now, as decimal text. */
  balance: string;
  /** Price per block of all active leases together, as decimal text. */
  ratePerBlock: string;
  /** Blocks until the escrow runs dry; undefined when nothing is being charged. */
  blocksLeft?: bigint;
}

export function escrowRunway(escrow: EscrowAccount, leases: Lease[], height: bigint, denom: string): Runway {
  const funds = escrow.funds.find((f) => f.denom === denom);
  const active = leases.filter((l) => l.state === "active" && l.price.denom === denom);
  const rate = active.reduce((sum, l) => sum + toFixed18(l.price.amount), 0n);
  const elapsed = height > escrow.settledAt ? height - escrow.settledAt : 0n;
  let balance = (funds ? toFixed18(funds.amount) : 0n) - rate * elapsed;
  if (balance < 0n) balance = 0n;
  return {
    denom,
    balance: fromFixed18(balance),
    ratePerBlock: fromFixed18(rate),
    blocksLeft: rate > 0n ? balance / rate : undefined,
  };
}

/** "3d4h", "5h12m", "42m" — coarse on purpose, it is an estimate. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "unknown";
  const minutes = Math.floor(seconds / 60);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days}d${hours}h`;
  if (hours > 0) return `${hours}h${mins}m`;
  return `${mins}m`;
}
