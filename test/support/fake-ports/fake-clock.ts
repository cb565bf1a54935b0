/**
 * A Clock whose sleeps return at once and move time forward, so waiting loops (bids, rollouts, mints) run in
 * microseconds. Whatever should happen "meanwhile" (a bid arriving, a mint executing) is registered with `onSleep`.
 */
import type { Clock } from "../../../src/akash/ports/clock";

export class FakeClock implements Clock {
  private ms: number;
  private readonly start: number;
  private readonly hooks: ((now: number) => void)[] = [];
  /** How many times something slept. */
  sleeps = 0;

  constructor(start = Date.now()) {
    this.ms = start;
    this.start = start;
  }

  /** Time moved on since the clock was made. */
  elapsed(): number {
    return this.ms - this.start;
  }

  now(): number {
    return this.ms;
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  /** Runs after every sleep, with the new time. */
  onSleep(hook: (now: number) => void): void {
    this.hooks.push(hook);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    this.sleeps++;
    this.ms += ms;
    for (const hook of this.hooks) hook(this.ms);
    return Promise.resolve();
  }
}
