/**
 * After `terraform import` of a lease, the state has no `manifest`: it is not on chain. Providers serve what they
 * run (GET /lease/…/manifest), but only the lease's own group, while `akash_lease.manifest` is the whole
 * deployment's manifest (`akash_deployment.x.manifest_json`, the same text for every group's lease).
 *
 * So the whole manifest is rebuilt from the group each active lease of the deployment serves, in gseq order (the
 * order of the groups on chain and in the manifest), rendered the Go way like the deployment renders it, and kept
 * only when its SHA-256 equals the deployment's on-chain version hash. Then it is byte for byte the text the
 * configuration passes, the first plan after an import is clean, and the manifest is not sent again. When any
 * piece is missing (a group without a lease, a provider that does not answer) nothing is guessed: the manifest
 * stays unknown and the next apply re-sends it, which is harmless.
 *
 * A real provider does not serve what was sent: it rebuilds the group from its Manifest CRD, which has no field for
 * the resource endpoints (they come back null, leased-IP ones included). The endpoints are on chain, in the group
 * spec's resource unit with the same id, so they are put back from there. Fields the CRD drops for good
 * (`params.credentials`, `params.tee`, `proxy_buffer_size`) cannot be put back: such a manifest does not match the
 * hash and stays unknown.
 */
import type { Chain, Group, LeaseId } from "../../akash/ports/chain";
import type { ProviderGateway } from "../../akash/ports/provider-gateway";
import { goSortedJson, manifestHash } from "../../sdl";

export type ManifestRecovery =
  | { manifest: string }
  | {
      manifest?: undefined;
      /** Why it could not be recovered (for the log). */
      reason: string;
    };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A served group with what the provider's CRD round trip lost put back from the on-chain group (see above). */
function withChainEndpoints(served: unknown, group: Group): unknown {
  if (!isObject(served) || !Array.isArray(served.services)) return served;
  const units = new Map(group.spec.resources.map((unit) => [unit.resource.id, unit.resource.endpoints]));
  const services: unknown[] = served.services;
  return {
    ...served,
    services: services.map((service) => {
      if (!isObject(service)) return service;
      const restored: Record<string, unknown> = { ...service };
      const resources = service.resources;
      if (isObject(resources) && resources.endpoints == null && typeof resources.id === "number") {
        const endpoints = units.get(resources.id);
        if (endpoints) restored.resources = { ...resources, endpoints };
      }
      return restored;
    }),
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export async function recoverDeploymentManifest(
  chain: Chain,
  gateway: ProviderGateway,
  lease: LeaseId,
  signal: AbortSignal,
): Promise<ManifestRecovery> {
  const [deployment, leases] = await Promise.all([
    chain.deployment(lease.owner, lease.dseq),
    chain.leases(lease.owner, { dseq: lease.dseq }),
  ]);
  if (!deployment || deployment.state !== "active") return { reason: "the deployment is not active" };
  const groups: unknown[] = [];
  for (const group of [...deployment.groups].sort((a, b) => a.id.gseq - b.id.gseq)) {
    const active = leases.find((l) => l.id.gseq === group.id.gseq && l.state === "active");
    if (!active) return { reason: `group ${group.id.gseq} has no active lease` };
    const provider = await chain.provider(active.id.provider);
    if (!provider) return { reason: `provider ${active.id.provider} is not registered` };
    let served: unknown;
    try {
      served = JSON.parse(
        await gateway.leaseManifest({ hostUri: provider.hostUri, address: provider.owner }, active.id, {
          signal,
        }),
      );
    } catch (error) {
      return { reason: `provider ${active.id.provider} did not serve the manifest: ${String(error)}` };
    }
    if (!Array.isArray(served)) return { reason: `provider ${active.id.provider} served no manifest array` };
    const servedGroups: unknown[] = served;
    groups.push(...servedGroups.map((g) => withChainEndpoints(g, group)));
  }
  const manifest = goSortedJson(groups);
  if (!sameBytes(manifestHash(manifest), deployment.hash)) {
    return { reason: "the manifest the providers serve does not match the deployment's on-chain version" };
  }
  return { manifest };
}
