/**
 * How much a destroy refunded. Closing a deployment settles its escrow (the providers are paid what they earned)
 * and returns the rest to whoever deposited it, so the refund is the rise of the depositors' balances in the
 * escrow's denom across the destroy. Fees are paid in uakt, so a uact refund is measured exactly.
 */
import type { Chain, Coin } from "../akash/ports/chain";
import { escrowRunway } from "../domain/escrow-runway";

export interface RefundWatch {
  denom: string;
  /** What the escrow held just before the destroy (settled up to the latest block). */
  escrowLeft: string;
  before: Map<string, bigint>;
}

export interface Refund {
  address: string;
  amount: bigint;
}

const amountOf = (coins: Coin[], denom: string) => coins.find((c) => c.denom === denom)?.amount ?? 0n;

/** Undefined when there is no open escrow to refund (nothing deployed, or already closed). */
export async function watchRefund(
  chain: Chain,
  owner: string,
  dseq: bigint,
): Promise<RefundWatch | undefined> {
  const [deployment, leases, height] = await Promise.all([
    chain.deployment(owner, dseq),
    chain.leases(owner, { dseq }),
    chain.latestHeight(),
  ]);
  const escrow = deployment?.state === "active" ? deployment.escrow : undefined;
  if (!escrow) return undefined;
  const denom = escrow.deposits[0]?.balance.denom ?? escrow.funds[0]?.denom;
  if (!denom) return undefined;
  const depositors = [...new Set([owner, ...escrow.deposits.map((d) => d.owner)])];
  const balances = await Promise.all(
    depositors.map(async (a) => [a, amountOf(await chain.balances(a), denom)] as const),
  );
  return {
    denom,
    escrowLeft: escrowRunway(escrow, leases, height, denom).balance,
    before: new Map(balances),
  };
}

/** The depositors whose balance rose, and by how much. */
export async function measureRefund(chain: Chain, watch: RefundWatch): Promise<Refund[]> {
  chain.invalidate();
  const refunds: Refund[] = [];
  for (const [address, before] of watch.before) {
    const after = amountOf(await chain.balances(address), watch.denom);
    if (after > before) refunds.push({ address, amount: after - before });
  }
  return refunds;
}
