/**
 * Escrow accounts and payments (akash.escrow.v1), following the node's keeper: settlement is lazy
 * (owed = rate × blocks since `settled_at`, computed only when an account is touched), spending is FIFO over
 * depositors, an account that cannot pay becomes `overdrawn`, and closing refunds what is left to depositors
 * (grant-sourced leftovers are also credited back to the granter's deposit authorization). Other modules
 * react to closed/overdrawn accounts and payments through `EscrowHooks`.
 */
import type { MsgContext, QueryContext } from "../../../module";
import { decFromInt, truncateDec, type DecCoinValue } from "../shared/decimal";
import { registered } from "../shared/errors";
import { moduleStore } from "../shared/module-store";
import { authorizeDeposits, type RequestedDeposit } from "./authorize-deposits";
import { ACCOUNT_DEPOSIT_TYPE_URL, afterRefund, asDepositAuthorization } from "./deposit-authorization";
import {
  DepositSource,
  EscrowState,
  type AccountId,
  type AccountRecord,
  type DepositorRecord,
  type EscrowStateValue,
  type PaymentRecord,
  type ScopeValue,
} from "./records";

export const ESCROW_MODULE = "escrow";

export const escrowErrors = {
  accountExists: registered("escrow", 1, "account exists"),
  accountClosed: registered("escrow", 2, "account closed"),
  accountNotFound: registered("escrow", 3, "account not found"),
  accountOverdrawn: registered("escrow", 4, "account overdrawn"),
  invalidDenomination: registered("escrow", 5, "invalid denomination"),
  paymentExists: registered("escrow", 6, "payment exists"),
  paymentClosed: registered("escrow", 7, "payment closed"),
  paymentNotFound: registered("escrow", 8, "payment not found"),
  paymentRateZero: registered("escrow", 9, "payment rate zero"),
};

export interface EscrowHooks {
  /** The account became closed or overdrawn. */
  onAccountClosed(ctx: MsgContext, account: AccountRecord): void;
  /** The payment became closed or overdrawn. */
  onPaymentClosed(ctx: MsgContext, payment: PaymentRecord): void;
}

const accountKey = (id: AccountId) => `a/${id.scope}/${id.xid}`;
const accountStateKey = (state: EscrowStateValue, id: AccountId) => `as/${state}/${id.scope}/${id.xid}`;
const paymentPrefix = (id: AccountId) => `p/${id.scope}/${id.xid}/`;
const paymentKey = (id: AccountId, xid: string) => `${paymentPrefix(id)}${xid}`;
const paymentStateKey = (state: EscrowStateValue, id: AccountId, xid: string) =>
  `ps/${state}/${id.scope}/${id.xid}/${xid}`;

export type { RequestedDeposit } from "./authorize-deposits";

export const escrowKeys = { accountKey, accountStateKey, paymentPrefix, paymentKey, paymentStateKey };

/** Mutable working copies used inside one keeper call; saved as new immutable records. */
interface Working<T> {
  value: T;
  previousState: EscrowStateValue;
  dirty: boolean;
}

const clonePayment = (p: PaymentRecord): PaymentRecord => ({
  ...p,
  rate: { ...p.rate },
  balance: { ...p.balance },
  unsettled: { ...p.unsettled },
  withdrawn: { ...p.withdrawn },
});

const cloneAccount = (a: AccountRecord): AccountRecord => ({
  ...a,
  transferred: a.transferred.map((c) => ({ ...c })),
  funds: a.funds.map((c) => ({ ...c })),
  deposits: a.deposits.map((d) => ({ ...d, balance: { ...d.balance } })),
});

export class EscrowKeeper {
  constructor(private readonly hooks: () => EscrowHooks) {}

  getAccount(ctx: MsgContext | QueryContext, id: AccountId): AccountRecord | undefined {
    return moduleStore(ctx, ESCROW_MODULE).get<AccountRecord>(accountKey(id));
  }

  getPayment(ctx: MsgContext | QueryContext, id: AccountId, xid: string): PaymentRecord | undefined {
    return moduleStore(ctx, ESCROW_MODULE).get<PaymentRecord>(paymentKey(id, xid));
  }

  accountPayments(ctx: MsgContext | QueryContext, id: AccountId): PaymentRecord[] {
    return [...moduleStore(ctx, ESCROW_MODULE).iterate<PaymentRecord>(paymentPrefix(id))].map(([, p]) => p);
  }

  /** See authorize-deposits.ts; nothing moves yet, grants are already reduced. */
  authorizeDeposits(
    ctx: MsgContext,
    signer: string,
    deposit: RequestedDeposit,
    scope: ScopeValue,
  ): DepositorRecord[] {
    return authorizeDeposits(ctx, signer, deposit, scope);
  }

  accountCreate(ctx: MsgContext, id: AccountId, owner: string, deposits: DepositorRecord[]): void {
    const store = moduleStore(ctx, ESCROW_MODULE);
    if (store.has(accountKey(id))) throw escrowErrors.accountExists;
    const denoms = [...new Set(deposits.map((d) => d.balance.denom))];
    const account: Working<AccountRecord> = {
      value: {
        id,
        owner,
        state: EscrowState.open,
        transferred: denoms.map((denom) => ({ denom, amount: 0n })),
        settledAt: ctx.height,
        funds: denoms.map((denom) => ({ denom, amount: 0n })),
        deposits: [],
      },
      previousState: EscrowState.open,
      dirty: true,
    };
    this.fetchDeposits(ctx, account, deposits, false);
    this.saveAccount(ctx, account);
  }

  /**
   * Adds deposits. A denom the account has never held (e.g. uakt into a uact deployment) is accepted as a
   * separate fund; settlement only spends the payment's own denom. An overdrawn account is settled and closed.
   */
  accountDeposit(ctx: MsgContext, id: AccountId, deposits: DepositorRecord[]): void {
    const account = this.load(ctx, id);
    if (account.value.state === EscrowState.closed) throw escrowErrors.accountClosed;
    this.fetchDeposits(ctx, account, deposits, true);
    if (account.value.state === EscrowState.overdrawn) {
      const { payments, overdrawn } = this.settle(ctx, account);
      for (const payment of payments) {
        payment.dirty = true;
        if (payment.value.state === EscrowState.open) payment.value.state = EscrowState.closed;
        this.withdraw(ctx, payment);
      }
      if (!overdrawn) account.value.state = EscrowState.closed;
      this.save(ctx, account, payments);
    } else {
      this.saveAccount(ctx, account);
    }
  }

  /** Settles an account; returns whether it is overdrawn. */
  accountSettle(ctx: MsgContext, id: AccountId): boolean {
    const account = this.load(ctx, id);
    const { payments, overdrawn } = this.settle(ctx, account);
    this.save(ctx, account, payments);
    return overdrawn;
  }

  accountClose(ctx: MsgContext, id: AccountId): void {
    const account = this.load(ctx, id);
    if (account.value.state === EscrowState.closed) throw escrowErrors.accountClosed;
    const { payments } = this.settle(ctx, account);
    account.dirty = true;
    if (account.value.state === EscrowState.open) account.value.state = EscrowState.closed;
    for (const payment of payments) {
      payment.dirty = true;
      if (payment.value.state === EscrowState.open) payment.value.state = EscrowState.closed;
      this.withdraw(ctx, payment);
    }
    this.save(ctx, account, payments);
  }

  paymentCreate(ctx: MsgContext, id: AccountId, xid: string, owner: string, rate: DecCoinValue): void {
    const account = this.load(ctx, id);
    const { payments, overdrawn } = this.settle(ctx, account);
    if (overdrawn) {
      this.save(ctx, account, payments);
      throw escrowErrors.accountOverdrawn;
    }
    if (!account.value.funds.some((f) => f.denom === rate.denom)) throw escrowErrors.invalidDenomination;
    if (rate.amount === 0n) throw escrowErrors.paymentRateZero;
    if (moduleStore(ctx, ESCROW_MODULE).has(paymentKey(id, xid))) throw escrowErrors.paymentExists;
    this.save(ctx, account, payments);
    const zero = { denom: rate.denom, amount: 0n };
    this.savePayment(ctx, {
      value: {
        accountId: id,
        xid,
        owner,
        state: EscrowState.open,
        rate: { ...rate },
        balance: { ...zero },
        unsettled: { ...zero },
        withdrawn: { ...zero },
      },
      previousState: EscrowState.open,
      dirty: true,
    });
  }

  paymentWithdraw(ctx: MsgContext, id: AccountId, xid: string): void {
    const account = this.load(ctx, id);
    const current = this.getPayment(ctx, id, xid);
    if (!current) throw escrowErrors.paymentNotFound;
    if (current.state !== EscrowState.open) throw escrowErrors.paymentClosed;
    const { payments, overdrawn } = this.settle(ctx, account);
    if (!overdrawn) {
      const payment = payments.find((p) => p.value.xid === xid);
      if (payment) this.withdraw(ctx, payment);
    }
    this.save(ctx, account, payments);
  }

  paymentClose(ctx: MsgContext, id: AccountId, xid: string): void {
    const account = this.load(ctx, id);
    const current = this.getPayment(ctx, id, xid);
    if (!current) throw escrowErrors.paymentNotFound;
    if (current.state === EscrowState.closed) throw escrowErrors.paymentClosed;
    const { payments } = this.settle(ctx, account);
    account.dirty = true;
    let target = payments.find((p) => p.value.xid === xid);
    if (!target) {
      // Not part of settlement (e.g. settled in this very block): close it on its own.
      target = { value: clonePayment(current), previousState: current.state, dirty: true };
      payments.push(target);
    }
    target.dirty = true;
    if (target.value.state === EscrowState.open) target.value.state = EscrowState.closed;
    this.withdraw(ctx, target);
    this.save(ctx, account, payments);
  }

  private load(ctx: MsgContext, id: AccountId): Working<AccountRecord> {
    const account = this.getAccount(ctx, id);
    if (!account) throw escrowErrors.accountNotFound;
    return { value: cloneAccount(account), previousState: account.state, dirty: false };
  }

  private fetchDeposits(
    ctx: MsgContext,
    account: Working<AccountRecord>,
    deposits: DepositorRecord[],
    allowNewDenom: boolean,
  ): void {
    if (deposits.length > 0) account.dirty = true;
    for (const deposit of deposits) {
      let funds = account.value.funds.find((f) => f.denom === deposit.balance.denom);
      if (!funds) {
        if (!allowNewDenom) throw escrowErrors.invalidDenomination;
        funds = { denom: deposit.balance.denom, amount: 0n };
        account.value.funds.push(funds);
        account.value.transferred.push({ denom: deposit.balance.denom, amount: 0n });
      }
      if (funds.amount < 0n) funds.amount = 0n;
      ctx.bank.sendToModule(deposit.owner, ESCROW_MODULE, [
        { denom: deposit.balance.denom, amount: truncateDec(deposit.balance.amount) },
      ]);
      funds.amount += deposit.balance.amount;
      account.value.deposits.push({ ...deposit, balance: { ...deposit.balance } });
    }
  }

  /** Lazy settlement of every open (and previously overdrawn) payment of the account. */
  private settle(
    ctx: MsgContext,
    account: Working<AccountRecord>,
  ): { payments: Working<PaymentRecord>[]; overdrawn: boolean } {
    const acc = account.value;
    if (acc.state === EscrowState.closed) throw escrowErrors.accountClosed;
    const primary = acc.funds[0];
    if (primary && primary.amount < 0n) return { payments: [], overdrawn: true };

    let blocks = 0n;
    if (acc.state !== EscrowState.overdrawn) {
      blocks = ctx.height - acc.settledAt;
      acc.settledAt = ctx.height;
    }
    account.dirty = true;

    const payments: Working<PaymentRecord>[] = this.accountPayments(ctx, acc.id)
      .filter((p) => p.state === EscrowState.overdrawn || (blocks !== 0n && p.state === EscrowState.open))
      .map((p) => ({ value: clonePayment(p), previousState: p.state, dirty: false }));
    if (payments.length === 0) return { payments, overdrawn: false };

    const owed = payments.map((p) => {
      if (p.previousState === EscrowState.overdrawn) {
        const amount = p.value.unsettled.amount;
        p.value.unsettled = { ...p.value.unsettled, amount: 0n };
        return amount;
      }
      // Rate × blocks, truncated to whole units like the node's TruncateDec.
      return truncateDec(p.value.rate.amount * blocks) * 10n ** 18n;
    });

    let overdrawn = false;
    payments.forEach((payment, index) => {
      const due = owed[index] ?? 0n;
      const { paid, short } = this.deduct(acc, payment.value.rate.denom, due);
      payment.dirty = true;
      if (paid > 0n)
        payment.value.balance = { ...payment.value.balance, amount: payment.value.balance.amount + paid };
      if (short) {
        overdrawn = true;
        payment.value.state = EscrowState.overdrawn;
        payment.value.unsettled = {
          ...payment.value.unsettled,
          amount: payment.value.unsettled.amount + (due - paid),
        };
      } else {
        payment.value.state = EscrowState.open;
      }
    });

    if (overdrawn) {
      acc.state = EscrowState.overdrawn;
      for (const payment of payments) {
        payment.value.state = EscrowState.overdrawn;
        payment.dirty = true;
        this.withdraw(ctx, payment);
      }
    }
    return { payments, overdrawn };
  }

  /** Takes `amount` of `denom` from depositors first-in first-out; funds go negative on a shortfall. */
  private deduct(acc: AccountRecord, denom: string, amount: bigint): { paid: bigint; short: boolean } {
    const funds = acc.funds.find((f) => f.denom === denom);
    const transferred = acc.transferred.find((t) => t.denom === denom);
    if (!funds || !transferred) return { paid: 0n, short: amount > 0n };
    let remaining = amount;
    let paid = 0n;
    for (const deposit of acc.deposits) {
      if (remaining === 0n) break;
      if (deposit.balance.denom !== denom || deposit.balance.amount === 0n) continue;
      const take = deposit.balance.amount < remaining ? deposit.balance.amount : remaining;
      deposit.balance.amount -= take;
      remaining -= take;
      paid += take;
    }
    acc.deposits = acc.deposits.filter((d) => d.balance.amount > 0n);
    transferred.amount += paid;
    funds.amount -= paid;
    if (remaining === 0n) return { paid, short: false };
    funds.amount -= remaining;
    return { paid, short: true };
  }

  /** Pays the whole-unit part of the payment's balance to its owner (the provider). */
  private withdraw(ctx: MsgContext, payment: Working<PaymentRecord>): void {
    const earnings = truncateDec(payment.value.balance.amount);
    if (earnings === 0n) return;
    ctx.bank.sendFromModule(ESCROW_MODULE, payment.value.owner, [
      { denom: payment.value.balance.denom, amount: earnings },
    ]);
    payment.value.withdrawn = {
      ...payment.value.withdrawn,
      amount: payment.value.withdrawn.amount + earnings,
    };
    payment.value.balance = {
      ...payment.value.balance,
      amount: payment.value.balance.amount - decFromInt(earnings),
    };
    payment.dirty = true;
  }

  private save(ctx: MsgContext, account: Working<AccountRecord>, payments: Working<PaymentRecord>[]): void {
    if (account.dirty) this.saveAccount(ctx, account);
    for (const payment of payments) if (payment.dirty) this.savePayment(ctx, payment);
  }

  private saveAccount(ctx: MsgContext, account: Working<AccountRecord>): void {
    const store = moduleStore(ctx, ESCROW_MODULE);
    const acc = account.value;
    const closing = acc.state === EscrowState.closed || acc.state === EscrowState.overdrawn;
    if (closing) this.refundDepositors(ctx, acc);
    if (acc.state !== account.previousState) store.delete(accountStateKey(account.previousState, acc.id));
    const saved = cloneAccount(acc);
    store.set(accountKey(acc.id), saved);
    store.set(accountStateKey(acc.state, acc.id), true);
    const changed = account.previousState !== acc.state;
    account.previousState = acc.state;
    account.dirty = false;
    // Hooks close deployments/leases; they run once per state change (they are idempotent anyway).
    if (closing && changed) this.hooks().onAccountClosed(ctx, saved);
  }

  /** Returns every depositor's unspent balance; grant-sourced amounts also go back on the grant's limit. */
  private refundDepositors(ctx: MsgContext, acc: AccountRecord): void {
    for (const deposit of acc.deposits) {
      const amount = truncateDec(deposit.balance.amount);
      if (amount <= 0n) continue;
      ctx.bank.sendFromModule(ESCROW_MODULE, deposit.owner, [{ denom: deposit.balance.denom, amount }]);
      if (deposit.source === DepositSource.grant) {
        const grant = ctx.authz.get(deposit.owner, acc.owner, ACCOUNT_DEPOSIT_TYPE_URL, ctx.time);
        const auth = grant && asDepositAuthorization(grant.value);
        if (grant && auth) {
          ctx.authz.set(deposit.owner, acc.owner, ACCOUNT_DEPOSIT_TYPE_URL, {
            ...grant,
            value: afterRefund(auth, deposit.balance.denom, amount),
          });
        }
      }
      const funds = acc.funds.find((f) => f.denom === deposit.balance.denom);
      if (funds) funds.amount -= decFromInt(amount);
    }
    acc.deposits = [];
  }

  private savePayment(ctx: MsgContext, payment: Working<PaymentRecord>): void {
    const store = moduleStore(ctx, ESCROW_MODULE);
    const p = payment.value;
    if (p.state !== payment.previousState)
      store.delete(paymentStateKey(payment.previousState, p.accountId, p.xid));
    const saved = clonePayment(p);
    store.set(paymentKey(p.accountId, p.xid), saved);
    store.set(paymentStateKey(p.state, p.accountId, p.xid), true);
    const closing =
      (p.state === EscrowState.closed || p.state === EscrowState.overdrawn) &&
      payment.previousState !== p.state;
    payment.previousState = p.state;
    payment.dirty = false;
    if (closing) this.hooks().onPaymentClosed(ctx, saved);
  }
}
