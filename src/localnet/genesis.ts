/**
 * The localnet genesis: funded well-known accounts plus each module's initial state (providers registered and
 * audited at genesis). Written to the data dir as genesis.json on first start and replayed from there afterwards.
 */
import type { Coin } from "./chain/module";
import { localnetKeys } from "./keys";

export const LOCALNET_CHAIN_ID = "akash-localnet-1";

export interface GenesisAccount {
  address: string;
  coins: Coin[];
}

export interface GenesisSpec {
  chainId: string;
  genesisTime: Date;
  accounts: GenesisAccount[];
  /** Each module's genesis, keyed by module name (shapes defined by the modules, e.g. `provider`, `audit`). */
  modules: Record<string, unknown>;
}

export interface GenesisProvider {
  owner: string;
  hostUri: string;
  attributes: { key: string; value: string }[];
  info: { email: string; website: string };
}

export interface GenesisAudit {
  owner: string;
  auditor: string;
  attributes: { key: string; value: string }[];
}

const AKT = 1_000_000n;

export const TEST_ACCOUNT_FUNDS: Coin[] = [
  { denom: "uact", amount: 100_000n * AKT },
  { denom: "uakt", amount: 1_000_000n * AKT },
];
export const PROVIDER_FUNDS: Coin[] = [
  { denom: "uact", amount: 10_000n * AKT },
  { denom: "uakt", amount: 10_000n * AKT },
];
export const AUDITOR_FUNDS: Coin[] = [{ denom: "uakt", amount: 1_000n * AKT }];

/**
 * The default localnet genesis: the test account, the auditor, and every given provider (funded, registered in
 * the provider module, audited when listed in `audits`).
 */
export function defaultGenesis(
  opts: {
    providers?: GenesisProvider[];
    audits?: GenesisAudit[];
    genesisTime?: Date;
    chainId?: string;
    /** Extra funded accounts (tests). */
    accounts?: GenesisAccount[];
  } = {},
): GenesisSpec {
  const providers = opts.providers ?? [];
  const accounts: GenesisAccount[] = [
    { address: localnetKeys.testAccount().address, coins: TEST_ACCOUNT_FUNDS },
    { address: localnetKeys.auditor().address, coins: AUDITOR_FUNDS },
    ...providers.map((p) => ({ address: p.owner, coins: PROVIDER_FUNDS })),
    ...(opts.accounts ?? []),
  ];
  return {
    chainId: opts.chainId ?? LOCALNET_CHAIN_ID,
    genesisTime: opts.genesisTime ?? new Date(),
    accounts,
    modules: {
      provider: { providers },
      audit: { providers: opts.audits ?? [] },
    },
  };
}

/** JSON form for genesis.json: bigints as decimal strings, dates as RFC 3339. */
export function genesisToJson(spec: GenesisSpec): string {
  return JSON.stringify(
    spec,
    (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value),
    2,
  );
}

export function genesisFromJson(text: string): GenesisSpec {
  const raw = JSON.parse(text) as {
    chainId: string;
    genesisTime: string;
    accounts: { address: string; coins: { denom: string; amount: string }[] }[];
    modules: Record<string, unknown>;
  };
  return {
    chainId: raw.chainId,
    genesisTime: new Date(raw.genesisTime),
    accounts: raw.accounts.map((a) => ({
      address: a.address,
      coins: a.coins.map((c) => ({ denom: c.denom, amount: BigInt(c.amount) })),
    })),
    modules: raw.modules,
  };
}
