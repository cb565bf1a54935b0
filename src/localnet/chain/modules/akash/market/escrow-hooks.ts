/**
 * What happens to deployments and market objects when escrow closes an account or payment (the node's
 * `x/market/hooks`): a closed deployment account closes the deployment and its groups; an overdrawn one does
 * the same with `insufficient_funds`; a closed payment closes its lease.
 */
import { EventDeploymentClosed, EventGroupClosed } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import type { MsgContext } from "../../../module";
import {
  DeploymentState,
  GroupState,
  getDeployment,
  getGroups,
  saveDeployment,
  saveGroup,
} from "../deployment/store";
import { parseDeploymentXid, parsePaymentXid } from "../escrow/ids";
import type { EscrowHooks } from "../escrow/keeper";
import { EscrowState, Scope, type AccountRecord, type PaymentRecord } from "../escrow/records";
import { deploymentIdJson, groupIdJson, type BidKey } from "../shared/event-json";
import { closeGroupMarket, closeLease } from "./lifecycle";
import { LeaseClosedReason, LeaseState, getBid, getLease, getOrder, isLeaseOpen } from "./store";

function onAccountClosed(ctx: MsgContext, account: AccountRecord): void {
  if (account.id.scope !== Scope.deployment) return;
  const id = parseDeploymentXid(account.id.xid);
  const deployment = id && getDeployment(ctx, id);
  if (!deployment || deployment.state !== DeploymentState.active) return;
  const overdrawn = account.state === EscrowState.overdrawn;
  saveDeployment(ctx, { ...deployment, state: DeploymentState.closed }, deployment.state);
  ctx.emitTyped(EventDeploymentClosed.$type, { id: deploymentIdJson(deployment) });
  for (const group of getGroups(ctx, deployment)) {
    if (group.state !== GroupState.open && group.state !== GroupState.paused) continue;
    saveGroup(ctx, { ...group, state: overdrawn ? GroupState.insufficient_funds : GroupState.closed });
    ctx.emitTyped(EventGroupClosed.$type, { id: groupIdJson(group) });
    closeGroupMarket(ctx, group, {
      leaseState: overdrawn ? LeaseState.insufficient_funds : LeaseState.closed,
      reason: overdrawn ? LeaseClosedReason.insufficientFunds : LeaseClosedReason.owner,
      closePayment: false,
    });
  }
}

function onPaymentClosed(ctx: MsgContext, payment: PaymentRecord): void {
  if (payment.accountId.scope !== Scope.deployment) return;
  const deployment = parseDeploymentXid(payment.accountId.xid);
  const ids = parsePaymentXid(payment.xid);
  if (!deployment || !ids) return;
  const leaseId: BidKey = { ...deployment, ...ids, bseq: 0 };
  const lease = getLease(ctx, leaseId);
  if (!lease || !isLeaseOpen(lease.state)) return;
  const overdrawn = payment.state === EscrowState.overdrawn;
  closeLease(
    ctx,
    lease,
    {
      leaseState: overdrawn ? LeaseState.insufficient_funds : LeaseState.closed,
      reason: overdrawn ? LeaseClosedReason.insufficientFunds : LeaseClosedReason.unspecified,
      closePayment: false,
    },
    getBid(ctx, leaseId),
    getOrder(ctx, leaseId),
  );
}

export const marketEscrowHooks: EscrowHooks = { onAccountClosed, onPaymentClosed };
