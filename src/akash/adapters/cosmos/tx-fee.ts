import type { Coin } from "../../ports/chain";

/** ceil(gas × price) for a decimal price string. */
export function feeFor(gasLimit: bigint, price: { amount: string; denom: string }): Coin {
  const [whole = "0", fraction = ""] = price.amount.split(".");
  const scale = 10n ** BigInt(fraction.length);
  const numerator = BigInt(whole + fraction) * gasLimit;
  return { denom: price.denom, amount: (numerator + scale - 1n) / scale };
}
