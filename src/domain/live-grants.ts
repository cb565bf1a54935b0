/** The grants authz still honours: a deposit authorization or fee allowance that is neither revoked nor expired. */
import type { Chain, DepositGrant, FeeAllowance } from "../akash/ports/chain";
import { firstUnexpired } from "./grant-terms";

export async function liveDepositGrant(
  chain: Chain,
  granter: string,
  grantee: string,
  now: Date,
): Promise<DepositGrant | undefined> {
  return firstUnexpired(await chain.depositGrants({ granter, grantee }), now);
}

export async function liveFeeAllowance(
  chain: Chain,
  granter: string,
  grantee: string,
  now: Date,
): Promise<FeeAllowance | undefined> {
  return firstUnexpired(await chain.feeAllowances({ granter, grantee }), now);
}
