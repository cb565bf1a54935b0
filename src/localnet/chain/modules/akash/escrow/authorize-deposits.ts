/**
 * The node's escrow `AuthorizeDeposits`: resolves a deposit into depositors by walking the msg's `sources` in
 * order for its single signer. `balance` takes what the signer can spend; `grant` walks *all* of the signer's
 * DepositAuthorizations (the chain iterates them in granter address-byte order and skips expired ones; it cannot
 * be told which granter pays), taking from each what its limit in the denom allows (spend_limits plus the
 * deprecated spend_limit) and saving the reduced grant (never deleted, even at zero). Grant errors are skipped.
 * Nothing moves yet.
 */
import type { MsgContext } from "../../../module";
import { decFromInt } from "../shared/decimal";
import { unregistered } from "../shared/errors";
import {
  ACCOUNT_DEPOSIT_TYPE_URL,
  afterSpend,
  asDepositAuthorization,
  limitIn,
  spendableLimits,
} from "./deposit-authorization";
import { DepositSource, type DepositorRecord, type ScopeValue } from "./records";

export interface RequestedDeposit {
  denom: string;
  amount: bigint;
  sources: readonly number[];
}

const depositor = (
  ctx: MsgContext,
  owner: string,
  source: number,
  denom: string,
  amount: bigint,
): DepositorRecord => ({ owner, height: ctx.height, source, balance: { denom, amount: decFromInt(amount) } });

function fromGrants(
  ctx: MsgContext,
  signer: string,
  deposit: RequestedDeposit,
  scope: ScopeValue,
  remainder: bigint,
): { depositors: DepositorRecord[]; remainder: bigint } {
  const depositors: DepositorRecord[] = [];
  for (const grant of ctx.authz.byGrantee(signer, ACCOUNT_DEPOSIT_TYPE_URL, ctx.time)) {
    const auth = asDepositAuthorization(grant.authorization.value);
    // An unauthorized scope or a grant without this denom is an error the chain swallows: next grant.
    if (!auth || !auth.scopes.includes(scope)) continue;
    const limit = limitIn(spendableLimits(auth), deposit.denom);
    if (limit === 0n) continue;
    const take = limit < remainder ? limit : remainder;
    ctx.authz.set(grant.granter, signer, ACCOUNT_DEPOSIT_TYPE_URL, {
      ...grant.authorization,
      value: afterSpend(auth, deposit.denom, take),
    });
    depositors.push(depositor(ctx, grant.granter, DepositSource.grant, deposit.denom, take));
    remainder -= take;
    if (remainder === 0n) break;
  }
  return { depositors, remainder };
}

export function authorizeDeposits(
  ctx: MsgContext,
  signer: string,
  deposit: RequestedDeposit,
  scope: ScopeValue,
): DepositorRecord[] {
  const depositors: DepositorRecord[] = [];
  let remainder = deposit.amount;
  for (const source of deposit.sources) {
    if (source === DepositSource.balance) {
      const spendable = ctx.bank.balance(signer, deposit.denom);
      if (spendable > 0n) {
        const take = spendable < remainder ? spendable : remainder;
        depositors.push(depositor(ctx, signer, DepositSource.balance, deposit.denom, take));
        remainder -= take;
      }
    } else if (source === DepositSource.grant) {
      const drawn = fromGrants(ctx, signer, deposit, scope, remainder);
      depositors.push(...drawn.depositors);
      remainder = drawn.remainder;
    }
    if (remainder === 0n) break;
  }
  // The node reports this with the market module's error text, unregistered.
  if (remainder !== 0n) throw unregistered("deposit invalid: insufficient balance");
  return depositors;
}
