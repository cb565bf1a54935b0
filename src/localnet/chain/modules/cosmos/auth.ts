/**
 * x/auth: accounts (number, sequence, pubkey) and its Query service. Accounts are created on first receipt of
 * coins with the next account number, exactly like the SDK, so clients see familiar numbers and sequences.
 */
import { BaseAccount, ModuleAccount, Params } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import {
  QueryAccountInfoRequest,
  QueryAccountInfoResponse,
  QueryAccountRequest,
  QueryAccountResponse,
  QueryAccountsRequest,
  QueryAccountsResponse,
  QueryModuleAccountByNameRequest,
  QueryModuleAccountByNameResponse,
  QueryParamsResponse,
  Bech32PrefixResponse,
} from "cosmjs-types/cosmos/auth/v1beta1/query";
import { PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { Any } from "cosmjs-types/google/protobuf/any";
import { BECH32_PREFIX, isAddress, moduleAddress } from "../../address";
import { queryError } from "../../errors";
import type { AuthKeeper, ChainModule, KVStore, QueryContext } from "../../module";
import { paginate } from "./pagination";

export interface AccountRecord {
  address: string;
  number: bigint;
  sequence: bigint;
  /** Compressed secp256k1 key, set by the first signed tx. */
  pubkey?: Uint8Array;
  /** Set for module accounts (escrow, fee_collector, ...). */
  moduleName?: string;
}

/** The SDK's default auth params (x/auth/types/params.go). */
export const AUTH_PARAMS = {
  maxMemoCharacters: 256,
  txSigLimit: 7,
  txSizeCostPerByte: 10,
  sigVerifyCostEd25519: 590,
  sigVerifyCostSecp256k1: 1000,
} as const;

export const MODULE_ACCOUNT_PERMISSIONS: Record<string, string[]> = {
  fee_collector: [],
  distribution: [],
  bonded_tokens_pool: ["burner", "staking"],
  not_bonded_tokens_pool: ["burner", "staking"],
  gov: ["burner"],
  mint: ["minter"],
  escrow: [],
  bme: ["minter", "burner"],
};

const accountKey = (address: string) => `acc/${address}`;

export class AuthKeeperImpl implements AuthKeeper {
  constructor(private readonly store: KVStore) {}

  account(address: string): AccountRecord | undefined {
    return this.store.get<AccountRecord>(accountKey(address));
  }

  setAccount(record: AccountRecord): void {
    this.store.set(accountKey(record.address), record);
  }

  pubkey(address: string): Uint8Array | undefined {
    return this.account(address)?.pubkey;
  }

  exists(address: string): boolean {
    return this.store.has(accountKey(address));
  }

  ensure(address: string, moduleName?: string): AccountRecord {
    const existing = this.account(address);
    if (existing) return existing;
    const number = this.store.get<bigint>("next_number") ?? 0n;
    this.store.set("next_number", number + 1n);
    const record: AccountRecord = { address, number, sequence: 0n, ...(moduleName ? { moduleName } : {}) };
    this.setAccount(record);
    return record;
  }

  /** Creates (if needed) and returns a module account's address. */
  ensureModule(name: string): string {
    const address = moduleAddress(name);
    this.ensure(address, name);
    return address;
  }
}

export function encodeAccount(record: AccountRecord): Any {
  const base = BaseAccount.fromPartial({
    address: record.address,
    accountNumber: record.number,
    sequence: record.sequence,
    pubKey: record.pubkey
      ? Any.fromPartial({
          typeUrl: "/cosmos.crypto.secp256k1.PubKey",
          value: PubKey.encode({ key: record.pubkey }).finish(),
        })
      : undefined,
  });
  if (record.moduleName !== undefined) {
    return Any.fromPartial({
      typeUrl: "/cosmos.auth.v1beta1.ModuleAccount",
      value: ModuleAccount.encode(
        ModuleAccount.fromPartial({
          baseAccount: base,
          name: record.moduleName,
          permissions: MODULE_ACCOUNT_PERMISSIONS[record.moduleName] ?? [],
        }),
      ).finish(),
    });
  }
  return Any.fromPartial({
    typeUrl: "/cosmos.auth.v1beta1.BaseAccount",
    value: BaseAccount.encode(base).finish(),
  });
}

function requireQueryAddress(address: string): void {
  if (address === "") throw queryError("InvalidArgument", "Address cannot be empty");
  if (!isAddress(address)) throw queryError("InvalidArgument", `invalid address: ${address}`);
}

function findAccount(ctx: QueryContext, address: string): AccountRecord {
  requireQueryAddress(address);
  const record = (ctx.auth as AuthKeeperImpl).account(address);
  if (!record) throw queryError("NotFound", `account ${address} not found`);
  return record;
}

const PARAMS = Params.fromPartial({
  maxMemoCharacters: BigInt(AUTH_PARAMS.maxMemoCharacters),
  txSigLimit: BigInt(AUTH_PARAMS.txSigLimit),
  txSizeCostPerByte: BigInt(AUTH_PARAMS.txSizeCostPerByte),
  sigVerifyCostEd25519: BigInt(AUTH_PARAMS.sigVerifyCostEd25519),
  sigVerifyCostSecp256k1: BigInt(AUTH_PARAMS.sigVerifyCostSecp256k1),
});

export function authModule(): ChainModule {
  return {
    name: "auth",
    msgs: {},
    queries: {
      "/cosmos.auth.v1beta1.Query/Account": (ctx, data) => {
        const { address } = QueryAccountRequest.decode(data);
        return QueryAccountResponse.encode({ account: encodeAccount(findAccount(ctx, address)) }).finish();
      },
      "/cosmos.auth.v1beta1.Query/AccountInfo": (ctx, data) => {
        const { address } = QueryAccountInfoRequest.decode(data);
        const record = findAccount(ctx, address);
        const base = BaseAccount.decode(
          record.moduleName === undefined
            ? encodeAccount(record).value
            : BaseAccount.encode(ModuleAccount.decode(encodeAccount(record).value).baseAccount!).finish(),
        );
        return QueryAccountInfoResponse.encode({ info: base }).finish();
      },
      "/cosmos.auth.v1beta1.Query/Accounts": (ctx, data) => {
        const { pagination } = QueryAccountsRequest.decode(data);
        const all = [...ctx.storeOf("auth").iterate<AccountRecord>("acc/")].map(([, record]) => record);
        const page = paginate(all, pagination);
        return QueryAccountsResponse.encode({
          accounts: page.items.map(encodeAccount),
          pagination: page.response,
        }).finish();
      },
      "/cosmos.auth.v1beta1.Query/ModuleAccountByName": (ctx, data) => {
        const { name } = QueryModuleAccountByNameRequest.decode(data);
        const record = (ctx.auth as AuthKeeperImpl).account(moduleAddress(name));
        if (!record) throw queryError("NotFound", `account ${name} not found`);
        return QueryModuleAccountByNameResponse.encode({ account: encodeAccount(record) }).finish();
      },
      "/cosmos.auth.v1beta1.Query/Params": () => QueryParamsResponse.encode({ params: PARAMS }).finish(),
      "/cosmos.auth.v1beta1.Query/Bech32Prefix": () =>
        Bech32PrefixResponse.encode({ bech32Prefix: BECH32_PREFIX }).finish(),
    },
  };
}
