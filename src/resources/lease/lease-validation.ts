/** Static checks of an `akash_lease` configuration (validate time: values may still be unknown). */
import type { Diagnostics } from "../../framework/diagnostics";
import type { PlanModelOf } from "../../framework/model";
import { parseDuration } from "../../go-duration";
import { isUnknown } from "../../framework/values";
import type { leaseSchema } from "./lease-schema";

type LeaseConfig = PlanModelOf<typeof leaseSchema>;

function validatePolicy(config: LeaseConfig, diags: Diagnostics): void {
  const block = config.bid_policy;
  if (block === null || isUnknown(block)) return;
  for (const key of ["wait", "collect"] as const) {
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
    if (!/^\d+(\.\d+)?$/.test(price)) {
      diags.error("Invalid max_price", `"${price}" is not a decimal price per block.`, [
        "bid_policy",
        "max_price",
        { key: denom },
      ]);
    }
  }
  const preferred = block.preferred_providers;
  if (block.strategy === "preferred" && !isUnknown(preferred) && (preferred ?? []).length === 0) {
    diags.warning(
      "No preferred providers",
      'strategy = "preferred" without preferred_providers behaves like cheapest.',
      ["bid_policy", "preferred_providers"],
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
  validateProviderAuth(config, diags);
  if (typeof config.dseq === "string" && !/^\d+$/.test(config.dseq)) {
    diags.error("Invalid dseq", `"${config.dseq}" is not a deployment sequence number.`, ["dseq"]);
  }
}
