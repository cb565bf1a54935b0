/**
 * x/bank: balances, supply, MsgSend/MsgMultiSend and the Query service. Since Akash v2.0.0 `uact` has
 * SendEnabled=false: MsgSend refuses it, while module moves (escrow, BME) still work.
 */
import {
  MsgMultiSend,
  MsgMultiSendResponse,
  MsgSend,
  MsgSendResponse,
} from "cosmjs-types/cosmos/bank/v1beta1/tx";
import {
  QueryAllBalancesRequest,
  QueryAllBalancesResponse,
  QueryBalanceRequest,
  QueryBalanceResponse,
  QueryParamsResponse,
  QuerySendEnabledRequest,
  QuerySendEnabledResponse,
  QuerySpendableBalanceByDenomRequest,
  QuerySpendableBalanceByDenomResponse,
  QuerySpendableBalancesRequest,
  QuerySpendableBalancesResponse,
  QuerySupplyOfRequest,
  QuerySupplyOfResponse,
  QueryTotalSupplyRequest,
  QueryTotalSupplyResponse,
  QueryDenomsMetadataResponse,
} from "cosmjs-types/cosmos/bank/v1beta1/query";
import { isAddress, moduleAddress, requireAddress } from "../../address";
import { addCoins, formatCoins, parseCoins, toProtoCoins, validateCoins } from "../../coins";
import { moduleError, queryError, sdkError } from "../../errors";
import { event } from "../../events";
import type { BankKeeper, ChainEvent, ChainModule, Coin, KVStore, MsgContext } from "../../module";
import type { AuthKeeperImpl } from "./auth";
import { paginate } from "./pagination";

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

function requireSendEnabled(coins: Coin[]): void {
  for (const c of coins) {
    if (SEND_DISABLED_DENOMS.has(c.denom)) {
      throw moduleError(
        "bank",
        5,
        "send transactions are disabled",
        `${c.denom} transfers are currently disabled`,
      );
    }
  }
}

function bank(ctx: MsgContext): BankKeeperImpl {
  return ctx.bank as BankKeeperImpl;
}

function queryAddress(address: string): void {
  if (address === "") throw queryError("InvalidArgument", "empty address string is not allowed");
  if (!isAddress(address)) throw queryError("InvalidArgument", `invalid address: ${address}`);
}

function pageOfCoins(coins: Coin[], pagination: Parameters<typeof paginate>[1]) {
  const page = paginate(coins, pagination);
  return { balances: toProtoCoins(page.items), pagination: page.response };
}

export function bankModule(): ChainModule {
  return {
    name: "bank",
    msgs: {
      "/cosmos.bank.v1beta1.MsgSend": {
        decode: (bytes) => MsgSend.decode(bytes),
        toAmino: (msg: MsgSend) => ({
          type: "cosmos-sdk/MsgSend",
          value: { from_address: msg.fromAddress, to_address: msg.toAddress, amount: msg.amount },
        }),
        signers: (msg: MsgSend) => [msg.fromAddress],
        validateBasic: (msg: MsgSend) => {
          requireAddress(msg.fromAddress, "from address");
          requireAddress(msg.toAddress, "to address");
          const coins = parseCoins(msg.amount);
          validateCoins(coins);
          if (coins.length === 0) throw sdkError(10, formatCoins(coins));
        },
        handle: (ctx, msg: MsgSend) => {
          const coins = parseCoins(msg.amount);
          requireSendEnabled(coins);
          bank(ctx).send(msg.fromAddress, msg.toAddress, coins);
          return {
            typeUrl: "/cosmos.bank.v1beta1.MsgSendResponse",
            value: MsgSendResponse.encode({}).finish(),
          };
        },
      },
      "/cosmos.bank.v1beta1.MsgMultiSend": {
        decode: (bytes) => MsgMultiSend.decode(bytes),
        toAmino: (msg: MsgMultiSend) => ({
          type: "cosmos-sdk/MsgMultiSend",
          value: {
            inputs: msg.inputs.map((i) => ({ address: i.address, coins: i.coins })),
            outputs: msg.outputs.map((o) => ({ address: o.address, coins: o.coins })),
          },
        }),
        signers: (msg: MsgMultiSend) => msg.inputs.map((i) => i.address),
        validateBasic: (msg: MsgMultiSend) => {
          if (msg.inputs.length === 0) throw moduleError("bank", 2, "no inputs to send transaction");
          if (msg.inputs.length > 1) throw moduleError("bank", 8, "multiple senders not allowed");
          if (msg.outputs.length === 0) throw moduleError("bank", 3, "no outputs to send transaction");
          let inSum: Coin[] = [];
          let outSum: Coin[] = [];
          for (const i of msg.inputs) {
            requireAddress(i.address, "input address");
            inSum = addCoins(inSum, parseCoins(i.coins));
          }
          for (const o of msg.outputs) {
            requireAddress(o.address, "output address");
            outSum = addCoins(outSum, parseCoins(o.coins));
          }
          if (formatCoins(inSum) !== formatCoins(outSum)) {
            throw moduleError("bank", 4, "sum inputs != sum outputs");
          }
        },
        handle: (ctx, msg: MsgMultiSend) => {
          const input = msg.inputs[0]!;
          const total = parseCoins(input.coins);
          requireSendEnabled(total);
          const keeper = bank(ctx);
          // The SDK debits the input once, then credits each output.
          const fromAddress = input.address;
          for (const output of msg.outputs)
            keeper.send(fromAddress, output.address, parseCoins(output.coins));
          return {
            typeUrl: "/cosmos.bank.v1beta1.MsgMultiSendResponse",
            value: MsgMultiSendResponse.encode({}).finish(),
          };
        },
      },
    },
    queries: {
      "/cosmos.bank.v1beta1.Query/Balance": (ctx, data) => {
        const req = QueryBalanceRequest.decode(data);
        queryAddress(req.address);
        if (req.denom === "") throw queryError("InvalidArgument", "invalid denom");
        const amount = ctx.bank.balance(req.address, req.denom);
        return QueryBalanceResponse.encode({
          balance: { denom: req.denom, amount: amount.toString() },
        }).finish();
      },
      "/cosmos.bank.v1beta1.Query/AllBalances": (ctx, data) => {
        const req = QueryAllBalancesRequest.decode(data);
        queryAddress(req.address);
        return QueryAllBalancesResponse.encode(
          pageOfCoins(ctx.bank.balances(req.address), req.pagination),
        ).finish();
      },
      "/cosmos.bank.v1beta1.Query/SpendableBalances": (ctx, data) => {
        const req = QuerySpendableBalancesRequest.decode(data);
        queryAddress(req.address);
        return QuerySpendableBalancesResponse.encode(
          pageOfCoins(ctx.bank.balances(req.address), req.pagination),
        ).finish();
      },
      "/cosmos.bank.v1beta1.Query/SpendableBalanceByDenom": (ctx, data) => {
        const req = QuerySpendableBalanceByDenomRequest.decode(data);
        queryAddress(req.address);
        const amount = ctx.bank.balance(req.address, req.denom);
        return QuerySpendableBalanceByDenomResponse.encode({
          balance: { denom: req.denom, amount: amount.toString() },
        }).finish();
      },
      "/cosmos.bank.v1beta1.Query/TotalSupply": (ctx, data) => {
        const req = QueryTotalSupplyRequest.decode(data);
        const page = paginate((ctx.bank as BankKeeperImpl).allSupply(), req.pagination);
        return QueryTotalSupplyResponse.encode({
          supply: toProtoCoins(page.items),
          pagination: page.response,
        }).finish();
      },
      "/cosmos.bank.v1beta1.Query/SupplyOf": (ctx, data) => {
        const { denom } = QuerySupplyOfRequest.decode(data);
        const amount = (ctx.bank as BankKeeperImpl).supply(denom);
        return QuerySupplyOfResponse.encode({ amount: { denom, amount: amount.toString() } }).finish();
      },
      "/cosmos.bank.v1beta1.Query/Params": () =>
        QueryParamsResponse.encode({
          params: {
            sendEnabled: [...SEND_DISABLED_DENOMS].map((denom) => ({ denom, enabled: false })),
            defaultSendEnabled: true,
          },
        }).finish(),
      "/cosmos.bank.v1beta1.Query/SendEnabled": (_ctx, data) => {
        const { denoms } = QuerySendEnabledRequest.decode(data);
        const listed = denoms.length > 0 ? denoms : [...SEND_DISABLED_DENOMS];
        return QuerySendEnabledResponse.encode({
          sendEnabled: listed.map((denom) => ({ denom, enabled: !SEND_DISABLED_DENOMS.has(denom) })),
        }).finish();
      },
      "/cosmos.bank.v1beta1.Query/DenomsMetadata": () =>
        QueryDenomsMetadataResponse.encode({
          metadatas: [
            {
              description: "The native staking and gas token of the Akash Network.",
              denomUnits: [
                { denom: "uakt", exponent: 0, aliases: ["microakt"] },
                { denom: "akt", exponent: 6, aliases: [] },
              ],
              base: "uakt",
              display: "akt",
              name: "Akash Token",
              symbol: "AKT",
              uri: "",
              uriHash: "",
            },
            {
              description: "Akash Compute Token, used to price and fund leases.",
              denomUnits: [
                { denom: "uact", exponent: 0, aliases: [] },
                { denom: "act", exponent: 6, aliases: [] },
              ],
              base: "uact",
              display: "act",
              name: "Akash Compute Token",
              symbol: "ACT",
              uri: "",
              uriHash: "",
            },
          ],
        }).finish(),
    },
  };
}
