/** Amounts of a denom, as every port speaks of them. */

/** An integer amount of a denom (e.g. 500000 uact). */
export interface Coin {
  denom: string;
  amount: bigint;
}

/** A decimal amount of a denom (prices per block, escrow balances): "12.345" uact. */
export interface DecCoin {
  denom: string;
  amount: string;
}
