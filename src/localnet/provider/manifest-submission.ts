/**
 * PUT /deployment/{dseq}/manifest, as the provider's manifest manager handles it: decode (422), validate (422),
 * compare the version hash with the on-chain deployment hash (422 "manifest version validation failed"), cross-check
 * against the deployment's groups (422), then require an active lease with this provider (404 "no lease for
 * deployment") and run the manifest group of every such lease.
 */
import type { QueryDeploymentResponse } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import type { Lease } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { decodeManifest, ManifestDecodeError, manifestVersion } from "./manifest";
import { checkManifestAgainstGroups, ManifestRejection, validateManifest } from "./manifest-validation";
import type { LeaseKey, LeaseRuntime } from "./lease-runtime";
import { GatewayError } from "./gateway-errors";

export interface ManifestChain {
  deployment(owner: string, dseq: string): Promise<QueryDeploymentResponse>;
  leases(filters: { provider: string; state?: string; owner?: string; dseq?: string }): Promise<Lease[]>;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Accepts a manifest for (owner, dseq) or throws GatewayError with the provider's status and text. */
export async function submitManifest(
  body: string,
  deployment: { owner: string; dseq: string },
  provider: string,
  chain: ManifestChain,
  runtime: LeaseRuntime,
  now: () => number,
): Promise<LeaseKey[]> {
  let manifest;
  try {
    manifest = decodeManifest(body);
    validateManifest(manifest);
  } catch (error) {
    if (error instanceof ManifestDecodeError) throw new GatewayError(422, error.message);
    if (error instanceof ManifestRejection) throw new GatewayError(error.status, error.message);
    throw error;
  }
  let onChain: QueryDeploymentResponse;
  let leases: Lease[];
  try {
    onChain = await chain.deployment(deployment.owner, deployment.dseq);
    leases = await chain.leases({
      provider,
      owner: deployment.owner,
      dseq: deployment.dseq,
      state: "active",
    });
  } catch (error) {
    throw new GatewayError(500, error instanceof Error ? error.message : String(error));
  }
  if (!sameBytes(manifestVersion(manifest), onChain.deployment?.hash ?? new Uint8Array())) {
    throw new GatewayError(422, "manifest version validation failed");
  }
  try {
    checkManifestAgainstGroups(
      manifest,
      onChain.groups.flatMap((g) => (g.groupSpec ? [g.groupSpec] : [])),
    );
  } catch (error) {
    if (error instanceof ManifestRejection) throw new GatewayError(error.status, error.message);
    throw error;
  }
  const mine = leases.filter((l) => l.id?.provider === provider && l.id.owner === deployment.owner);
  if (mine.length === 0) throw new GatewayError(404, "no lease for deployment");
  const applied: LeaseKey[] = [];
  for (const lease of mine) {
    const id = lease.id;
    if (id === undefined) continue;
    const groupName = onChain.groups.find((g) => g.id?.gseq === id.gseq)?.groupSpec?.name;
    const group = manifest.find((g) => g.name === groupName);
    if (group === undefined) continue;
    const key: LeaseKey = { owner: id.owner, dseq: id.dseq.toString(), gseq: id.gseq, oseq: id.oseq };
    runtime.apply(key, group, now());
    applied.push(key);
  }
  return applied;
}
