/**
 * Which bid a lease accepts: a small, pure function of the bids, the providers' attributes and the policy, so the
 * rules are easy to read and to test. Every rejected bid carries its reason, because "no bid matched" is only
 * useful when it says why.
 */
import type { AuditedAttributes, Bid, Provider } from "../../akash/ports/chain";
import { toFixed18 } from "../../domain/escrow-runway";
import { formatGoDuration } from "../../go-duration";

export type BidStrategy = "cheapest" | "first" | "preferred";

export interface BidPolicy {
  /** Highest acceptable price per block, per denom (decimal text). */
  maxPrice: Record<string, string>;
  allowedProviders: string[];
  deniedProviders: string[];
  /** Provider attributes that must be present with these values. */
  requiredAttributes: Record<string, string>;
  /** The provider must be audited by at least one of these auditors. */
  auditedBy: string[];
  /** The provider must offer at least one of these GPU models (nvidia). */
  gpuModels: string[];
  strategy: BidStrategy;
  /** For `preferred`: providers in order of preference; others are accepted after them, cheapest first. */
  preferredProviders: string[];
  /** The bid must offer at least this reclamation window (seconds); undefined = any, or none. */
  minReclamationWindowSeconds?: number;
}

export interface BidVerdict {
  bid: Bid;
  accepted: boolean;
  reason?: string;
}

export function defaultBidPolicy(): BidPolicy {
  return {
    maxPrice: {},
    allowedProviders: [],
    deniedProviders: [],
    requiredAttributes: {},
    auditedBy: [],
    gpuModels: [],
    strategy: "cheapest",
    preferredProviders: [],
  };
}

function hasGpuModel(provider: Provider | undefined, models: string[]): boolean {
  const keys = new Set((provider?.attributes ?? []).filter((a) => a.value === "true").map((a) => a.key));
  return models.some((m) =>
    [...keys].some((k) => k.startsWith("capabilities/gpu/vendor/nvidia/model/" + m.toLowerCase())),
  );
}

export function judgeBid(
  bid: Bid,
  policy: BidPolicy,
  providers: Map<string, Provider>,
  audits: AuditedAttributes[],
): BidVerdict {
  const address = bid.id.provider;
  const provider = providers.get(address);
  const reject = (reason: string): BidVerdict => ({ bid, accepted: false, reason });
  if (policy.deniedProviders.includes(address)) return reject("provider is in denied_providers");
  if (policy.allowedProviders.length > 0 && !policy.allowedProviders.includes(address)) {
    return reject("provider is not in allowed_providers");
  }
  const caps = Object.keys(policy.maxPrice);
  const max = policy.maxPrice[bid.price.denom];
  if (max === undefined && caps.length > 0) {
    return reject(`priced in ${bid.price.denom}, which max_price does not cap (it caps ${caps.join(", ")})`);
  }
  if (max !== undefined && toFixed18(bid.price.amount) > toFixed18(max)) {
    return reject(`above max_price ${max}${bid.price.denom}`);
  }
  for (const [key, value] of Object.entries(policy.requiredAttributes)) {
    const actual = provider?.attributes.find((a) => a.key === key)?.value;
    if (actual !== value) {
      return reject(
        `attribute ${key} is ${actual === undefined ? "missing" : `"${actual}"`}, required "${value}"`,
      );
    }
  }
  if (policy.auditedBy.length > 0) {
    const audited = audits.some((a) => a.provider === address && policy.auditedBy.includes(a.auditor));
    if (!audited) return reject("not audited by any of audited_by");
  }
  const minWindow = policy.minReclamationWindowSeconds;
  if (minWindow !== undefined) {
    const offered = bid.reclamationWindowSeconds;
    if (offered === undefined || offered === 0) {
      return reject(`offers no reclamation window; min_reclamation_window is ${formatGoDuration(minWindow)}`);
    }
    if (offered < minWindow) {
      return reject(
        `offers a reclamation window of ${formatGoDuration(offered)}, below min_reclamation_window ${formatGoDuration(minWindow)}`,
      );
    }
  }
  if (policy.gpuModels.length > 0 && !hasGpuModel(provider, policy.gpuModels)) {
    return reject(`offers none of the GPU models ${policy.gpuModels.join(", ")}`);
  }
  return { bid, accepted: true };
}

/** Orders acceptable bids best first according to the strategy. */
export function rankBids(accepted: Bid[], policy: BidPolicy): Bid[] {
  const byPrice = (a: Bid, b: Bid) => {
    const d = toFixed18(a.price.amount) - toFixed18(b.price.amount);
    return d < 0n ? -1 : d > 0n ? 1 : a.id.provider.localeCompare(b.id.provider);
  };
  const sorted = [...accepted];
  switch (policy.strategy) {
    case "first":
      return sorted.sort((a, b) => Number(a.createdAt - b.createdAt) || byPrice(a, b));
    case "preferred": {
      const rank = (b: Bid) => {
        const i = policy.preferredProviders.indexOf(b.id.provider);
        return i < 0 ? Number.MAX_SAFE_INTEGER : i;
      };
      return sorted.sort((a, b) => rank(a) - rank(b) || byPrice(a, b));
    }
    default:
      return sorted.sort(byPrice);
  }
}

/** "no bid matched" explained: one line per bid with its price and why it was turned down. */
export function describeRejections(verdicts: BidVerdict[]): string {
  const rejected = verdicts.filter((v) => !v.accepted);
  if (rejected.length === 0) {
    return (
      "No provider bid on this group. Its placement attributes or signedBy may match no provider, or the SDL " +
      "pricing is below what providers ask."
    );
  }
  return [...rejected]
    .sort((a, b) => a.bid.id.provider.localeCompare(b.bid.id.provider))
    .map((v) => `- ${v.bid.id.provider} bid ${v.bid.price.amount}${v.bid.price.denom}/block: ${v.reason}`)
    .join("\n");
}
