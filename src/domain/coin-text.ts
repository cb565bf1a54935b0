/**
 * Coin amounts as users write them, the way the akash CLI takes them: an integer amount followed by a denom,
 * e.g. `5000000uact`. Prices per block may be decimal (`1.5uact`).
 */
import type { Coin, DecCoin } from "../akash/ports/chain";

const COIN = /^\s*(\d+)\s*([a-zA-Z][a-zA-Z0-9/:._-]{1,127})\s*$/;

/** Parses `5000000uact`; undefined when the text is not an integer coin. */
export function parseCoin(text: string): Coin | undefined {
  const match = COIN.exec(text);
  if (!match) return undefined;
  return { amount: BigInt(match[1]!), denom: match[2]! };
}

export function formatCoin(coin: Coin): string {
  return `${coin.amount}${coin.denom}`;
}

export function formatDecCoin(coin: DecCoin): string {
  return `${coin.amount}${coin.denom}`;
}
