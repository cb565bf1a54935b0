/** Decodes `profiles.placement.<name>`: provider attributes, auditors (`signedBy`) and per-profile pricing. */
import { formatLegacyDec, legacyDecFromInteger, parseLegacyDec } from "./legacy-dec";
import { goStableSort, goStringLess } from "./go-sort";
import type { Attribute, PlacementModel, PricingModel } from "./sdl-model";
import { childPath } from "./sdl-path";
import { goScalarText, isNull, type YamlReader } from "./yaml-reader";
import { isYamlScalar } from "./yaml-scalar";

export const DENOMS = ["uakt", "uact"] as const;
const CHAIN_DENOM = "uact";
/** chain-sdk validation_config.go: maxUnitPrice (per block, per replica). */
const MAX_UNIT_PRICE = legacyDecFromInteger(10_000_000);

/**
 * Go's parser takes any valid cosmos denom, but since v2.0.0 the chain refuses new deployments priced in anything
 * but uact: other denoms are refused here, uakt (which the golden fixtures of the Go code still use) is a warning,
 * and akash_deployment refuses it at plan.
 */
function decodeDenom(r: YamlReader, raw: unknown, path: string): string | undefined {
  const text = r.string(raw, path);
  if (text === undefined) return undefined;
  if (!(DENOMS as readonly string[]).includes(text)) {
    r.error(
      path,
      `must be one of "uakt", "uact", got "${text}": the chain prices new deployments in ${CHAIN_DENOM} (ACT) only`,
    );
    return undefined;
  }
  if (text !== CHAIN_DENOM) {
    r.issues.warn(
      path,
      "legacy-denom",
      `priced in ${text}: since v2.0.0 the chain refuses new deployments priced in anything but ${CHAIN_DENOM} ` +
        `("unsupported denomination ${text}: invalid price"); use ${CHAIN_DENOM}`,
    );
  }
  return text;
}

function decodePrice(r: YamlReader, raw: unknown, path: string): PricingModel | undefined {
  const map = r.mapping(raw, path, ["denom", "amount"], ["denom", "amount"]);
  if (!map) return undefined;
  const denom = isNull(map.denom) ? undefined : decodeDenom(r, map.denom, childPath(path, "denom"));
  let amountAtomics: bigint | undefined;
  const amountPath = childPath(path, "amount");
  if (!isNull(map.amount)) {
    const amount = map.amount;
    let text: string | undefined;
    if (typeof amount === "string") {
      if (/^[0-9]+(\.[0-9]+)?$/.test(amount)) text = amount;
    } else if (isYamlScalar(amount) && (amount.kind === "int" || amount.kind === "float")) {
      if ((amount.value as number) >= 0) text = amount.raw;
    }
    amountAtomics = text === undefined ? undefined : parseLegacyDec(text);
    if (amountAtomics === undefined) {
      r.error(
        amountPath,
        "amount must be a non-negative decimal number with at most 18 decimals, such as 1000 or 0.5",
      );
    } else if (amountAtomics === 0n) {
      r.error(amountPath, "amount must be greater than zero");
      amountAtomics = undefined;
    } else if (amountAtomics > MAX_UNIT_PRICE) {
      r.error(
        amountPath,
        `amount must not exceed ${formatLegacyDec(MAX_UNIT_PRICE).replace(/\.0+$/, "")} per block`,
      );
      amountAtomics = undefined;
    }
  }
  if (denom === undefined || amountAtomics === undefined) return undefined;
  return { denom, amountAtomics };
}

export function decodePlacement(r: YamlReader, raw: unknown, path: string): PlacementModel | undefined {
  const map = r.mapping(raw, path, ["attributes", "signedBy", "pricing"], ["pricing"]);
  if (!map) return undefined;
  let good = true;

  let attributes: Attribute[] | null = null;
  const attributesValue = r.optional(map, "attributes", path);
  if (attributesValue !== undefined) {
    const attrPath = childPath(path, "attributes");
    const attrs = r.mapping(attributesValue, attrPath, "any");
    if (!attrs) good = false;
    for (const [key, value, keyPath] of attrs ? r.entries(attrs, attrPath) : []) {
      const text = goScalarText(value);
      if (text === undefined) {
        r.error(keyPath, "attribute values must be strings");
        good = false;
      } else (attributes ??= []).push({ key, value: text });
    }
    if (attributes) attributes = goStableSort(attributes, (a, b) => goStringLess(a.key, b.key));
  }

  const signedBy: PlacementModel["signedBy"] = { allOf: null, anyOf: null };
  const signedByValue = r.optional(map, "signedBy", path);
  if (signedByValue !== undefined) {
    const signedPath = childPath(path, "signedBy");
    const signed = r.mapping(signedByValue, signedPath, ["allOf", "anyOf"]);
    if (!signed) good = false;
    else {
      const allOf = r.stringList(signed.allOf, childPath(signedPath, "allOf"));
      const anyOf = r.stringList(signed.anyOf, childPath(signedPath, "anyOf"));
      if (allOf === undefined || anyOf === undefined) good = false;
      else Object.assign(signedBy, { allOf, anyOf });
    }
  }

  const pricing = new Map<string, PricingModel>();
  if (!isNull(map.pricing)) {
    const pricingPath = childPath(path, "pricing");
    const prices = r.mapping(map.pricing, pricingPath, "any");
    if (!prices) good = false;
    for (const [profile, value, pricePath] of prices ? r.entries(prices, pricingPath) : []) {
      const price = decodePrice(r, value, pricePath);
      if (price) pricing.set(profile, price);
      else good = false;
    }
  } else good = false;

  return good ? { attributes, signedBy, pricing } : undefined;
}
