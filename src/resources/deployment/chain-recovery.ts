/**
 * Crash recovery that does not depend on the machine that crashed: every MsgCreateDeployment this provider sends
 * names its stack and resource in the transaction memo (see deployment-identity.ts). Before creating, the
 * deployment resource looks for an active deployment of the owner with the same identity and manifest hash whose
 * create transaction says so, and adopts it instead of paying for a second one. The state of the run that created
 * it never learned about it (terraform only calls create for instances no state tracks).
 *
 * What the chain cannot tell: which other resource instance of the same stack already tracks a deployment with
 * the same identity. So only an explicit `create_key` (unique per instance; CDKTF sets the construct path) adopts
 * from chain, and deployments this process created, adopted or refreshed are never adopted (one apply).
 */
import type { Chain, Deployment } from "../../akash/ports/chain";
import { ChainError } from "../../akash/ports/errors";
import {
  parseIdentityMemo,
  sameIdentity,
  type DeploymentIdentity,
} from "../../akash/ports/deployment-identity";
import { toHex } from "../../domain/hex";
import type { Logger } from "../../framework/logger";

/** owner/dseq of deployments this provider process created, adopted or saw in a state. */
const known = new Set<string>();

/** This process created, adopted or refreshed (owner, dseq): it belongs to some resource instance. */
export function rememberDeployment(owner: string, dseq: bigint | string): void {
  known.add(`${owner}/${dseq}`);
}

export interface ChainAdoptionRequest {
  owner: string;
  identity: DeploymentIdentity;
  /** Manifest version hash, hex. */
  hash: string;
  log: Logger;
}

/** The identity the create transaction of `d` carries, or undefined when it carries none. */
export async function createdWithIdentity(
  chain: Chain,
  d: Deployment,
): Promise<DeploymentIdentity | undefined> {
  const found = await chain.deploymentCreateMemo(d.id.owner, d.id.dseq, d.createdAt);
  return found ? parseIdentityMemo(found.memo)[found.createIndex] : undefined;
}

/**
 * An active deployment of the owner created for the same stack and resource with the same manifest, that no
 * state this process knows tracks; it is claimed (never handed out twice). Undefined: create a new one.
 */
export async function adoptFromChain(
  chain: Chain,
  request: ChainAdoptionRequest,
): Promise<Deployment | undefined> {
  chain.invalidate(); // another runner's transactions changed the chain since anything we cached
  const candidates = (await chain.deployments(request.owner, { state: "active" }))
    .filter((d) => toHex(d.hash) === request.hash && !known.has(`${d.id.owner}/${d.id.dseq}`))
    .sort((a, b) => (a.id.dseq < b.id.dseq ? -1 : 1));
  for (const d of candidates) {
    let identity: DeploymentIdentity | undefined;
    try {
      identity = await createdWithIdentity(chain, d);
    } catch (error) {
      if (!(error instanceof ChainError) || error.code !== "invalid-request") throw error;
      request.log.warn("cannot look for deployments of interrupted runs on chain", { reason: error.message });
      return undefined;
    }
    const key = `${d.id.owner}/${d.id.dseq}`;
    // Re-checked after the await: a concurrent create of this process may have claimed it meanwhile.
    if (!identity || !sameIdentity(identity, request.identity) || known.has(key)) continue;
    known.add(key);
    request.log.warn(
      "adopting a deployment of this stack and resource found on chain (an interrupted run created it)",
      {
        owner: d.id.owner,
        dseq: d.id.dseq.toString(),
      },
    );
    return d;
  }
  return undefined;
}
