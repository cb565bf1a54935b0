/**
 * Akash account addresses: bech32 with the `akash` prefix and a valid checksum, over a 20-byte (key) or 32-byte
 * (module, contract) address. A typo in a provider or grantee address is caught here instead of silently matching
 * nothing (a denied provider that is never denied, a grant to an account nobody holds).
 */
import { fromBech32 } from "@cosmjs/encoding";
import type { AttributePath, Diagnostics } from "../framework/diagnostics";
import { custom, type Validator } from "../framework/validators";

export function isAccountAddress(text: string): boolean {
  if (text !== text.toLowerCase()) return false;
  try {
    const { prefix, data } = fromBech32(text);
    return prefix === "akash" && (data.length === 20 || data.length === 32);
  } catch {
    return false;
  }
}

/** Why `text` is not an account address, in words; undefined when it is one. */
export function accountAddressProblem(text: string): string | undefined {
  if (isAccountAddress(text)) return undefined;
  if (!text.startsWith("akash1")) return `"${text}" is not an Akash account address (akash1...)`;
  return `"${text}" is not a valid Akash account address (its bech32 checksum or length is wrong: a typo?)`;
}

export function checkAccountAddress(text: string, path: AttributePath, diags: Diagnostics): void {
  const problem = accountAddressProblem(text);
  if (problem) diags.error("Invalid address", `${problem}.`, path);
}

/** Attribute validator for a single address. */
export const accountAddress: Validator = custom((value, path, diags) => {
  if (typeof value === "string") checkAccountAddress(value, path, diags);
}, "Must be an Akash account address (akash1..., bech32).");

/** Attribute validator for a list of addresses. */
export const accountAddressList: Validator = custom((value, path, diags) => {
  if (!Array.isArray(value)) return;
  value.forEach((item, i) => {
    if (typeof item === "string") checkAccountAddress(item, [...path, i], diags);
  });
}, "Each element must be an Akash account address (akash1..., bech32).");
