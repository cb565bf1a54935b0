/** x/auth and x/bank: an account's number, sequence and pubkey state, and its balances. */
import type { AccountInfo, Coin } from "../../../ports/chain";
import { ChainError } from "../../../ports/errors";
import * as convert from "../convert";
import { loadProtos, type Protos } from "../protos";
import type { QueryCache } from "../query-coalescer";
import type { QueryRunner } from "./query-runner";

type BaseAccountLike = {
  address: string;
  pubKey?: { value: Uint8Array };
  accountNumber: { toString(): string };
  sequence: { toString(): string };
};

function decodeBaseAccount(protos: Protos, typeUrl: string, value: Uint8Array): BaseAccountLike | undefined {
  const c = protos.cosmos;
  switch (typeUrl) {
    case "/cosmos.auth.v1beta1.BaseAccount":
      return c.BaseAccount.decode(value);
    case "/cosmos.auth.v1beta1.ModuleAccount":
      return c.ModuleAccount.decode(value).baseAccount;
    case "/cosmos.vesting.v1beta1.ContinuousVestingAccount":
      return c.ContinuousVestingAccount.decode(value).baseVestingAccount?.baseAccount;
    case "/cosmos.vesting.v1beta1.DelayedVestingAccount":
      return c.DelayedVestingAccount.decode(value).baseVestingAccount?.baseAccount;
    case "/cosmos.vesting.v1beta1.PeriodicVestingAccount":
      return c.PeriodicVestingAccount.decode(value).baseVestingAccount?.baseAccount;
    case "/cosmos.vesting.v1beta1.PermanentLockedAccount":
      return c.PermanentLockedAccount.decode(value).baseVestingAccount?.baseAccount;
    default:
      return undefined;
  }
}

export class AccountQueries {
  constructor(
    private readonly runner: QueryRunner,
    private readonly cache: QueryCache,
  ) {}

  async account(address: string): Promise<AccountInfo | undefined> {
    const res = await this.cache.shared(`account:${address}`, () =>
      this.runner.lookup(
        "/cosmos.auth.v1beta1.Query/Account",
        (p) => [p.cosmos.QueryAccountRequest, { address }],
        (p) => p.cosmos.QueryAccountResponse,
      ),
    );
    const any = res?.value.account;
    if (!any) return undefined;
    const base = decodeBaseAccount(await loadProtos(), any.typeUrl, any.value);
    if (!base) throw new ChainError("unknown", `Account ${address} has an unsupported type ${any.typeUrl}.`);
    return {
      address: base.address || address,
      accountNumber: convert.big(base.accountNumber),
      sequence: convert.big(base.sequence),
      hasPubkey: !!base.pubKey && base.pubKey.value.length > 0,
    };
  }

  balances(address: string): Promise<Coin[]> {
    return this.cache.shared(`balances:${address}`, () =>
      this.runner.list(
        "/cosmos.bank.v1beta1.Query/AllBalances",
        (p) => p.cosmos.QueryAllBalancesRequest,
        { address },
        (p) => p.cosmos.QueryAllBalancesResponse,
        (r) => convert.coins(r.balances),
      ),
    );
  }
}
