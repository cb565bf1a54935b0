/**
 * `akash_lease`: a lease for one group of a deployment. Creating it picks a bid by the bid policy, creates the
 * lease, sends the manifest to the winning provider and waits until the services run. A manifest change re-sends
 * it in place. Destroying it closes the lease.
 *
 * Creating it also repairs what happened outside a completed apply: an active lease of the group that no state
 * knows (terraform was killed after creating it) is adopted instead of bid for, and a group its provider paused
 * (by closing the previous lease) is reopened with MsgStartGroup, so the deployment keeps its dseq and escrow.
 * An order whose bids all expired before a bid was chosen is replaced (MsgPauseGroup + MsgStartGroup), and a bid
 * withdrawn before the lease transaction landed is replaced by the next acceptable one.
 */
import type { AkashPorts, SigningChain } from "../../akash/ports/akash-ports";
import type { Chain, Group, GroupId, Lease, LeaseId, Provider } from "../../akash/ports/chain";
import { isChainError, isGatewayError } from "../../akash/ports/errors";
import type { ProviderEndpoint, ProviderGateway } from "../../akash/ports/provider-gateway";
import { formatDecCoin } from "../../domain/coin-text";
import { parseLeaseImportId } from "../../domain/import-ids";
import { withUserErrors } from "../../domain/user-errors";
import { DiagnosticError } from "../../framework/diagnostics";
import type { OperationContext } from "../../framework/resource";
import { defineResource, PartialModelError } from "../../framework/typed-resource";
import { isUnknown, UNKNOWN } from "../../framework/values";
import { formatGoDuration } from "../../go-duration";
import { bidPolicyFrom } from "./bid-policy-config";
import { bidKey, chooseBid } from "./bid-selection";
import { leaseSchema, type LeaseModel, type LeaseState } from "./lease-schema";
import { priorStatus, statusAttributes } from "./lease-status";
import { validateLeaseConfig } from "./lease-validation";
import { leasedResourcesOf } from "./leased-resources";
import { recoverDeploymentManifest } from "./manifest-recovery";
import { fieldsTodaysProvidersDrop, manifestSupportCheck } from "./manifest-support";
import { rolloutTarget, waitForRollout, WorkloadFailure } from "./rollout-wait";
import { gatewayFor } from "./provider-auth";

/** The lease's identity as state records it; undefined before the lease exists. */
function leaseIdOf(state: LeaseState): LeaseId {
  if (state.dseq === null || state.owner === null || state.oseq === null || state.provider_address === null) {
    throw new DiagnosticError(
      "Incomplete lease state",
      "The state has no dseq, owner, oseq or provider_address for this lease; import it again or remove it from state.",
    );
  }
  return {
    owner: state.owner,
    dseq: BigInt(state.dseq),
    gseq: state.gseq ?? 1,
    oseq: state.oseq,
    provider: state.provider_address,
    bseq: 0,
  };
}

function leaseAttributes(lease: Lease, provider: Provider | undefined) {
  const { owner, dseq, gseq, oseq, provider: address } = lease.id;
  return {
    id: `${owner}/${dseq}/${gseq}/${oseq}/${address}`,
    owner,
    oseq,
    provider_address: address,
    host_uri: provider?.hostUri ?? null,
    price: formatDecCoin(lease.price),
    state: lease.state,
    reclamation_window: lease.reclamation ? formatGoDuration(lease.reclamation.windowSeconds) : null,
    reclaim_deadline: lease.reclamation?.started?.deadline.toISOString() ?? null,
  };
}

/** The manifest check of modifyPlan; a manifest that is not JSON is validateConfig's error, not this one's. */
function safeFieldsTodaysProvidersDrop(manifest: string): string[] {
  try {
    return fieldsTodaysProvidersDrop(manifest);
  } catch {
    return [];
  }
}

/** A lease that still runs (and costs): active, or reclaiming until its deadline. */
function running(lease: Lease | undefined): lease is Lease {
  return lease?.state === "active" || lease?.state === "reclaiming";
}

async function endpointOf(
  chain: Chain,
  address: string,
): Promise<{ endpoint: ProviderEndpoint; provider: Provider }> {
  const provider = await chain.provider(address);
  if (!provider)
    throw new DiagnosticError("Provider not found", `Provider ${address} is not registered on chain.`);
  return { endpoint: { hostUri: provider.hostUri, address }, provider };
}

async function findLease(chain: Chain, id: LeaseId): Promise<Lease | undefined> {
  return (await chain.leases(id.owner, { dseq: id.dseq })).find(
    (l) => l.id.gseq === id.gseq && l.id.oseq === id.oseq && l.id.provider === id.provider,
  );
}

/**
 * Sends the manifest to the lease's provider and waits until its services run. The lease exists and costs money
 * from here on: on failure it stays in state (tainted), so the next apply replaces or destroys it.
 */
async function startServices(
  ports: AkashPorts,
  chain: Chain,
  gateway: ProviderGateway,
  lease: Lease,
  planned: LeaseModel,
  ctx: OperationContext,
): Promise<LeaseModel> {
  const { endpoint, provider: winner } = await endpointOf(chain, lease.id.provider);
  const partial: LeaseModel = {
    ...planned,
    ...leaseAttributes(lease, winner),
    ...statusAttributes(undefined),
    leased_resources: await leasedResourcesOf(chain, lease.id, planned.manifest),
  };
  try {
    await gateway.sendManifest(endpoint, lease.id.dseq, planned.manifest, { signal: ctx.signal });
    ctx.log.info("manifest sent", { provider: lease.id.provider, dseq: lease.id.dseq.toString() });
    const target = rolloutTarget(null, planned.manifest, undefined);
    const status = await waitForRollout(ports, chain, gateway, endpoint, lease.id, target, ctx);
    return { ...partial, ...statusAttributes(status) };
  } catch (error) {
    const seen = error instanceof WorkloadFailure ? statusAttributes(error.status) : {};
    throw new PartialModelError({ ...partial, ...seen }, error);
  }
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
 * A paused group (its provider closed the lease) is reopened: providers bid again on a new order. Returns whether
 * it was paused.
 */
async function reopenIfPaused(chain: SigningChain, group: Group, ctx: OperationContext): Promise<boolean> {
  const { dseq, gseq } = group.id;
  if (group.state === "paused") {
    ctx.log.info("reopening the paused group", { dseq: dseq.toString(), gseq });
    await startGroup(chain, group.id, ctx);
    return true;
  } else if (group.state !== "open") {
    throw new DiagnosticError(
      "Group closed",
      `Group ${gseq} (${group.name}) of deployment ${dseq} is ${group.state}, so no provider can bid on it ` +
        "again. Replace the deployment: `terraform apply -replace=akash_deployment.<name>`.",
      ["dseq"],
    );
  }
  return false;
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

const leaseDefinition = defineResource<AkashPorts, typeof leaseSchema>({
  typeName: "akash_lease",
  timeouts: { create: "15m", update: "10m", delete: "5m" },
  schema: leaseSchema,

  validateConfig: validateLeaseConfig,

  modifyPlan({ prior, planned, config, diags }) {
    const manifest = config.manifest;
    const policy = config.bid_policy;
    const opted = policy !== null && !isUnknown(policy) && policy.require_manifest_support === true;
    if (typeof manifest === "string" && !opted && (!prior || prior.manifest !== manifest)) {
      const dropped = safeFieldsTodaysProvidersDrop(manifest);
      if (dropped.length > 0) {
        diags.error(
          "Manifest field today's providers drop",
          `Today's providers (chain-sdk go v0.2.16) drop ${dropped.join("; ")}: the manifest would no longer ` +
            "match the deployment's hash and they would refuse it (422) after the lease is paid for. Remove the " +
            "field from the SDL, or set bid_policy.require_manifest_support = true so that only providers whose " +
            "version keeps it can win (the wait for a bid may then end with none).",
          ["manifest"],
        );
      }
    }
    if (!prior) return;
    if (prior.state === "reclaiming") {
      diags.warning(
        "Lease being reclaimed by its provider",
        `The provider of lease ${prior.id ?? ""} announced it will take its resources back: the lease keeps running ` +
          `until ${prior.reclaim_deadline ?? "its reclamation deadline"}, then the provider closes it and the next ` +
          "apply creates a new lease. To move now, run `terraform apply -replace=<this lease's address>`.",
      );
    }
    if (prior.manifest === null && typeof config.manifest === "string") {
      diags.warning(
        "Manifest of the imported lease not recovered",
        "The provider did not serve a manifest that matches the deployment's on-chain hash (it may be down, or the " +
          "manifest uses a field its Manifest CRD does not keep, such as params.credentials), so this apply sends " +
          "the configured manifest to the provider again. That is harmless when it is the one that runs; the " +
          "provider refuses one that does not match the deployment.",
        ["manifest"],
      );
    }
    const manifestChanged = config.manifest !== prior.manifest;
    // Status only refreshes when we touch the lease; otherwise keep what we know.
    const kept = priorStatus(prior);
    planned.state = manifestChanged ? UNKNOWN : kept.state;
    planned.services = manifestChanged ? UNKNOWN : kept.services;
    planned.uris = manifestChanged ? UNKNOWN : kept.uris;
    planned.forwarded_ports = manifestChanged ? UNKNOWN : kept.forwarded_ports;
    planned.ips = manifestChanged ? UNKNOWN : kept.ips;
    // Only the provider starts reclamation, and the refresh before this plan read it: an update never changes it.
    planned.reclaim_deadline = prior.reclaim_deadline;
  },

  async create({ planned, provider: ports, ctx }) {
    const chain = await ports.signingChain();
    const gateway = await gatewayFor(ports, planned);
    const watcher = await ports.bidWatcher();
    const owner = chain.transactions.signerAddress;
    const dseq = BigInt(planned.dseq);
    const gseq = planned.gseq ?? 1;
    const policy = bidPolicyFrom(planned.bid_policy);
    const providerCheck = manifestSupportCheck(gateway, planned.manifest, ctx);
    const startedAt = ports.clock.now();
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
        return startServices(ports, chain, gateway, adopted, planned, ctx);
      }
      const reopened = await reopenIfPaused(chain, group, ctx);
      const choice = await chooseBid(ports, chain, watcher, group.id, policy, ctx, {
        providerCheck,
        spec: group.spec,
        reopen: () => replaceExpiredOrder(chain, group.id, ctx),
        exclude,
        startedAt,
        reopened,
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
      return startServices(ports, chain, gateway, lease, planned, ctx);
    }
  },

  async read({ state, provider: ports, ctx }) {
    const chain = await ports.chain();
    const id = leaseIdOf(state);
    const lease = await findLease(chain, id);
    // Closed by the provider or by an empty escrow: gone, so the plan creates a new lease. A reclaiming lease
    // still runs until its deadline: it stays, and the plan says when it will close.
    if (!running(lease)) return null;
    const { endpoint, provider } = await endpointOf(chain, id.provider);
    const gateway = await gatewayFor(ports, state);
    let status = priorStatus(state);
    try {
      status = {
        ...status,
        ...statusAttributes(await gateway.leaseStatus(endpoint, id, { signal: ctx.signal })),
      };
    } catch (error) {
      if (isGatewayError(error, "not-found")) status = { ...status, ...statusAttributes(undefined) };
      else ctx.log.warn("lease status unavailable; keeping the last known values", { error: String(error) });
    }
    let manifest = state.manifest;
    if (state.manifest === null) {
      // Just imported: the manifest is not on chain, but the providers know it.
      const recovery = await recoverDeploymentManifest(chain, gateway, id, ctx.signal);
      if (recovery.manifest !== undefined) manifest = recovery.manifest;
      else ctx.log.warn("manifest not recovered; the next apply sends it again", { reason: recovery.reason });
    }
    // Imported, or state from before this attribute: read the winning bid's offer.
    const leased = state.leased_resources ?? (await leasedResourcesOf(chain, id, manifest));
    return { ...state, ...status, ...leaseAttributes(lease, provider), manifest, leased_resources: leased };
  },

  async update({ prior, planned, provider: ports, ctx }) {
    if (planned.manifest === prior.manifest) return { ...prior, ...planned, ...priorStatus(prior) };
    const chain = await ports.chain();
    const gateway = await gatewayFor(ports, planned);
    const id = leaseIdOf(prior);
    const { endpoint } = await endpointOf(chain, id.provider);
    const before = await gateway.leaseStatus(endpoint, id, { signal: ctx.signal }).catch((error: unknown) => {
      if (isGatewayError(error, "not-found")) return undefined;
      throw error;
    });
    // A new manifest follows the deployment's MsgUpdateDeployment: the provider's view of the hash may lag.
    await gateway.sendManifest(endpoint, id.dseq, planned.manifest, { signal: ctx.signal, afterUpdate: {} });
    ctx.log.info("manifest sent", { provider: id.provider, dseq: id.dseq.toString() });
    try {
      const target = rolloutTarget(prior.manifest, planned.manifest, before);
      const status = await waitForRollout(ports, chain, gateway, endpoint, id, target, ctx);
      // A manifest update leaves the lease as it was on chain (active, or reclaiming until its deadline).
      return { ...prior, ...planned, state: prior.state ?? "active", ...statusAttributes(status) };
    } catch (error) {
      // The state keeps the manifest that ran before, so the next plan shows the change still pending.
      const seen = error instanceof WorkloadFailure ? statusAttributes(error.status) : {};
      throw new PartialModelError({ ...prior, ...seen }, error);
    }
  },

  async delete({ state, provider: ports, ctx }) {
    const chain = await ports.signingChain();
    const id = leaseIdOf(state);
    const lease = await findLease(chain, id);
    // The tenant may close a reclaiming lease at any time, too.
    if (!running(lease)) return;
    await chain.transactions.submit({ kind: "closeLease", lease: id }, { signal: ctx.signal });
  },

  upgradeState({ fromVersion, state, decode }) {
    // Version 0 named the winning provider `provider`, a Terraform meta-argument name.
    const { provider, ...rest } = state;
    return decode(fromVersion === 0 ? { ...rest, provider_address: provider } : state);
  },

  async importState({ id, provider: ports }) {
    const parsed = parseLeaseImportId(id);
    const owner = parsed.owner ?? (await ports.signerAddress());
    return {
      dseq: parsed.dseq.toString(),
      gseq: parsed.gseq,
      manifest: null,
      id: null,
      owner,
      oseq: parsed.oseq,
      provider_address: parsed.provider,
      host_uri: null,
      price: null,
      state: null,
      reclamation_window: null,
      reclaim_deadline: null,
      services: null,
      uris: null,
      leased_resources: null,
      forwarded_ports: null,
      ips: null,
      provider_auth: "jwt",
      client_certificate_pem: null,
      client_private_key_pem: null,
      bid_policy: null,
    };
  },
});

/** Chain and gateway failures reach the user as diagnostics (see domain/user-errors.ts). */
export const leaseResource = withUserErrors(leaseDefinition);
