/**
 * `/akash.escrow.v1.DepositAuthorization` wire codec. Mainnet v2 added `spend_limits` (repeated Coin, field 3)
 * next to the deprecated single `spend_limit` (field 1); the installed chain-sdk only knows fields 1 and 2, so
 * the chain decodes all three itself. Register this codec for the type URL in the authz keeper.
 */
import protobuf from "protobufjs/minimal";

export const DEPOSIT_AUTHORIZATION_TYPE_URL = "/akash.escrow.v1.DepositAuthorization";
export const ACCOUNT_DEPOSIT_TYPE_URL = "/akash.escrow.v1.MsgAccountDeposit";

export interface CoinText {
  denom: string;
  amount: string;
}

export interface DepositAuthorizationValue {
  spendLimit?: CoinText;
  spendLimits: CoinText[];
  /** 1 = deployment, 2 = bid. */
  scopes: number[];
}

function readCoin(reader: protobuf.Reader, length: number): CoinText {
  const end = reader.pos + length;
  const coin = { denom: "", amount: "" };
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag >>> 3 === 1) coin.denom = reader.string();
    else if (tag >>> 3 === 2) coin.amount = reader.string();
    else reader.skipType(tag & 7);
  }
  return coin;
}

function writeCoin(writer: protobuf.Writer, field: number, coin: CoinText): void {
  writer.uint32((field << 3) | 2).fork();
  if (coin.denom !== "") writer.uint32(10).string(coin.denom);
  if (coin.amount !== "") writer.uint32(18).string(coin.amount);
  writer.ldelim();
}

export const depositAuthorizationCodec = {
  typeUrl: DEPOSIT_AUTHORIZATION_TYPE_URL,
  decode(bytes: Uint8Array): DepositAuthorizationValue {
    const reader = protobuf.Reader.create(bytes);
    const value: DepositAuthorizationValue = { spendLimits: [], scopes: [] };
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      const field = tag >>> 3;
      if (field === 1) value.spendLimit = readCoin(reader, reader.uint32());
      else if (field === 2 && (tag & 7) === 2) {
        const end = reader.uint32() + reader.pos;
        while (reader.pos < end) value.scopes.push(reader.int32());
      } else if (field === 2) value.scopes.push(reader.int32());
      else if (field === 3) value.spendLimits.push(readCoin(reader, reader.uint32()));
      else reader.skipType(tag & 7);
    }
    return value;
  },
  encode(value: DepositAuthorizationValue): Uint8Array {
    const writer = protobuf.Writer.create();
    if (value.spendLimit) writeCoin(writer, 1, value.spendLimit);
    if (value.scopes.length > 0) {
      writer.uint32(18).fork();
      for (const scope of value.scopes) writer.int32(scope);
      writer.ldelim();
    }
    for (const coin of value.spendLimits) writeCoin(writer, 3, coin);
    return writer.finish();
  },
};

/** Normalises whatever decoded shape the authz keeper holds (this codec's, or chain-sdk's without field 3). */
export function asDepositAuthorization(value: unknown): DepositAuthorizationValue | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const v = value as { spendLimit?: CoinText; spendLimits?: CoinText[]; scopes?: number[] };
  return { spendLimit: v.spendLimit, spendLimits: v.spendLimits ?? [], scopes: v.scopes ?? [] };
}

const isWhole = (amount: string) => /^\d+$/.test(amount);

/** Coins.Add: per-denom sums, sorted by denom, zero amounts dropped. */
function addCoins(a: CoinText[], b: CoinText[]): CoinText[] {
  const sums = new Map<string, bigint>();
  for (const coin of [...a, ...b]) {
    if (!isWhole(coin.amount)) continue;
    sums.set(coin.denom, (sums.get(coin.denom) ?? 0n) + BigInt(coin.amount));
  }
  return [...sums]
    .filter(([, amount]) => amount > 0n)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([denom, amount]) => ({ denom, amount: amount.toString() }));
}

/**
 * What the grant may still spend: `spend_limits` plus the deprecated `spend_limit` (the chain adds a legacy
 * grant's single limit to the list before using it).
 */
export function spendableLimits(auth: DepositAuthorizationValue): CoinText[] {
  return addCoins(auth.spendLimits, auth.spendLimit ? [auth.spendLimit] : []);
}

export function limitIn(coins: readonly CoinText[], denom: string): bigint {
  const coin = coins.find((c) => c.denom === denom);
  return coin && isWhole(coin.amount) ? BigInt(coin.amount) : 0n;
}

/** The grant after spending `amount` of `denom`, as the chain saves it: legacy limit zeroed and merged in. */
export function afterSpend(
  auth: DepositAuthorizationValue,
  denom: string,
  amount: bigint,
): DepositAuthorizationValue {
  const left = spendableLimits(auth).map((c) =>
    c.denom === denom ? { denom, amount: (BigInt(c.amount) - amount).toString() } : c,
  );
  return {
    scopes: auth.scopes,
    spendLimit: { denom: "uakt", amount: "0" },
    spendLimits: left.filter((c) => c.amount !== "0"),
  };
}

/** The grant after escrow gave `amount` of `denom` back to the granter (a closed deployment's leftover). */
export function afterRefund(
  auth: DepositAuthorizationValue,
  denom: string,
  amount: bigint,
): DepositAuthorizationValue {
  const legacy = auth.spendLimit;
  const hasLegacy = legacy !== undefined && isWhole(legacy.amount) && BigInt(legacy.amount) > 0n;
  return {
    scopes: auth.scopes,
    ...(legacy ? { spendLimit: hasLegacy ? { denom: legacy.denom, amount: "0" } : legacy } : {}),
    spendLimits: addCoins(hasLegacy ? spendableLimits(auth) : auth.spendLimits, [
      { denom, amount: amount.toString() },
    ]),
  };
}
