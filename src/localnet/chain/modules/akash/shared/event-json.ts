/**
 * JSON bodies of Akash typed events as the SDK renders them (proto field names, defaults included, uint64 as
 * strings, uint32 as numbers, LegacyDec with 18 decimals). The core turns each top-level field into one attribute.
 */
import { formatDec, type DecCoinValue } from "./decimal";

export interface DeploymentKey {
  owner: string;
  dseq: bigint;
}
export interface GroupKey extends DeploymentKey {
  gseq: number;
}
export interface OrderKey extends GroupKey {
  oseq: number;
}
export interface BidKey extends OrderKey {
  provider: string;
  bseq: number;
}

export const deploymentIdJson = (id: DeploymentKey) => ({ owner: id.owner, dseq: id.dseq.toString() });
export const groupIdJson = (id: GroupKey) => ({ ...deploymentIdJson(id), gseq: id.gseq });
export const orderIdJson = (id: OrderKey) => ({ ...groupIdJson(id), oseq: id.oseq });
export const bidIdJson = (id: BidKey) => ({ ...orderIdJson(id), provider: id.provider, bseq: id.bseq });
export const decCoinJson = (coin: DecCoinValue) => ({ denom: coin.denom, amount: formatDec(coin.amount) });
