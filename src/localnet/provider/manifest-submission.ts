/**
 * PUT /deployment/{dseq}/manifest, in the order the provider's manifest manager works (gateway/rest/router.go,
 * manifest/manager.go): the handler decodes the body into its chain-sdk version's Go types (422); the manager then
 * fetches the deployment and the provider's active leases from its node (a failure, such as a deployment the
 * caller does not own, is a plain error: 500 with the gRPC text), validates (422), compares the version hash with
 * the hash it knows for the deployment (422 "manifest version validation failed"), cross-checks the deployment's
 * groups (422), and only then requires a lease (404 "no lease for deployment") and runs the manifest group of every
 * lease it has.
 */
import type { QueryDeploymentResponse } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import type { Lease } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { decodeManifest, ManifestDecodeError, manifestVersion, type Manifest } from "./manifest";
import { checkManifestAgainstGroups, ManifestRejection, validateManifest } from "./manifest-validation";
import type { LeaseKey, LeaseRuntime } from "./lease-runtime";
import { GatewayError } from "./gateway-errors";
import type { ManifestDialect } from "./software";

export interface ManifestChain {
  deployment(owner: string, dseq: string): Promise<QueryDeploymentResponse>;
  leases(filters: { provider: string; state?: string; owner?: string; dseq?: string }): Promise<Lease[]>;
}

export interface ManifestSubmission {
  body: string;
  deployment: { owner: string; dseq: string };
  provider: string;
  /** The provider software's manifest types. */
  dialect: ManifestDialect;
  /** The hash the provider checks against, given the chain's (it may lag behind an update). */
  expectedHash(deployment: string, chainHash: Uint8Array): Uint8Array;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A node query failure as the provider's gRPC client reports it. */
function queryFailure(error: unknown): GatewayError {
  const text = error instanceof Error ? error.message : String(error);
  const desc = /Deployment not found/.test(text)
    ? "code = NotFound desc = Deployment not found"
    : `code = Unknown desc = ${text}`;
  return new GatewayError(500, `rpc error: ${desc}`);
}

function asGatewayError(error: unknown): never {
  if (error instanceof ManifestDecodeError) throw new GatewayError(422, error.message);
  if (error instanceof ManifestRejection) throw new GatewayError(error.status, error.message);
  throw error;
}

/** Accepts a manifest for (owner, dseq) or throws GatewayError with the provider's status and text. */
export async function submitManifest(
  submission: ManifestSubmission,
  chain: ManifestChain,
  runtime: LeaseRuntime,
  now: () => number,
): Promise<LeaseKey[]> {
  const { deployment, provider, dialect } = submission;
  let manifest: Manifest;
  try {
    manifest = decodeManifest(submission.body, dialect);
  } catch (error) {
    asGatewayError(error);
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
    throw queryFailure(error);
  }
  const key = `${deployment.owner}/${deployment.dseq}`;
  const expected = submission.expectedHash(key, onChain.deployment?.hash ?? new Uint8Array());
  try {
    validateManifest(manifest);
    if (!sameBytes(manifestVersion(manifest, dialect), expected)) {
      throw new GatewayError(422, "manifest version validation failed");
    }
    checkManifestAgainstGroups(
      manifest,
      onChain.groups.flatMap((g) => (g.groupSpec ? [g.groupSpec] : [])),
    );
  } catch (error) {
    asGatewayError(error);
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
    const leaseKey: LeaseKey = { owner: id.owner, dseq: id.dseq.toString(), gseq: id.gseq, oseq: id.oseq };
    runtime.apply(leaseKey, group, now());
    applied.push(leaseKey);
  }
  return applied;
}
