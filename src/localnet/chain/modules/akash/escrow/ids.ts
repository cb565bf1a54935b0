/** Escrow ids Akash derives from deployments and bids (`go/node/{deployment,market}/v1/escrow.go`). */
import type { BidKey, DeploymentKey } from "../shared/event-json";
import { Scope, type AccountId } from "./records";

export const deploymentAccountId = (id: DeploymentKey): AccountId => ({
  scope: Scope.deployment,
  xid: `${id.owner}/${id.dseq}`,
});

export const bidAccountId = (id: BidKey): AccountId => ({
  scope: Scope.bid,
  xid: `${id.owner}/${id.dseq}/${id.gseq}/${id.oseq}/${id.provider}`,
});

/** Lease payment xid under the deployment account. */
export const leasePaymentXid = (id: BidKey): string => `${id.gseq}/${id.oseq}/${id.provider}`;

export function parseDeploymentXid(xid: string): DeploymentKey | undefined {
  const [owner, dseq, ...rest] = xid.split("/");
  if (!owner || !dseq || rest.length > 0 || !/^\d+$/.test(dseq)) return undefined;
  return { owner, dseq: BigInt(dseq) };
}

export function parsePaymentXid(xid: string): { gseq: number; oseq: number; provider: string } | undefined {
  const [gseq, oseq, provider, ...rest] = xid.split("/");
  if (!gseq || !oseq || !provider || rest.length > 0) return undefined;
  return { gseq: Number(gseq), oseq: Number(oseq), provider };
}
