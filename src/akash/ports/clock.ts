/**
 * The Clock port: time as resources see it. Waiting loops (bids, rollouts, inclusion) read the time and sleep
 * through it, so unit tests can run them on a fake clock instead of waiting for real.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when it is aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
