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
import type { AkashPorts } from "../../akash/ports/akash-ports";
import type { Chain, Lease, LeaseId, Provider } from "../../akash/ports/chain";
import { isGatewayError } from "../../akash/ports/errors";
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
import { acquireLease, running } from "./lease-acquisition";
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
  },

  async create({ planned, provider: ports, ctx }) {
    const chain = await ports.signingChain();
    const gateway = await gatewayFor(ports, planned);
    const watcher = await ports.bidWatcher();
    const owner = chain.transactions.signerAddress;
    const dseq = BigInt(planned.dseq);
    const gseq = planned.gseq ?? 1;
    const acquired = await acquireLease({ chain, watcher, clock: ports.clock }, { owner, dseq, gseq }, ctx, {
      policy: bidPolicyFrom(planned.bid_policy),
      providerCheck: manifestSupportCheck(gateway, planned.manifest, ctx),
    });
    return startServices(ports, chain, gateway, acquired.lease, planned, ctx);
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
