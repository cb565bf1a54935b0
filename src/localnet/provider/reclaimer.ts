/**
 * Resource reclamation on the provider side (AEP-82). The real provider offers its configured window in every
 * bid, keeps workloads running while a lease is reclaiming (cluster/service.go) and leaves starting reclamation
 * and the final close to its operator. The localnet provider does both on request: `start` sends
 * MsgLeaseStartReclaim for one of its active leases (control API `start-reclaim`), and `watch`, called every
 * poll, closes each reclaiming lease with MsgCloseBid (the reclamation's reason) once its deadline has passed.
 */
import type { Lease } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import type { ProviderChainClient } from "./chain-client";
import { leaseKeyString, type LeaseKey } from "./lease-runtime";
import { PROVIDER_MSG_TYPES, type TxOutcome, type TxQueue } from "./tx-queue";
import { ControlError, type CloseLeaseRequest } from "../faults/control-api";
import type { StartReclaimResult } from "../faults/operator-actions";

/** akash.market.v1 LeaseClosedReason lease_closed_reason_decommission: the default reason to reclaim. */
export const RECLAIM_REASON_DEFAULT = 10001;

export interface ReclaimerOptions {
  address: string;
  chain: ProviderChainClient;
  tx: TxQueue;
  log: (line: string) => void;
}

export class Reclaimer {
  private readonly closing = new Set<string>();

  constructor(private readonly o: ReclaimerOptions) {}

  /** This provider's reclaiming leases; those past their deadline (unix seconds) get closed. */
  async watch(nowMs: number): Promise<{ key: LeaseKey; lease: Lease }[]> {
    const reclaiming = await this.o.chain.leasesWithReclamation({
      provider: this.o.address,
      state: "reclaiming",
    });
    const out: { key: LeaseKey; lease: Lease }[] = [];
    for (const { lease, reclamation } of reclaiming) {
      const id = lease.id;
      if (id === undefined) continue;
      const key: LeaseKey = { owner: id.owner, dseq: id.dseq.toString(), gseq: id.gseq, oseq: id.oseq };
      out.push({ key, lease });
      const deadline = Number(reclamation?.deadline ?? 0n);
      if (deadline > 0 && nowMs / 1000 >= deadline)
        this.close(key, reclamation?.reason ?? RECLAIM_REASON_DEFAULT);
    }
    return out;
  }

  private close(key: LeaseKey, reason: number): void {
    const k = leaseKeyString(key);
    if (this.closing.has(k)) return;
    this.closing.add(k);
    void this.o.tx
      .submit([
        {
          typeUrl: PROVIDER_MSG_TYPES.closeBid,
          value: { id: { ...key, provider: this.o.address, bseq: 0 }, reason },
        },
      ])
      .then((outcome) => {
        // Too early by a block (38) or any other refusal: the next poll tries again.
        if (outcome.code !== 0) this.o.log(`closing reclaimed lease ${k} failed: ${outcome.rawLog}`);
      })
      .finally(() => this.closing.delete(k));
  }

  /** MsgLeaseStartReclaim for the active lease the request names; resolves with the tx result and the deadline. */
  async start(request: CloseLeaseRequest): Promise<StartReclaimResult> {
    const key = await this.activeLease(request);
    const reason = request.reason ?? RECLAIM_REASON_DEFAULT;
    const outcome: TxOutcome = await this.o.tx.submit([
      {
        typeUrl: PROVIDER_MSG_TYPES.leaseStartReclaim,
        value: { id: { ...key, provider: this.o.address, bseq: 0 }, reason },
      },
    ]);
    const lease = { ...key, provider: this.o.address };
    if (outcome.code !== 0) {
      this.o.log(`starting reclamation of ${leaseKeyString(key)} failed: ${outcome.rawLog}`);
      return { ...outcome, lease };
    }
    const started = (
      await this.o.chain.leasesWithReclamation({ provider: this.o.address, state: "reclaiming" })
    ).find(
      (l) =>
        l.lease.id?.owner === key.owner &&
        l.lease.id.dseq.toString() === key.dseq &&
        l.lease.id.gseq === key.gseq &&
        l.lease.id.oseq === key.oseq,
    )?.reclamation;
    return {
      ...outcome,
      lease,
      ...(started ? { deadline: new Date(Number(started.deadline) * 1000).toISOString() } : {}),
    };
  }

  private async activeLease(request: CloseLeaseRequest): Promise<LeaseKey> {
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
    if (owners.length > 1) {
      throw new ControlError(
        400,
        `several owners have an active lease ${where}; pass "owner" (${owners.join(", ")})`,
      );
    }
    return { owner: owners[0]!, dseq: request.dseq, gseq: request.gseq, oseq: request.oseq };
  }
}
