/**
 * Provider-side timers: the real provider's defaults (cmd/provider-services/cmd/flags.go, cluster/config.go), which
 * assume ~6.5 s blocks, scaled to the localnet's block time so that a 100–500 ms localnet runs them in seconds.
 */

export interface ProviderTiming {
  blockTimeMs: number;
  /** Random delay before bidding on a new order: [min, max]. */
  bidDelayMs: [number, number];
  bidTimeoutMs: number;
  manifestTimeoutMs: number;
  fundsCheckIntervalMs: number;
  withdrawalPeriodMs: number;
  /** Time a new pod needs to become available when no `rolloutMs` is set. */
  podStartMs: number;
  /** Deployment monitor (cluster/monitor.go): unhealthy checks allowed before the lease is closed as unstable. */
  monitorMaxRetries: number;
  /** Pause before the next check of an unhealthy workload: [min, jitter] (4 s + up to 15 s on mainnet). */
  monitorRetryMs: [number, number];
  /** Pause between checks of a healthy workload: [min, jitter] (10 s + up to 5 s on mainnet). */
  monitorHealthcheckMs: [number, number];
  /**
   * The reclamation window offered in bids (AEP-82; the real provider's --reclamation-window), whole seconds;
   * 0 = none. It must lie within the chain's min/max_reclamation_window, and bids on orders requiring a longer
   * one are rejected by the chain, as on mainnet.
   */
  reclamationWindowMs: number;
}

export const MAINNET_BLOCK_MS = 6_500;

/** A mainnet duration scaled to the localnet's block time, never below `floorMs`. */
export function scaledToBlocks(mainnetMs: number, blockTimeMs: number, floorMs: number): number {
  return Math.max(floorMs, Math.round((mainnetMs * blockTimeMs) / MAINNET_BLOCK_MS));
}

export function defaultTiming(blockTimeMs: number): ProviderTiming {
  const scaled = (mainnetMs: number, floorMs: number) => scaledToBlocks(mainnetMs, blockTimeMs, floorMs);
  return {
    blockTimeMs,
    bidDelayMs: [Math.round(blockTimeMs * 0.2), Math.round(blockTimeMs * 1.2)],
    bidTimeoutMs: scaled(5 * 60_000, 10_000),
    manifestTimeoutMs: scaled(5 * 60_000, 10_000),
    fundsCheckIntervalMs: scaled(10 * 60_000, 2 * blockTimeMs),
    withdrawalPeriodMs: scaled(24 * 3600_000, 60_000),
    // A couple of blocks: tenants see the services come up shortly after the manifest.
    podStartMs: Math.max(300, 2 * blockTimeMs),
    monitorMaxRetries: 40,
    monitorRetryMs: [scaled(4_000, 20), scaled(15_000, 20)],
    monitorHealthcheckMs: [scaled(10_000, 50), scaled(5_000, 20)],
    // A day on mainnet; at least a minute, in whole seconds.
    reclamationWindowMs: Math.round(scaled(24 * 3600_000, 60_000) / 1000) * 1000,
  };
}
