/** Registered market errors (chain-sdk go/node/market/v1/errors.go), shared by the market handlers. */
import { registered, sdkErrors } from "../shared/errors";

export const marketErrors = {
  selfBid: sdkErrors.conflict("BidID: self-bid"),
  priceAboveMax: registered("market", 4, "bid price above max order price"),
  attributeMismatch: registered("market", 5, "attribute mismatch"),
  unknownBid: registered("market", 6, "unknown bid"),
  unknownLease: registered("market", 7, "unknown lease"),
  unknownLeaseForBid: registered("market", 8, "unknown lease for bid"),
  unknownOrderForBid: registered("market", 9, "unknown order for bid"),
  leaseNotActive: registered("market", 10, "lease not active"),
  bidNotActive: registered("market", 11, "bid not active"),
  bidNotOpen: registered("market", 12, "bid not open"),
  orderNotOpen: registered("market", 13, "bid: order not open"),
  orderNotFound: registered("market", 15, "invalid order: order not found"),
  groupNotFound: registered("market", 16, "group not found"),
  groupNotOpen: registered("market", 17, "group not open"),
  bidNotFound: registered("market", 18, "invalid bid: bid not found"),
  zeroPrice: registered("market", 19, "invalid bid: zero price"),
  leaseNotFound: registered("market", 20, "invalid lease: lease not found"),
  bidExists: registered("market", 21, "invalid bid: bid exists from provider"),
  invalidPrice: registered("market", 22, "bid price is invalid"),
  orderActive: registered("market", 23, "order active"),
  orderClosed: registered("market", 24, "order closed"),
  unknownProvider: registered("market", 30, "unknown provider"),
  capabilitiesMismatch: registered("market", 32, "capabilities mismatch"),
  // AEP-82 reclamation (node v2.1).
  leaseNotReclaimable: registered("market", 35, "lease does not have reclamation configured"),
  alreadyReclaiming: registered("market", 36, "reclamation already in progress"),
  reclamationNotStarted: registered("market", 37, "reclamation not started; call MsgLeaseStartReclaim first"),
  reclamationWindowNotElapsed: registered("market", 38, "reclamation window has not elapsed"),
  reclamationWindowInvalid: registered("market", 39, "reclamation window outside governance bounds"),
  reclamationRequired: registered("market", 40, "order requires reclamation but bid does not offer it"),
  reclamationWindowTooShort: registered("market", 41, "reclamation window shorter than order minimum"),
};

/** MsgCloseBid/MsgLeaseStartReclaim: a provider-side LeaseClosedReason (10000..19999). */
export function checkProviderReason(reason: number): void {
  if (reason < 10000 || reason > 19999) {
    throw registered("market", 33, `value "${reason}" range 10000..19999: invalid lease closed reason`);
  }
}
