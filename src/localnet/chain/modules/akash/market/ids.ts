/** Market ids from chain-sdk's wire objects to store keys, and their stateless checks (OrderID/BidID.Validate). */
import { isAccountAddress } from "../shared/address";
import { sdkErrors } from "../shared/errors";
import type { BidKey, OrderKey } from "../shared/event-json";
import { marketErrors } from "./errors";

export interface WireBidId {
  owner: string;
  dseq: { toString(): string };
  gseq: number;
  oseq: number;
  provider: string;
  bseq: number;
}

export function bidKeyOf(id: WireBidId | undefined): BidKey {
  return {
    owner: id?.owner ?? "",
    dseq: BigInt(id?.dseq.toString() ?? "0"),
    gseq: id?.gseq ?? 0,
    oseq: id?.oseq ?? 0,
    provider: id?.provider ?? "",
    bseq: id?.bseq ?? 0,
  };
}

export function orderKeyOf(id: Omit<WireBidId, "provider" | "bseq"> | undefined): OrderKey {
  return {
    owner: id?.owner ?? "",
    dseq: BigInt(id?.dseq.toString() ?? "0"),
    gseq: id?.gseq ?? 0,
    oseq: id?.oseq ?? 0,
  };
}

export function validateOrderId(id: OrderKey): void {
  if (!isAccountAddress(id.owner)) throw sdkErrors.invalidAddress("OrderID: Invalid Owner Address");
  if (id.dseq === 0n) throw sdkErrors.invalidSequence("OrderID: Invalid Deployment Sequence");
  if (id.gseq === 0) throw sdkErrors.invalidSequence("OrderID: Invalid Group Sequence");
  if (id.oseq === 0) throw sdkErrors.invalidSequence("OrderID: Invalid Order Sequence");
}

export function validateBidId(id: BidKey): void {
  validateOrderId(id);
  if (!isAccountAddress(id.provider)) throw sdkErrors.invalidAddress("BidID: Invalid Provider Address");
  if (id.owner === id.provider) throw marketErrors.selfBid;
}
