/** Bech32 addresses: validation, pubkey → address, and module account addresses as the SDK derives them. */
import { fromBech32, toBech32 } from "@cosmjs/encoding";
import { ripemd160 } from "@noble/hashes/legacy";
import { sha256 } from "@noble/hashes/sha2";
import { sdkError } from "./errors";

export const BECH32_PREFIX = "akash";

/** sdk.AccAddressFromBech32; throws "invalid address" (7) with the SDK's decoding text. */
export function requireAddress(address: string, what = "address"): void {
  if (address === "") throw sdkError(7, `empty address string is not allowed`);
  try {
    const decoded = fromBech32(address);
    if (decoded.prefix !== BECH32_PREFIX)
      throw new Error(`invalid Bech32 prefix; expected ${BECH32_PREFIX}, got ${decoded.prefix}`);
    if (decoded.data.length !== 20 && decoded.data.length !== 32)
      throw new Error(`address length must be 20 or 32 bytes, got ${decoded.data.length}`);
  } catch (e) {
    throw sdkError(7, `invalid ${what} (${e instanceof Error ? e.message : String(e)})`);
  }
}

export function isAddress(address: string): boolean {
  try {
    requireAddress(address);
    return true;
  } catch {
    return false;
  }
}

export function addressBytes(address: string): Uint8Array {
  return fromBech32(address).data;
}

export function addressFromBytes(bytes: Uint8Array): string {
  return toBech32(BECH32_PREFIX, bytes);
}

/** secp256k1: ripemd160(sha256(compressed pubkey)). */
export function addressFromSecp256k1(pubkey: Uint8Array): string {
  return addressFromBytes(ripemd160(sha256(pubkey)));
}

const moduleAddresses = new Map<string, string>();

/** authtypes.NewModuleAddress: sha256(module name) truncated to 20 bytes. */
export function moduleAddress(module: string): string {
  let address = moduleAddresses.get(module);
  if (address === undefined) {
    address = addressFromBytes(sha256(new TextEncoder().encode(module)).slice(0, 20));
    moduleAddresses.set(module, address);
  }
  return address;
}
