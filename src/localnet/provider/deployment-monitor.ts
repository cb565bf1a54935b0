/**
 * The provider's deployment monitor (cluster/monitor.go): after a manifest is applied it checks the lease's status;
 * a workload is healthy when every service has as many available replicas as its count. While unhealthy it checks
 * again after the retry period plus jitter; healthy, after the health-check period plus jitter, with the attempt
 * count reset. When the check fails more than `monitorMaxRetries` times in a row, the provider gives the lease up:
 * MsgCloseBid with reason lease_closed_reason_unstable (10000). A new manifest restarts the monitor.
 */
import { leaseKeyString, type LeaseKey, type LeaseRuntime } from "./lease-runtime";
import type { ProviderTiming } from "./timing";

/** akash.market.v1.LeaseClosedReason lease_closed_reason_unstable. */
export const REASON_UNSTABLE = 10000;

export interface MonitorOptions {
  runtime: LeaseRuntime;
  timing: Pick<ProviderTiming, "monitorMaxRetries" | "monitorRetryMs" | "monitorHealthcheckMs">;
  /** Sends MsgCloseBid for the lease with the given reason. */
  closeLease(lease: LeaseKey, reason: number): Promise<unknown>;
  log: (line: string) => void;
  now?: () => number;
  random?: () => number;
}

export class DeploymentMonitors {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly o: MonitorOptions) {
    this.now = o.now ?? Date.now;
    this.random = o.random ?? Math.random;
  }

  /** (Re)starts monitoring a lease whose manifest was just applied. */
  watch(lease: LeaseKey): void {
    this.forget(lease);
    this.schedule(lease, this.o.timing.monitorRetryMs, 0);
  }

  private forget(lease: LeaseKey): void {
    const key = leaseKeyString(lease);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(lease: LeaseKey, [minMs, jitterMs]: [number, number], attempts: number): void {
    const timer = setTimeout(
      () => this.check(lease, attempts + 1),
      minMs + Math.floor(this.random() * jitterMs),
    );
    timer.unref();
    this.timers.set(leaseKeyString(lease), timer);
  }

  private healthy(lease: LeaseKey): boolean | undefined {
    const status = this.o.runtime.status(lease, this.now());
    const group = this.o.runtime.manifestGroup(lease);
    if (status === undefined || group === undefined) return undefined;
    return (group.services ?? []).every((s) => (status.services[s.name]?.available ?? 0) >= s.count);
  }

  private check(lease: LeaseKey, attempts: number): void {
    this.timers.delete(leaseKeyString(lease));
    const healthy = this.healthy(lease);
    // The workload is gone (lease closed, provider restarted): nothing left to watch.
    if (healthy === undefined) return;
    if (healthy) return this.schedule(lease, this.o.timing.monitorHealthcheckMs, 0);
    if (attempts <= this.o.timing.monitorMaxRetries)
      return this.schedule(lease, this.o.timing.monitorRetryMs, attempts);
    this.o.log(`closing lease ${leaseKeyString(lease)} (unstable: not healthy after ${attempts} checks)`);
    void this.o.closeLease(lease, REASON_UNSTABLE).catch((error: unknown) => {
      this.o.log(`closing unstable lease failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}
