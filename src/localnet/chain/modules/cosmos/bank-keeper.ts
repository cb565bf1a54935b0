/** x/bank state: balances per account and denom, and the total supply per denom, with the SDK's coin events. */
import { moduleAddress } from "../../address";
import { formatCoins } from "../../coins";
import { sdkError } from "../../errors";
import { event } from "../../events";
import type { BankKeeper, ChainEvent, Coin, KVStore } from "../../module";
import type { AuthKeeperImpl } from "./auth";

/** Denoms whose MsgSend is disabled (bank params send_enabled). */
export const SEND_DISABLED_DENOMS = new Set(["uact"]);

const balanceKey = (address: string, denom: string) => `bal/${address}/${denom}`;
const supplyKey = (denom: string) => `supply/${denom}`;

export class BankKeeperImpl implements BankKeeper {
  constructor(
    private readonly store: KVStore,
    private readonly auth: AuthKeeperImpl,
    private readonly emit: (event: ChainEvent) => void,
  ) {}

  balance(address: string, denom: string): bigint {
    return this.store.get<bigint>(balanceKey(address, denom)) ?? 0n;
  }

  balances(address: string): Coin[] {
    const coins: Coin[] = [];
    const prefix = `bal/${address}/`;
    for (const [key, amount] of this.store.iterate<bigint>(prefix)) {
      coins.push({ denom: key.slice(prefix.length), amount });
    }
    return coins;
  }

  supply(denom: string): bigint {
    return this.store.get<bigint>(supplyKey(denom)) ?? 0n;
  }

  allSupply(): Coin[] {
    return [...this.store.iterate<bigint>("supply/")].map(([key, amount]) => ({
      denom: key.slice("supply/".length),
      amount,
    }));
  }

  private setBalance(address: string, denom: string, amount: bigint): void {
    if (amount === 0n) this.store.delete(balanceKey(address, denom));
    else this.store.set(balanceKey(address, denom), amount);
  }

  /** subUnlockedCoins: fails with the SDK's text on the first short denom. */
  private subtract(address: string, coins: Coin[]): void {
    for (const coin of coins) {
      const have = this.balance(address, coin.denom);
      if (have < coin.amount) {
        throw sdkError(
          5,
          `spendable balance ${have}${coin.denom} is smaller than ${coin.amount}${coin.denom}`,
        );
      }
      this.setBalance(address, coin.denom, have - coin.amount);
    }
    this.emit(event("coin_spent", { spender: address, amount: formatCoins(coins) }));
  }

  private add(address: string, coins: Coin[]): void {
    for (const coin of coins)
      this.setBalance(address, coin.denom, this.balance(address, coin.denom) + coin.amount);
    this.emit(event("coin_received", { receiver: address, amount: formatCoins(coins) }));
  }

  send(from: string, to: string, coins: Coin[]): void {
    const moving = coins.filter((c) => c.amount > 0n);
    this.subtract(from, moving);
    this.add(to, moving);
    this.auth.ensure(to);
    this.emit(event("transfer", { recipient: to, sender: from, amount: formatCoins(moving) }));
    this.emit(event("message", { sender: from }));
  }

  sendToModule(from: string, module: string, coins: Coin[]): void {
    this.send(from, this.auth.ensureModule(module), coins);
  }

  sendFromModule(module: string, to: string, coins: Coin[]): void {
    this.send(this.auth.ensureModule(module), to, coins);
  }

  mint(module: string, coins: Coin[]): void {
    const minting = coins.filter((c) => c.amount > 0n);
    const address = this.auth.ensureModule(module);
    this.add(address, minting);
    for (const c of minting) this.store.set(supplyKey(c.denom), this.supply(c.denom) + c.amount);
    this.emit(event("coinbase", { minter: address, amount: formatCoins(minting) }));
  }

  burn(module: string, coins: Coin[]): void {
    const burning = coins.filter((c) => c.amount > 0n);
    const address = this.auth.ensureModule(module);
    this.subtract(address, burning);
    for (const c of burning) this.store.set(supplyKey(c.denom), this.supply(c.denom) - c.amount);
    this.emit(event("burn", { burner: address, amount: formatCoins(burning) }));
  }

  moduleBalance(module: string, denom: string): bigint {
    return this.balance(moduleAddress(module), denom);
  }

  /** Genesis: credit an account without events (supply grows). */
  genesisCredit(address: string, coins: Coin[]): void {
    this.auth.ensure(address);
    for (const c of coins) {
      this.setBalance(address, c.denom, this.balance(address, c.denom) + c.amount);
      this.store.set(supplyKey(c.denom), this.supply(c.denom) + c.amount);
    }
  }
}

/** The chain's bank keeper, with the supply methods only the bank module itself uses. */
export function bankKeeper(ctx: { bank: BankKeeper }): BankKeeperImpl {
  return ctx.bank as BankKeeperImpl;
}
