/**
 * How often, and how patiently, an idempotent RPC call (a query, a transaction lookup) is repeated on one node
 * after a transient failure (HTTP 502/503/504/429, a reset connection, a timeout) before the next node is asked.
 *
 * Exponential backoff with jitter, so many provider processes hitting one overloaded node do not retry in step;
 * the sleeps of one call are bounded by `budgetMs`, so a dead network fails in seconds, not minutes.
 */
export interface RetryPolicy {
  /** Attempts on one node before moving on to the next (≥ 1). */
  attemptsPerEndpoint: number;
  /** Delay before the first retry (ms); doubled each retry up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Total time one call may spend sleeping between attempts (ms), across all nodes. */
  budgetMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attemptsPerEndpoint: 4,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  budgetMs: 5_000,
};

/**
 * The delay before retry number `retry` (1 = first retry): half fixed, half random ("equal jitter"), so it never
 * collapses to zero but spreads out. `random` is in [0, 1).
 */
export function backoffDelayMs(policy: RetryPolicy, retry: number, random: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** Failures worth repeating on the same node: it is there but busy, or the connection broke mid-way. */
export function isTransientFailure(failure: { status?: number; code?: string }): boolean {
  if (failure.status !== undefined) return [429, 500, 502, 503, 504].includes(failure.status);
  // A refused connection or an unknown host will not get better in a second: try the next node instead.
  return !NOT_DELIVERED_CODES.has(failure.code ?? "");
}

/** Network errors that prove the request never reached a node (no connection was made). */
export const NOT_DELIVERED_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ERR_BAD_PORT",
]);
