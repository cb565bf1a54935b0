/** Escrow state as the module keeps it (amounts as 1e18-scaled bigints) and its chain-sdk proto form. */
import { Types_Account, Types_Payment } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { formatDecShort, type DecCoinValue } from "../shared/decimal";

/** akash.escrow.id.v1.Scope */
export const Scope = { deployment: 1, bid: 2 } as const;
export type ScopeValue = (typeof Scope)[keyof typeof Scope];

/** akash.escrow.types.v1.State */
export const EscrowState = { open: 1, closed: 2, overdrawn: 3 } as const;
export type EscrowStateValue = (typeof EscrowState)[keyof typeof EscrowState];

export const escrowStateNames: Record<string, EscrowStateValue> = { open: 1, closed: 2, overdrawn: 3 };

/** akash.base.deposit.v1.Source */
export const DepositSource = { balance: 1, grant: 2 } as const;

export interface AccountId {
  scope: ScopeValue;
  xid: string;
}

export interface DepositorRecord {
  owner: string;
  height: bigint;
  source: number;
  balance: DecCoinValue;
}

export interface AccountRecord {
  id: AccountId;
  owner: string;
  state: EscrowStateValue;
  transferred: DecCoinValue[];
  settledAt: bigint;
  funds: DecCoinValue[];
  deposits: DepositorRecord[];
}

export interface PaymentRecord {
  accountId: AccountId;
  xid: string;
  owner: string;
  state: EscrowStateValue;
  rate: DecCoinValue;
  balance: DecCoinValue;
  unsettled: DecCoinValue;
  /** Integer amount already paid out. */
  withdrawn: { denom: string; amount: bigint };
}

const decCoin = (c: DecCoinValue) => ({ denom: c.denom, amount: formatDecShort(c.amount) });

export function accountToProto(account: AccountRecord): Types_Account {
  return Types_Account.fromPartial({
    id: { scope: account.id.scope, xid: account.id.xid },
    state: {
      owner: account.owner,
      state: account.state,
      transferred: account.transferred.map(decCoin),
      settledAt: account.settledAt,
      funds: account.funds.map(decCoin),
      deposits: account.deposits.map((d) => ({
        owner: d.owner,
        height: d.height,
        source: d.source,
        balance: decCoin(d.balance),
        direct: d.source === DepositSource.balance,
      })),
    },
  });
}

export function paymentToProto(payment: PaymentRecord): Types_Payment {
  return Types_Payment.fromPartial({
    id: { aid: { scope: payment.accountId.scope, xid: payment.accountId.xid }, xid: payment.xid },
    state: {
      owner: payment.owner,
      state: payment.state,
      rate: decCoin(payment.rate),
      balance: decCoin(payment.balance),
      unsettled: decCoin(payment.unsettled),
      withdrawn: { denom: payment.withdrawn.denom, amount: payment.withdrawn.amount.toString() },
    },
  });
}
