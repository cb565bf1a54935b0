/**
 * The terms grants are written in: lists of coins (`["50000000uact"]`), RFC 3339 expirations and the
 * `<granter>/<grantee>` identity shared by deposit authorizations and fee allowances.
 */
import type { Coin } from "../akash/ports/chain";
import { DiagnosticError, type AttributePath, type Diagnostics } from "../framework/diagnostics";
import { isUnknown, type UnknownValue } from "../framework/values";
import { isAccountAddress } from "./account-address";
import { formatCoin, parseCoin } from "./coin-text";

/** Coins from a list of coin strings; reports each bad entry (unknown lists and elements are skipped). */
export function checkCoinList(
  value: readonly (string | UnknownValue)[] | null | UnknownValue,
  path: AttributePath,
  diags: Diagnostics,
): void {
  if (!Array.isArray(value)) return;
  const seen = new Set<string>();
  value.forEach((item, i) => {
    if (typeof item !== "string") return;
    const coin = parseCoin(item);
    if (!coin) {
      diags.error("Invalid coin", `"${item}" is not a coin amount; write it like 50000000uact.`, [
        ...path,
        i,
      ]);
    } else if (coin.amount <= 0n) {
      diags.error("Invalid coin", `"${item}" must be more than zero.`, [...path, i]);
    } else if (seen.has(coin.denom)) {
      diags.error("Duplicate denom", `${coin.denom} appears more than once; give one amount per denom.`, [
        ...path,
        i,
      ]);
    } else seen.add(coin.denom);
  });
}

/** Coins from a validated list of coin strings (null = none). */
export function coinList(value: readonly string[] | null): Coin[] {
  return (value ?? []).flatMap((item) => {
    const coin = parseCoin(item);
    return coin ? [coin] : [];
  });
}

/** Coins as strings, sorted by denom (the chain's order), so state compares stably. */
export function coinStrings(coins: Coin[]): string[] {
  return [...coins].sort((a, b) => (a.denom < b.denom ? -1 : a.denom > b.denom ? 1 : 0)).map(formatCoin);
}

/** An RFC 3339 timestamp, e.g. 2027-01-01T00:00:00Z. */
export function parseTimestamp(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function checkExpiration(
  value: string | null | UnknownValue,
  path: AttributePath,
  diags: Diagnostics,
): void {
  if (value === null || isUnknown(value)) return;
  const date = parseTimestamp(value);
  if (!date) {
    diags.error(
      "Invalid expiration",
      `"${value}" is not an RFC 3339 timestamp; write it like 2027-01-01T00:00:00Z.`,
      path,
    );
  } else if (date.getTime() <= Date.now()) {
    diags.error(
      "Expiration in the past",
      `${value} has already passed; the chain refuses expired grants.`,
      path,
    );
  }
}

/** The configured expiration, kept as written when the chain's value is the same instant. */
export function expirationValue(configured: string | null, onChain: Date | undefined): string | null {
  if (!onChain) return null;
  const written = configured === null ? undefined : parseTimestamp(configured);
  if (
    configured !== null &&
    written &&
    Math.floor(written.getTime() / 1000) === Math.floor(onChain.getTime() / 1000)
  ) {
    return configured;
  }
  return onChain.toISOString().replace(/\.000Z$/, "Z");
}

/** The first grant authz still honours: one without an expiration, or whose expiration is still ahead. */
export function firstUnexpired<T extends { expiration?: Date }>(grants: T[], now: Date): T | undefined {
  return grants.find((g) => !g.expiration || g.expiration.getTime() > now.getTime());
}

/** `terraform import` IDs for grants: `<grantee>` (granted by the provider's key) or `<granter>/<grantee>`. */
export function parseGrantImportId(id: string): { granter?: string; grantee: string } {
  const parts = id.trim().split("/");
  if (parts.length === 1 && isAccountAddress(parts[0]!)) return { grantee: parts[0]! };
  if (parts.length === 2 && parts.every((p) => isAccountAddress(p))) {
    return { granter: parts[0]!, grantee: parts[1]! };
  }
  throw new DiagnosticError(
    "Invalid import ID",
    `"${id}" is not a valid ID; use \`<grantee>\` or \`<granter>/<grantee>\` (akash1... addresses).`,
  );
}

/** Grants are signed by the granter: the provider's key must be it, and it cannot grant to itself. */
export function requireGranter(signer: string, granter: string, grantee: string, what: string): void {
  if (signer !== granter) {
    throw new DiagnosticError(
      `Cannot manage this ${what}`,
      `The ${what} belongs to granter ${granter}, but the provider's key is ${signer}. Configure the granter's ` +
        "mnemonic to manage it.",
    );
  }
  if (granter === grantee) {
    throw new DiagnosticError(
      `Invalid ${what}`,
      `The grantee ${grantee} is the provider's own key; an account cannot grant to itself.`,
      ["grantee"],
    );
  }
}
