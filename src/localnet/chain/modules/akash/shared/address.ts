/** Bech32 account address checks as the SDK's `AccAddressFromBech32` does them (prefix "akash"). */
import { fromBech32 } from "@cosmjs/encoding";

export const ADDRESS_PREFIX = "akash";

export function isAccountAddress(address: string): boolean {
  if (address.length === 0) return false;
  try {
    const { prefix, data } = fromBech32(address);
    return prefix === ADDRESS_PREFIX && data.length >= 1 && data.length <= 255;
  } catch {
    return false;
  }
}
