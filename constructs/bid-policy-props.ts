/**
 * How a lease picks its provider, as typed props, and their mapping onto the L1 `bid_policy` block. Checked at
 * synth time so a typo in a strategy or a duration fails before anything reaches the chain.
 */
import { parseDuration } from "../src/go-duration";
import type { LeaseBidPolicy } from "./generated";

export type BidStrategy = "cheapest" | "first" | "preferred";

export interface BidPolicyProps {
  /**
   * Highest acceptable price per block, in uact (decimals allowed). Default: what the SDL's pricing offers, which
   * providers never exceed anyway.
   */
  readonly maxPricePerBlock?: number | string;
  /** Only these provider addresses. Default: any provider. */
  readonly allowedProviders?: string[];
  /** Never these provider addresses. Default: none excluded. */
  readonly deniedProviders?: string[];
  /** Provider attributes that must match, e.g. `{ region: "us-west" }`. Default: none. */
  readonly requiredAttributes?: Record<string, string>;
  /** Accept only providers audited by one of these auditor addresses. Default: audited or not. */
  readonly auditedBy?: string[];
  /** Accept only providers offering one of these NVIDIA models, e.g. `["h100", "a100"]`. Default: any. */
  readonly gpuModels?: string[];
  /** `cheapest` acceptable bid (default), `first` acceptable bid, or `preferred` (by `preferredProviders`). */
  readonly strategy?: BidStrategy;
  /** Providers in order of preference, for `strategy: "preferred"`. */
  readonly preferredProviders?: string[];
  /** How long to wait for an acceptable bid, e.g. `2m` (the provider's default). */
  readonly wait?: string;
  /** After the first acceptable bid, how long to keep collecting bids before choosing, e.g. `5s` (default). */
  readonly collect?: string;
}

const STRATEGIES: BidStrategy[] = ["cheapest", "first", "preferred"];
const ADDRESS = /^akash1[02-9ac-hj-np-z]{38}$/;

/** Problems in a bid policy, each prefixed with `at` (e.g. `bid policy of group "dcloud"`). */
export function checkBidPolicy(p: BidPolicyProps, at: string): string[] {
  const problems: string[] = [];
  if (p.maxPricePerBlock !== undefined) {
    const price = Number(p.maxPricePerBlock);
    if (!(Number.isFinite(price) && price > 0))
      problems.push(`${at}: maxPricePerBlock must be a positive amount of uact (got ${p.maxPricePerBlock})`);
  }
  if (p.strategy !== undefined && !STRATEGIES.includes(p.strategy))
    problems.push(`${at}: strategy "${p.strategy}" is not one of ${STRATEGIES.join(", ")}`);
  if (p.strategy === "preferred" && !p.preferredProviders?.length)
    problems.push(`${at}: strategy "preferred" needs preferredProviders`);
  for (const field of ["wait", "collect"] as const) {
    const value = p[field];
    if (value !== undefined && parseDuration(value) === undefined)
      problems.push(`${at}: ${field} "${value}" is not a duration; write e.g. 30s, 2m or 1h30m`);
  }
  for (const field of ["allowedProviders", "deniedProviders", "preferredProviders", "auditedBy"] as const) {
    for (const address of p[field] ?? []) {
      if (!address.startsWith("${") && !ADDRESS.test(address))
        problems.push(`${at}: ${field} has "${address}", which is not an akash1… address`);
    }
  }
  const both = (p.allowedProviders ?? []).filter((a) => p.deniedProviders?.includes(a));
  if (both.length > 0) problems.push(`${at}: ${both.join(", ")} is both allowed and denied`);
  return problems;
}

export function toLeaseBidPolicy(p: BidPolicyProps | undefined): LeaseBidPolicy | undefined {
  if (!p) return undefined;
  return {
    maxPrice: p.maxPricePerBlock !== undefined ? { uact: String(p.maxPricePerBlock) } : undefined,
    allowedProviders: p.allowedProviders,
    deniedProviders: p.deniedProviders,
    requiredAttributes: p.requiredAttributes,
    auditedBy: p.auditedBy,
    gpuModels: p.gpuModels,
    strategy: p.strategy,
    preferredProviders: p.preferredProviders,
    wait: p.wait,
    collect: p.collect,
  };
}
