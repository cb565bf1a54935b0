/**
 * Getting the one lease of a group: adopt the running lease no state knows, or reopen a paused group, wait for a
 * bid and create the lease from it. At scale the bids a lease waits on may be gone by the time it runs: an order
 * whose bids all expired is replaced by a new one, and a bid withdrawn before the lease transaction landed is
 * replaced by the next acceptable one. Before anything that would close or create a lease, the chain is asked
 * again whether one runs: a group has at most one lease, and a second would cost twice.
 */
import type { SigningChain } from "../../akash/ports/akash-ports";
import type { BidWatcher } from "../../akash/ports/bid-watcher";
import type { Chain, Group, GroupId, Lease } from "../../akash/ports/chain";
import type { Clock } from "../../akash/ports/clock";
import { isChainError } from "../../akash/ports/errors";
import { formatDecCoin } from "../../domain/coin-text";
import { DiagnosticError } from "../../framework/diagnostics";
import type { OperationContext } from "../../framework/resource";
import type { ConfiguredBidPolicy } from "./bid-policy-config";
import { chooseBid, type ProviderCheck } from "./bid-selection";
import { bidKey } from "./order-tracker";

/** A lease that still runs (and costs): active, or reclaiming until its deadline. */
export function running(lease: Lease | undefined): lease is Lease {
  return lease?.state === "active" || lease?.state === "reclaiming";
}

/** The deployment's group this lease is for, checked to be one that can still be leased. */
async function groupToLease(chain: SigningChain, owner: string, dseq: bigint, gseq: number): Promise<Group> {
  const deployment = await chain.deployment(owner, dseq);
  if (!deployment || deployment.state !== "active") {
    throw new DiagnosticError(
      "Deployment not active",
      `Deployment ${owner}/${dseq} is not an active deployment of this key.`,
      ["dseq"],
    );
  }
  const group = deployment.groups.find((g) => g.id.gseq === gseq);
  if (!group) {
    throw new DiagnosticError(
      "No such group",
      `Deployment ${dseq} has groups 1..${deployment.groups.length}; gseq ${gseq} does not exist.`,
      ["gseq"],
    );
  }
  return group;
}

/** The group's lease that still runs, if any: there can be only one, and a second would cost twice. */
async function runningLeaseOf(chain: Chain, group: GroupId): Promise<Lease | undefined> {
  return (await chain.leases(group.owner, { dseq: group.dseq })).find(
    (l) => l.id.gseq === group.gseq && running(l),
  );
}

/**
 * A paused group (its provider closed the lease) is reopened: providers bid again on a new order. Returns the
 * newest order number before it was reopened (bids up to it are history), or undefined when it was not paused.
 */
async function reopenIfPaused(
  chain: SigningChain,
  group: Group,
  ctx: OperationContext,
): Promise<number | undefined> {
  const { owner, dseq, gseq } = group.id;
  if (group.state === "paused") {
    // Read before starting it: a fast provider's bid on the new order must not be taken for history.
    const bids = await chain.bids(owner, dseq, { gseq });
    const leases = (await chain.leases(owner, { dseq })).filter((l) => l.id.gseq === gseq);
    const replaced = Math.max(0, ...bids.map((b) => b.id.oseq), ...leases.map((l) => l.id.oseq));
    ctx.log.info("reopening the paused group", { dseq: dseq.toString(), gseq });
    await startGroup(chain, group.id, ctx);
    return replaced;
  } else if (group.state !== "open") {
    throw new DiagnosticError(
      "Group closed",
      `Group ${gseq} (${group.name}) of deployment ${dseq} is ${group.state}, so no provider can bid on it ` +
        "again. Replace the deployment: `terraform apply -replace=akash_deployment.<name>`.",
      ["dseq"],
    );
  }
  return undefined;
}

async function startGroup(chain: SigningChain, group: GroupId, ctx: OperationContext): Promise<void> {
  try {
    await chain.transactions.submit({ kind: "startGroup", group }, { signal: ctx.signal });
  } catch (error) {
    // Someone reopened it meanwhile (e.g. a concurrent apply): bidding works the same.
    if (!isChainError(error, "invalid-state")) throw error;
  }
  chain.invalidate();
}

/**
 * Replaces an open order whose bids were all withdrawn: pausing the group closes the order (and its bids),
 * starting it again creates a new order (the next oseq) that providers bid on afresh. Pausing would also close a
 * lease of the group, so it is done only when none runs.
 */
async function replaceExpiredOrder(
  chain: SigningChain,
  group: GroupId,
  ctx: OperationContext,
): Promise<"reopened" | "leased"> {
  chain.invalidate();
  if (await runningLeaseOf(chain, group)) return "leased";
  ctx.log.info("replacing the order whose bids expired", { dseq: group.dseq.toString(), gseq: group.gseq });
  try {
    await chain.transactions.submit({ kind: "pauseGroup", group }, { signal: ctx.signal });
  } catch (error) {
    // Already paused (its provider closed a lease meanwhile): starting it is what is left to do.
    if (!isChainError(error, "invalid-state")) throw error;
  }
  await startGroup(chain, group, ctx);
  return "reopened";
}

/** Lease transactions retried with another bid when the chosen one was withdrawn before it landed. */
const MAX_LEASE_ATTEMPTS = 5;

export interface LeaseAcquisitionDeps {
  chain: SigningChain;
  watcher: BidWatcher;
  clock: Clock;
}

export interface BidChoosing {
  policy: ConfiguredBidPolicy;
  providerCheck?: ProviderCheck;
}

/** The lease of the group: an adopted one (an interrupted run created it), or a new one from the chosen bid. */
export async function acquireLease(
  deps: LeaseAcquisitionDeps,
  target: { owner: string; dseq: bigint; gseq: number },
  ctx: OperationContext,
  choosing: BidChoosing,
): Promise<{ lease: Lease; adopted: boolean }> {
  const { owner, dseq, gseq } = target;
  const { chain, watcher } = deps;
  const startedAt = deps.clock.now();
  const exclude = new Set<string>();
  for (let attempt = 1; ; attempt++) {
    const group = await groupToLease(chain, owner, dseq, gseq);
    // A lease of this group that no state knows: an earlier apply was killed after creating it (or our lease
    // transaction landed although it was reported failed). Take it over instead of bidding: a second lease is
    // not possible anyway, and would cost twice.
    const adopted = await runningLeaseOf(chain, group.id);
    if (adopted) {
      ctx.log.warn("adopting an existing lease of this group (created by an interrupted terraform run)", {
        dseq: dseq.toString(),
        gseq,
        oseq: adopted.id.oseq,
        provider: adopted.id.provider,
      });
      return { lease: adopted, adopted: true };
    }
    const replacedOseq = await reopenIfPaused(chain, group, ctx);
    const choice = await chooseBid(deps, chain, watcher, group.id, choosing.policy, ctx, {
      ...(choosing.providerCheck ? { providerCheck: choosing.providerCheck } : {}),
      spec: group.spec,
      reopen: () => replaceExpiredOrder(chain, group.id, ctx),
      exclude,
      startedAt,
      ...(replacedOseq === undefined ? {} : { replacedOseq }),
    });
    if (choice.kind === "leased") continue;
    const bid = choice.bid;
    ctx.log.info("creating lease", {
      dseq: dseq.toString(),
      gseq,
      oseq: bid.id.oseq,
      provider: bid.id.provider,
      price: formatDecCoin(bid.price),
    });
    try {
      await chain.transactions.submit({ kind: "createLease", bid: bid.id }, { signal: ctx.signal });
    } catch (error) {
      // The bid was withdrawn (or its order closed) before the transaction landed: nothing was paid, so try
      // the next acceptable bid, after checking again that no lease of the group exists.
      const gone = isChainError(error, "invalid-state") || isChainError(error, "not-found");
      if (!gone || attempt >= MAX_LEASE_ATTEMPTS) throw error;
      ctx.log.warn("the chosen bid is gone; choosing another", {
        dseq: dseq.toString(),
        gseq,
        oseq: bid.id.oseq,
        provider: bid.id.provider,
        error: error instanceof Error ? error.message : String(error),
      });
      exclude.add(bidKey(bid.id));
      chain.invalidate();
      continue;
    }
    const lease: Lease = {
      id: bid.id,
      state: "active",
      price: bid.price,
      createdAt: 0n,
      closedOn: 0n,
      closedReason: "",
      // The lease inherits its bid's reclamation window.
      ...(bid.reclamationWindowSeconds
        ? { reclamation: { windowSeconds: bid.reclamationWindowSeconds } }
        : {}),
    };
    return { lease, adopted: false };
  }
}
