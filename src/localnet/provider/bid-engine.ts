/**
 * The provider's bid engine and lease watchers (bidengine/order.go, manifest/watchdog.go, balance_checker.go),
 * driven by polling the chain once per block:
 * - bids on each new open order it can serve, after a short random delay, at its scale price (never above the
 *   order's price) with the minimum bid deposit;
 * - closes its bid when the order stops being open (lost to another provider, closed) or after the bid timeout;
 * - watches its leases: closes a lease with reason manifest_timeout if no manifest arrives in time, tears down
 *   the lease's workload when the lease closes, and withdraws earnings periodically or when funds run out;
 * - offers its reclamation window in every bid and keeps reclaiming leases running (reclaimer.ts).
 */
import type { EncodeObject } from "@cosmjs/proto-signing";
import type { GroupSpec } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import type { Lease } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import type { ProviderChainClient } from "./chain-client";
import type { Inventory } from "./capacity";
import { leaseKeyString, type LeaseKey, type LeaseRuntime } from "./lease-runtime";
import { allocatedGpuAttributes, matchesCapabilities, matchesPlacement, type Attr } from "./placement";
import { priceGroup } from "./pricing";
import type { ProviderProfile } from "./profiles";
import { decAtomics, formatDec, resourceValueToBigInt } from "./resource-values";
import { PROVIDER_MSG_TYPES, type TxQueue } from "./tx-queue";
import { Reclaimer } from "./reclaimer";
import type { ProviderTiming } from "./timing";
import { ControlError, type CloseLeaseRequest, type CloseLeaseResult } from "../faults/control-api";
import type { StartReclaimResult } from "../faults/operator-actions";

export { defaultTiming, type ProviderTiming } from "./timing";

// akash.market.v1.LeaseClosedReason
const REASON_UNSPECIFIED = 10002;
const REASON_MANIFEST_TIMEOUT = 10003;

interface OrderRef {
  owner: string;
  dseq: string;
  gseq: number;
  oseq: number;
}
const orderKey = (o: OrderRef) => `${o.owner}/${o.dseq}/${o.gseq}/${o.oseq}`;

export interface BidEngineOptions {
  address: string;
  profile: ProviderProfile;
  chain: ProviderChainClient;
  tx: TxQueue;
  inventory: Inventory;
  runtime: LeaseRuntime;
  timing: ProviderTiming;
  log: (line: string) => void;
  random?: () => number;
  now?: () => number;
  /** Fault injection: false = do not bid on new orders (they are considered again once it turns true). */
  biddingEnabled?: () => boolean;
}

export class BidEngine {
  /** Orders already handled (evaluating, bid, declined). */
  private readonly seenOrders = new Set<string>();
  private readonly pendingEvaluations = new Set<ReturnType<typeof setTimeout>>();
  private readonly bidPlacedAt = new Map<string, number>();
  private readonly closingBids = new Set<string>();
  private readonly activeLeases = new Map<string, { key: LeaseKey; lease: Lease }>();
  private readonly watchdogs = new Map<string, number>();
  private readonly lastWithdraw = new Map<string, number>();
  private lastFundsCheck = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private ticking: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly reclaimer: Reclaimer;

  constructor(private readonly o: BidEngineOptions) {
    this.now = o.now ?? Date.now;
    this.random = o.random ?? Math.random;
    this.reclaimer = new Reclaimer({ address: o.address, chain: o.chain, tx: o.tx, log: o.log });
  }

  start(): void {
    const loop = () => {
      if (this.stopped) return;
      this.ticking = this.tick()
        .catch((error: unknown) =>
          this.o.log(`poll failed: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, this.o.timing.blockTimeMs);
        });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const t of this.pendingEvaluations) clearTimeout(t);
    this.pendingEvaluations.clear();
    await this.ticking;
  }

  /** Orders the engine is working on (GET /status bidengine.orders). */
  orderCount(): number {
    return this.pendingEvaluations.size + this.bidPlacedAt.size;
  }

  activeLeaseCount(): number {
    return this.activeLeases.size;
  }

  /** A manifest was accepted for these leases: their watchdogs stop. */
  manifestReceived(leases: LeaseKey[]): void {
    for (const lease of leases) this.watchdogs.delete(leaseKeyString(lease));
  }

  private send(msg: EncodeObject, what: string): Promise<boolean> {
    return this.o.tx.submit([msg]).then(
      (res) => {
        if (res.code !== 0) this.o.log(`${what} failed with code ${res.code}: ${res.rawLog ?? ""}`);
        return res.code === 0;
      },
      (error: unknown) => {
        this.o.log(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
        return false;
      },
    );
  }

  private closeBid(order: OrderRef, reason: number, what: string): void {
    const key = orderKey(order);
    if (this.closingBids.has(key)) return;
    this.closingBids.add(key);
    void this.send(
      {
        typeUrl: PROVIDER_MSG_TYPES.closeBid,
        value: { id: { ...order, provider: this.o.address, bseq: 0 }, reason },
      },
      what,
    ).finally(() => {
      this.closingBids.delete(key);
      this.bidPlacedAt.delete(key);
    });
  }

  /** One poll: new orders, our open bids, our active leases, escrow funds. */
  async tick(): Promise<void> {
    const now = this.now();
    const orders = await this.o.chain.openOrders();
    const open = new Set<string>();
    for (const order of orders) {
      const id = order.id;
      if (id === undefined) continue;
      const ref: OrderRef = { owner: id.owner, dseq: id.dseq.toString(), gseq: id.gseq, oseq: id.oseq };
      const key = orderKey(ref);
      open.add(key);
      if (this.seenOrders.has(key) || id.owner === this.o.address || !this.biddingEnabled()) continue;
      this.seenOrders.add(key);
      const [min, max] = this.o.timing.bidDelayMs;
      const timer = setTimeout(
        () => {
          this.pendingEvaluations.delete(timer);
          if (!this.stopped) void this.evaluate(ref);
        },
        min + this.random() * (max - min),
      );
      this.pendingEvaluations.add(timer);
    }

    // Orders that are no longer open never reopen (a new order gets a new oseq), so forget them.
    for (const key of this.seenOrders) if (!open.has(key)) this.seenOrders.delete(key);

    const openBids = new Set<string>();
    for (const bid of await this.o.chain.bids({ provider: this.o.address, state: "open" })) {
      const id = bid.id;
      if (id === undefined) continue;
      const ref: OrderRef = { owner: id.owner, dseq: id.dseq.toString(), gseq: id.gseq, oseq: id.oseq };
      const key = orderKey(ref);
      openBids.add(key);
      this.seenOrders.add(key);
      if (!this.bidPlacedAt.has(key)) this.bidPlacedAt.set(key, now);
      if (!open.has(key)) {
        this.o.inventory.release(key);
        this.closeBid(ref, REASON_UNSPECIFIED, `closing bid ${key} (order no longer open)`);
      } else if (now - (this.bidPlacedAt.get(key) as number) >= this.o.timing.bidTimeoutMs) {
        this.o.inventory.release(key);
        this.closeBid(ref, REASON_UNSPECIFIED, `closing bid ${key} (bid timeout)`);
      }
    }

    await this.watchLeases(now);

    // Bids that left the open state without becoming our lease (lost, closed externally): free their capacity.
    for (const [key, placedAt] of this.bidPlacedAt) {
      const settled = now - placedAt > 2 * this.o.timing.blockTimeMs;
      if (settled && !openBids.has(key) && !this.activeLeases.has(key) && !this.closingBids.has(key)) {
        this.bidPlacedAt.delete(key);
        this.o.inventory.release(key);
      }
    }
  }

  private async watchLeases(now: number): Promise<void> {
    const leases = await this.o.chain.leases({ provider: this.o.address, state: "active" });
    // Reclaiming leases keep running until the window has passed and the reclaimer closes them.
    const reclaiming = (await this.reclaimer.watch(now)).map((r) => r.lease);
    const current = new Set<string>();
    for (const lease of [...leases, ...reclaiming]) {
      const id = lease.id;
      if (id === undefined) continue;
      const key: LeaseKey = { owner: id.owner, dseq: id.dseq.toString(), gseq: id.gseq, oseq: id.oseq };
      const k = leaseKeyString(key);
      current.add(k);
      if (!this.activeLeases.has(k)) {
        this.activeLeases.set(k, { key, lease });
        this.bidPlacedAt.delete(k);
        this.lastWithdraw.set(k, now);
        if (!this.o.runtime.has(key)) this.watchdogs.set(k, now + this.o.timing.manifestTimeoutMs);
      }
    }
    for (const [k, { key }] of this.activeLeases) {
      if (current.has(k)) continue;
      // Lease closed (by the tenant, for insufficient funds, or by us): tear the workload down.
      this.activeLeases.delete(k);
      this.watchdogs.delete(k);
      this.lastWithdraw.delete(k);
      this.o.runtime.remove(key);
      this.o.inventory.release(k);
    }
    for (const [k, deadline] of this.watchdogs) {
      if (now < deadline) continue;
      this.watchdogs.delete(k);
      const entry = this.activeLeases.get(k);
      if (entry === undefined || this.o.runtime.has(entry.key)) continue;
      this.closeBid(entry.key, REASON_MANIFEST_TIMEOUT, `closing lease ${k} (manifest timeout)`);
    }
    for (const [k, { key }] of this.activeLeases) {
      if (now - (this.lastWithdraw.get(k) ?? now) >= this.o.timing.withdrawalPeriodMs) {
        this.lastWithdraw.set(k, now);
        this.withdraw(key, "scheduled withdrawal");
      }
    }
    if (now - this.lastFundsCheck >= this.o.timing.fundsCheckIntervalMs && this.activeLeases.size > 0) {
      this.lastFundsCheck = now;
      await this.checkFunds();
    }
  }

  private withdraw(key: LeaseKey, why: string): void {
    void this.send(
      {
        typeUrl: PROVIDER_MSG_TYPES.withdrawLease,
        value: { id: { ...key, provider: this.o.address, bseq: 0 } },
      },
      `withdraw lease ${leaseKeyString(key)} (${why})`,
    );
  }

  /** balance_checker: withdraw (which settles, and closes an overdrawn deployment) when funds are used up. */
  private async checkFunds(): Promise<void> {
    const height = BigInt(await this.o.chain.latestHeight());
    const deployments = new Map<string, LeaseKey[]>();
    for (const { key } of this.activeLeases.values()) {
      const d = `${key.owner}/${key.dseq}`;
      deployments.set(d, [...(deployments.get(d) ?? []), key]);
    }
    for (const [d, keys] of deployments) {
      const [owner, dseq] = d.split("/") as [string, string];
      const res = await this.o.chain.deployment(owner, dseq).catch(() => undefined);
      const state = res?.escrowAccount?.state;
      if (state === undefined) continue;
      const leases = await this.o.chain
        .leases({ provider: "", owner, dseq, state: "active" })
        .catch(() => []);
      const rate = leases.reduce((sum, l) => sum + decAtomics(l.price?.amount ?? ""), 0n);
      if (rate === 0n) continue;
      const denom = leases[0]?.price?.denom ?? "uact";
      const funds = state.funds
        .filter((f) => f.denom === denom)
        .reduce((s, f) => s + decAtomics(f.amount), 0n);
      const remaining = funds - (height - BigInt(state.settledAt.toString())) * rate;
      if (remaining <= 0n) for (const key of keys) this.withdraw(key, "escrow funds exhausted");
    }
  }

  private biddingEnabled(): boolean {
    return this.o.biddingEnabled?.() ?? true;
  }

  /**
   * Closes one of this provider's active leases on request (the control API), as a real provider does when it
   * gives up a workload: MsgCloseBid on the lease's bid with a provider-side reason. Resolves with the tx result.
   */
  async closeLease(request: CloseLeaseRequest): Promise<CloseLeaseResult> {
    const where = `${request.dseq}/${request.gseq}/${request.oseq}`;
    const leases = (
      await this.o.chain.leases({
        provider: this.o.address,
        owner: request.owner,
        dseq: request.dseq,
        state: "active",
      })
    ).filter(
      (l) =>
        l.id !== undefined &&
        l.id.gseq === request.gseq &&
        l.id.oseq === request.oseq &&
        (request.owner === undefined || l.id.owner === request.owner),
    );
    const owners = [...new Set(leases.map((l) => l.id!.owner))];
    if (owners.length === 0)
      throw new ControlError(404, `provider ${this.o.address} has no active lease ${where}`);
    if (owners.length > 1)
      throw new ControlError(
        400,
        `several owners have an active lease ${where}; pass "owner" (${owners.join(", ")})`,
      );
    const lease = { owner: owners[0] as string, dseq: request.dseq, gseq: request.gseq, oseq: request.oseq };
    const outcome = await this.o.tx.submit([
      {
        typeUrl: PROVIDER_MSG_TYPES.closeBid,
        value: {
          id: { ...lease, provider: this.o.address, bseq: 0 },
          reason: request.reason ?? REASON_UNSPECIFIED,
        },
      },
    ]);
    if (outcome.code !== 0)
      this.o.log(`closing lease ${leaseKeyString(lease)} on request failed: ${outcome.rawLog}`);
    return { ...outcome, lease: { ...lease, provider: this.o.address } };
  }

  /**
   * Gives a workload up (the deployment monitor's unstable close). On chain v2.1 a lease with a reclamation window
   * cannot be closed by its provider before reclamation ran its course, so such a lease is put into reclamation
   * with the same reason instead, and closed at its deadline.
   */
  async giveUp(request: CloseLeaseRequest): Promise<void> {
    const closed = await this.closeLease(request);
    if (closed.code !== 0 && closed.rawLog.includes("reclamation not started")) {
      await this.reclaimer.start(request);
    }
  }

  /** A resource unit as offered: a GPU request becomes the concrete model this provider would allocate. */
  private offered<R extends { gpu?: { units?: { val: Uint8Array }; attributes: Attr[] } }>(
    resource: R | undefined,
  ): R | undefined {
    const gpu = resource?.gpu;
    if (!resource || !gpu || resourceValueToBigInt(gpu.units?.val) === 0n) return resource;
    const attributes = allocatedGpuAttributes(gpu.attributes, this.o.profile.attributes);
    return attributes ? { ...resource, gpu: { ...gpu, attributes } } : resource;
  }

  /** Starts reclaiming one of this provider's active leases on request (the control API's start-reclaim). */
  startReclaim(request: CloseLeaseRequest): Promise<StartReclaimResult> {
    return this.reclaimer.start(request);
  }

  private async evaluate(order: OrderRef): Promise<void> {
    const key = orderKey(order);
    if (!this.biddingEnabled()) {
      this.seenOrders.delete(key);
      return;
    }
    try {
      const group = await this.o.chain.group(order.owner, order.dseq, order.gseq);
      const spec = group?.groupSpec;
      // Group state 1 = open.
      if (group === undefined || spec === undefined || group.state !== 1) return;
      const decline = await this.declineReason(spec);
      if (decline !== undefined) {
        this.o.log(`not bidding on ${key}: ${decline}`);
        return;
      }
      const price = priceGroup(spec, this.o.profile.pricing);
      if (!price.ok) {
        this.o.log(`not bidding on ${key}: ${price.reason}`);
        return;
      }
      if (!this.o.inventory.reserve(key, spec)) {
        this.o.log(`not bidding on ${key}: insufficient capacity`);
        return;
      }
      const deposits = await this.o.chain.bidMinDeposits();
      const deposit = deposits.find((d) => d.denom === "uakt") ??
        deposits[0] ?? { denom: "uakt", amount: "500000" };
      const placed = await this.send(
        {
          typeUrl: PROVIDER_MSG_TYPES.createBid,
          value: {
            id: { ...order, provider: this.o.address, bseq: 0 },
            // chain-sdk's DecCoin codec takes the plain decimal and puts the 10^18-scaled integer on the wire.
            price: { denom: price.denom, amount: formatDec(price.amount) },
            // Deposit source 1 = balance.
            deposit: { amount: deposit, sources: [1] },
            resourcesOffer: spec.resources.map((unit) => ({
              resources: this.offered(unit.resource),
              count: unit.count,
            })),
            ...(this.o.timing.reclamationWindowMs > 0
              ? { reclamationWindowNs: BigInt(this.o.timing.reclamationWindowMs) * 1_000_000n }
              : {}),
          },
        },
        `bid on ${key}`,
      );
      if (placed) this.bidPlacedAt.set(key, this.now());
      else this.o.inventory.release(key);
    } catch (error) {
      this.o.inventory.release(key);
      this.o.log(`evaluating ${key} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** shouldBid: why this provider cannot serve `spec`, or undefined if it can. */
  private async declineReason(spec: GroupSpec): Promise<string | undefined> {
    const own = this.o.profile.attributes;
    const signedBy = spec.requirements?.signedBy;
    const needsAudit = (signedBy?.allOf.length ?? 0) + (signedBy?.anyOf.length ?? 0) > 0;
    const attestations = needsAudit
      ? (await this.o.chain.auditedAttributes(this.o.address)).map((a) => ({
          auditor: a.auditor,
          attributes: a.attributes,
        }))
      : [];
    if (!matchesPlacement(spec, own, attestations)) return "incompatible placement attributes";
    if (!matchesCapabilities(spec, own)) return "incompatible resource capabilities (storage class or GPU)";
    return undefined;
  }
}
