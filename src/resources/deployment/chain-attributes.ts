/** What a deployment's state takes from the chain: its state, escrow balance and runway, manifest hash. */
import type { Chain, Deployment, Lease } from "../../akash/ports/chain";
import { parseCoin } from "../../domain/coin-text";
import { escrowRunway, formatDuration, fromFixed18, toFixed18 } from "../../domain/escrow-runway";
import { toHex } from "../../domain/hex";
import type { ChainAttributes } from "./deployment-schema";

export interface DeploymentReadModel {
  deployment: Deployment;
  leases: Lease[];
  height: bigint;
  blockSeconds: number;
}

export function chainAttributes(model: DeploymentReadModel, denom: string): ChainAttributes {
  const { deployment, leases, height, blockSeconds } = model;
  const attrs: ChainAttributes = {
    owner: deployment.id.owner,
    dseq: deployment.id.dseq.toString(),
    id: `${deployment.id.owner}/${deployment.id.dseq}`,
    state: deployment.state,
    hash: toHex(deployment.hash),
    group_states: [...deployment.groups].sort((a, b) => a.id.gseq - b.id.gseq).map((g) => g.state),
    balance: null,
    runway: null,
  };
  if (deployment.escrow) {
    const runway = escrowRunway(deployment.escrow, leases, height, denom);
    attrs.balance = `${runway.balance}${denom}`;
    attrs.runway =
      runway.blocksLeft === undefined
        ? "no active lease"
        : formatDuration(Number(runway.blocksLeft) * blockSeconds);
  }
  return attrs;
}

/** The deployment with what its balance and runway depend on; undefined when it was never created. */
export async function readDeployment(
  chain: Chain,
  owner: string,
  dseq: bigint,
): Promise<DeploymentReadModel | undefined> {
  const [deployment, leases, height, blockSeconds] = await Promise.all([
    chain.deployment(owner, dseq),
    chain.leases(owner, { dseq }),
    chain.latestHeight(),
    chain.averageBlockSeconds(),
  ]);
  return deployment ? { deployment, leases, height, blockSeconds } : undefined;
}

/**
 * What was deposited into the escrow in `denom`: what is left plus what was paid out (settlement moves funds from
 * one to the other). Undefined when that is not a whole amount (it always is for deposits made in whole coins).
 */
export function depositedAmount(deployment: Deployment, denom: string): bigint | undefined {
  const escrow = deployment.escrow;
  if (!escrow) return undefined;
  const sum = [...escrow.funds, ...escrow.transferred]
    .filter((c) => c.denom === denom)
    .reduce((total, c) => total + toFixed18(c.amount), 0n);
  const [whole, fraction] = fromFixed18(sum).split(".");
  return fraction === undefined ? BigInt(whole ?? "0") : undefined;
}

/** The escrow denom: the deposit's, else the groups' price denom. */
export function escrowDenom(deposit: string | null, deployment: Deployment): string {
  const coin = deposit === null ? undefined : parseCoin(deposit);
  return coin?.denom ?? deployment.groups[0]?.spec.resources[0]?.price.denom ?? "uact";
}
