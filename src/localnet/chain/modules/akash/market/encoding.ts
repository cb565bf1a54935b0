/**
 * Orders, bids and leases as query answers carry them: chain-sdk's encoding plus the v2.1 reclamation fields,
 * cached per (immutable) record.
 */
import { Lease, Types_Account, Types_Payment } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { Bid, Order } from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import type { QueryContext } from "../../../module";
import { bidAccountId, deploymentAccountId, leasePaymentXid } from "../escrow/ids";
import { ESCROW_MODULE } from "../escrow/keeper";
import type { EscrowModule } from "../escrow/module";
import { accountToProto, paymentToProto } from "../escrow/records";
import { formatDecShort, type DecCoinValue } from "../shared/decimal";
import { encodeOnce, messageBytes } from "../shared/encoded-cache";
import type { BidKey } from "../shared/event-json";
import { withBidReclamationWindow, withLeaseReclamation, withOrderReclamation } from "../v21/records";
import type { BidRecord, LeaseRecord, OrderRecord } from "./store";

const decCoinProto = (c: DecCoinValue) => ({ denom: c.denom, amount: formatDecShort(c.amount) });
const idProto = (id: BidKey) => ({ ...id, dseq: id.dseq.toString() });

export function orderBytes(o: OrderRecord): Uint8Array {
  return encodeOnce(o, () => {
    const base = Order.fromPartial({
      id: { owner: o.owner, dseq: o.dseq.toString(), gseq: o.gseq, oseq: o.oseq },
      state: o.state,
      spec: o.spec,
      createdAt: o.createdAt,
    });
    return withOrderReclamation(Order.encode(base).finish(), o.reclamation);
  });
}

export function bidBytes(b: BidRecord): Uint8Array {
  return encodeOnce(b, () => {
    const base = Bid.fromPartial({
      id: idProto(b.id),
      state: b.state,
      price: decCoinProto(b.price),
      createdAt: b.createdAt,
      resourcesOffer: b.resourcesOffer,
    });
    return withBidReclamationWindow(Bid.encode(base).finish(), b.reclamationWindowNs);
  });
}

export function leaseBytes(l: LeaseRecord): Uint8Array {
  return encodeOnce(l, () => {
    const base = Lease.fromPartial({
      id: idProto(l.id),
      state: l.state,
      price: decCoinProto(l.price),
      createdAt: l.createdAt,
      closedOn: l.closedOn,
      reason: l.reason,
    });
    return withLeaseReclamation(Lease.encode(base).finish(), l.reclamation);
  });
}

const escrowOf = (ctx: QueryContext) => ctx.modules.get<EscrowModule>(ESCROW_MODULE).keeper;

/** QueryBidResponse bytes {1: bid, 2: escrow_account}. */
export function bidResponse(ctx: QueryContext, bid: BidRecord): Uint8Array {
  const account = escrowOf(ctx).getAccount(ctx, bidAccountId(bid.id));
  return messageBytes([
    [1, bidBytes(bid)],
    [
      2,
      account ? encodeOnce(account, () => Types_Account.encode(accountToProto(account)).finish()) : undefined,
    ],
  ]);
}

/** QueryLeaseResponse bytes {1: lease, 2: escrow_payment}. */
export function leaseResponse(ctx: QueryContext, lease: LeaseRecord): Uint8Array {
  const payment = escrowOf(ctx).getPayment(ctx, deploymentAccountId(lease.id), leasePaymentXid(lease.id));
  return messageBytes([
    [1, leaseBytes(lease)],
    [
      2,
      payment ? encodeOnce(payment, () => Types_Payment.encode(paymentToProto(payment)).finish()) : undefined,
    ],
  ]);
}
