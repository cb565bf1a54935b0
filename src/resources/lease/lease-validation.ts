/** Static checks of an `akash_lease` configuration (validate time: values may still be unknown). */
import type { Diagnostics } from "../../framework/diagnostics";
import type { PlanModelOf } from "../../framework/model";
import { parseDuration } from "../../go-duration";
import { isUnknown, type UnknownValue } from "../../framework/values";
import { PRICING_DENOM } from "../../domain/pricing";
import type { leaseSchema } from "./lease-schema";

type LeaseConfig = PlanModelOf<typeof leaseSchema>;

function validatePolicy(config: LeaseConfig, diags: Diagnostics): void {
  const block = config.bid_policy;
  if (block === null || isUnknown(block)) return;
  for (const key of ["wait", "collect", "min_reclamation_window"] as const) {
    const v = block[key];
    if (typeof v === "string" && parseDuration(v) === undefined) {
      diags.error("Invalid duration", `"${v}" is not a duration such as 90s, 5m or 1h30m.`, [
        "bid_policy",
        key,
      ]);
    }
  }
  const maxPrice = isUnknown(block.max_price) ? {} : (block.max_price ?? {});
  for (const [denom, price] of Object.entries(maxPrice)) {
    const path = ["bid_policy", "max_price", { key: denom }];
    if (!/^\d+(\.\d+)?$/.test(price)) {
      diags.error("Invalid max_price", `"${price}" is not a decimal price per block.`, path);
    }
    if (denom !== PRICING_DENOM) {
      diags.error(
        "max_price in a denom no bid uses",
        `Deployments are priced in ${PRICING_DENOM} since the chain's v2.0.0 upgrade, so every bid is in ` +
          `${PRICING_DENOM} and a cap in ${denom} would cap nothing. Write the cap as ${PRICING_DENOM} = "<price per block>".`,
        path,
      );
    }
  }
  checkOverlap(block.allowed_providers, block.denied_providers, diags);
  const preferred = block.preferred_providers;
  if (block.strategy === "preferred" && !isUnknown(preferred) && (preferred ?? []).length === 0) {
    diags.warning(
      "No preferred providers",
      'strategy = "preferred" without preferred_providers behaves like cheapest.',
      ["bid_policy", "preferred_providers"],
    );
  }
}

/** A provider both allowed and denied is a contradiction, not a policy. */
function checkOverlap(
  allowed: string[] | null | UnknownValue,
  denied: string[] | null | UnknownValue,
  diags: Diagnostics,
): void {
  if (!Array.isArray(allowed) || !Array.isArray(denied)) return;
  allowed.forEach((address, i) => {
    if (denied.includes(address)) {
      diags.error(
        "Provider both allowed and denied",
        `${address} is in allowed_providers and in denied_providers; remove it from one of them.`,
        ["bid_policy", "allowed_providers", i],
      );
    }
  });
}

/** The manifest must be what akash_deployment.x.manifest_json holds: a JSON list of groups with services. */
function checkManifest(manifest: string | UnknownValue, diags: Diagnostics): void {
  if (isUnknown(manifest)) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(manifest);
  } catch (error) {
    diags.error(
      "Invalid manifest",
      `manifest is not JSON (${error instanceof Error ? error.message : String(error)}); pass ` +
        "akash_deployment.<name>.manifest_json.",
      ["manifest"],
    );
    return;
  }
  const isGroup = (g: unknown) =>
    typeof g === "object" && g !== null && "name" in g && "services" in g && Array.isArray(g.services);
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every(isGroup)) {
    diags.error(
      "Invalid manifest",
      "manifest is not a deployment manifest (a JSON list of groups, each with a name and services); pass " +
        "akash_deployment.<name>.manifest_json.",
      ["manifest"],
    );
  }
}

/** mTLS needs both the certificate and its key; JWT needs neither. */
function validateProviderAuth(config: LeaseConfig, diags: Diagnostics): void {
  const given = (name: "client_certificate_pem" | "client_private_key_pem") => config[name] !== null;
  if (config.provider_auth === "mtls") {
    for (const name of ["client_certificate_pem", "client_private_key_pem"] as const) {
      if (!given(name)) {
        diags.error(
          "Incomplete mTLS settings",
          `provider_auth = "mtls" needs \`${name}\` (from akash_certificate).`,
          [name],
        );
      }
    }
  } else if (
    (config.provider_auth === "jwt" || config.provider_auth === null) &&
    (given("client_certificate_pem") || given("client_private_key_pem"))
  ) {
    diags.error(
      "Client certificate without mTLS",
      'A client certificate is set but provider_auth is "jwt"; set provider_auth = "mtls" to use it (providers ' +
        "refuse a JWT and a client certificate together).",
      ["provider_auth"],
    );
  }
}

export function validateLeaseConfig(config: LeaseConfig, diags: Diagnostics): void {
  validatePolicy(config, diags);
  checkManifest(config.manifest, diags);
  validateProviderAuth(config, diags);
  if (typeof config.dseq === "string" && !/^\d+$/.test(config.dseq)) {
    diags.error("Invalid dseq", `"${config.dseq}" is not a deployment sequence number.`, ["dseq"]);
  }
}
