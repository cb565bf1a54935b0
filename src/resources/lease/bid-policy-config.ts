/** The `bid_policy` block as the bid policy it describes, with the waiting times it sets. */
import { parseDuration } from "../../go-duration";
import { defaultBidPolicy, type BidPolicy, type BidStrategy } from "./bid-policy";
import { DEFAULT_BID_COLLECT, DEFAULT_BID_WAIT, type BidPolicyModel } from "./lease-schema";

export interface BidWait {
  /** How long to wait for an acceptable bid. */
  waitMs: number;
  /** After the first acceptable bid, how long to keep collecting. */
  collectMs: number;
}

export type ConfiguredBidPolicy = BidPolicy & BidWait;

const STRATEGIES: readonly BidStrategy[] = ["cheapest", "first", "preferred"];

function isStrategy(value: string | null): value is BidStrategy {
  return STRATEGIES.some((s) => s === value);
}

export function bidPolicyFrom(block: BidPolicyModel | null): ConfiguredBidPolicy {
  const policy = defaultBidPolicy();
  if (block) {
    policy.maxPrice = block.max_price ?? {};
    policy.allowedProviders = block.allowed_providers ?? [];
    policy.deniedProviders = block.denied_providers ?? [];
    policy.requiredAttributes = block.required_attributes ?? {};
    policy.auditedBy = block.audited_by ?? [];
    policy.gpuModels = block.gpu_models ?? [];
    policy.preferredProviders = block.preferred_providers ?? [];
    if (isStrategy(block.strategy)) policy.strategy = block.strategy;
    const minWindow =
      block.min_reclamation_window === null ? undefined : parseDuration(block.min_reclamation_window);
    if (minWindow !== undefined) policy.minReclamationWindowSeconds = Math.ceil(minWindow / 1000);
  }
  return {
    ...policy,
    waitMs: parseDuration(block?.wait ?? DEFAULT_BID_WAIT) ?? 120_000,
    collectMs: parseDuration(block?.collect ?? DEFAULT_BID_COLLECT) ?? 5_000,
  };
}
