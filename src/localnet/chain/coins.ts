/** Coin arithmetic and the SDK's text form ("100uakt,5uact": sorted by denom, comma separated, no spaces). */
import { sdkError } from "./errors";
import type { Coin } from "./module";

const DENOM = /^[a-zA-Z][a-zA-Z0-9/:._-]{2,127}$/;

/** Proto coins (amount as decimal string) → core coins; invalid amounts are the SDK's "invalid coins" (10). */
export function parseCoins(coins: readonly { denom: string; amount: string }[]): Coin[] {
  return coins.map((c) => {
    if (!/^\d+$/.test(c.amount)) throw sdkError(10, `${c.amount}${c.denom}`);
    return { denom: c.denom, amount: BigInt(c.amount) };
  });
}

export function toProtoCoins(coins: readonly Coin[]): { denom: string; amount: string }[] {
  return coins.map((c) => ({ denom: c.denom, amount: c.amount.toString() }));
}

export function formatCoins(coins: readonly Coin[]): string {
  return sortCoins(coins)
    .map((c) => `${c.amount}${c.denom}`)
    .join(",");
}

export function sortCoins(coins: readonly Coin[]): Coin[] {
  return [...coins].sort((a, b) => (a.denom < b.denom ? -1 : a.denom > b.denom ? 1 : 0));
}

/** sdk.Coins.Validate: valid denoms, positive amounts, sorted, no duplicates. */
export function validateCoins(coins: readonly Coin[], allowZero = false): void {
  let previous = "";
  for (const c of coins) {
    if (!DENOM.test(c.denom)) throw sdkError(10, `invalid denom: ${c.denom}`);
    if (c.amount < 0n || (!allowZero && c.amount === 0n))
      throw sdkError(10, `coin ${c.amount}${c.denom} amount is not positive`);
    if (previous !== "" && c.denom <= previous)
      throw sdkError(10, `denomination ${c.denom} is not sorted or duplicated`);
    previous = c.denom;
  }
}

export function amountOf(coins: readonly Coin[], denom: string): bigint {
  let total = 0n;
  for (const c of coins) if (c.denom === denom) total += c.amount;
  return total;
}

export function addCoins(a: readonly Coin[], b: readonly Coin[]): Coin[] {
  const sums = new Map<string, bigint>();
  for (const c of [...a, ...b]) sums.set(c.denom, (sums.get(c.denom) ?? 0n) + c.amount);
  return sortCoins([...sums].filter(([, v]) => v !== 0n).map(([denom, amount]) => ({ denom, amount })));
}

/** a − b; returns undefined when any denom would go negative. */
export function subCoins(a: readonly Coin[], b: readonly Coin[]): Coin[] | undefined {
  const sums = new Map<string, bigint>();
  for (const c of a) sums.set(c.denom, (sums.get(c.denom) ?? 0n) + c.amount);
  for (const c of b) sums.set(c.denom, (sums.get(c.denom) ?? 0n) - c.amount);
  for (const v of sums.values()) if (v < 0n) return undefined;
  return sortCoins([...sums].filter(([, v]) => v !== 0n).map(([denom, amount]) => ({ denom, amount })));
}

export function isZeroCoins(coins: readonly Coin[]): boolean {
  return coins.every((c) => c.amount === 0n);
}
