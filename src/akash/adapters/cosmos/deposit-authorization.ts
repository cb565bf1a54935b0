/**
 * `akash.escrow.v1.DepositAuthorization` on the wire. Mainnet (v1.0+) has `spend_limits` (repeated Coin, field 3)
 * and deprecates `spend_limit` (field 1, must be empty; grants migrated from before v1.0 may still carry it, and
 * the chain then adds it to `spend_limits`); the installed chain-sdk only knows fields 1 and 2, so we encode and
 * decode it ourselves.
 */
import protobuf from "protobufjs/minimal";
import type { Coin, DepositGrantScope } from "../../ports/chain";

export const DEPOSIT_AUTHORIZATION_TYPE_URL = "/akash.escrow.v1.DepositAuthorization";
/** The message a deposit authorization authorizes (authz grants are keyed by it). */
export const ACCOUNT_DEPOSIT_TYPE_URL = "/akash.escrow.v1.MsgAccountDeposit";

const SCOPE_NUMBERS: Record<DepositGrantScope, number> = { deployment: 1, bid: 2 };

export interface DecodedDepositAuthorization {
  spendLimits: Coin[];
  scopes: DepositGrantScope[];
}

function writeCoin(writer: protobuf.Writer, field: number, coin: Coin): void {
  writer.uint32((field << 3) | 2).fork();
  writer.uint32(10).string(coin.denom);
  writer.uint32(18).string(coin.amount.toString());
  writer.ldelim();
}

function readCoin(reader: protobuf.Reader, end: number): Coin {
  let denom = "";
  let amount = "0";
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag >>> 3 === 1) denom = reader.string();
    else if (tag >>> 3 === 2) amount = reader.string();
    else reader.skipType(tag & 7);
  }
  return { denom, amount: BigInt(amount || "0") };
}

export function encodeDepositAuthorization(spendLimits: Coin[], scopes: DepositGrantScope[]): Uint8Array {
  const writer = protobuf.Writer.create();
  writer.uint32(18).fork();
  for (const scope of scopes) writer.int32(SCOPE_NUMBERS[scope]);
  writer.ldelim();
  for (const coin of spendLimits) writeCoin(writer, 3, coin);
  return writer.finish();
}

export function decodeDepositAuthorization(bytes: Uint8Array): DecodedDepositAuthorization {
  const reader = protobuf.Reader.create(bytes);
  const out: DecodedDepositAuthorization = { spendLimits: [], scopes: [] };
  let legacy: Coin | undefined;
  const scope = (n: number) => {
    if (n === 1) out.scopes.push("deployment");
    else if (n === 2) out.scopes.push("bid");
  };
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    if (field === 1) legacy = readCoin(reader, reader.uint32() + reader.pos);
    else if (field === 2 && (tag & 7) === 2) {
      const end = reader.uint32() + reader.pos;
      while (reader.pos < end) scope(reader.int32());
    } else if (field === 2) scope(reader.int32());
    else if (field === 3) out.spendLimits.push(readCoin(reader, reader.uint32() + reader.pos));
    else reader.skipType(tag & 7);
  }
  // The chain adds the deprecated single limit to spend_limits (Coins.Add) before drawing from the grant.
  return {
    ...out,
    spendLimits: legacy && legacy.amount > 0n ? addCoins(out.spendLimits, legacy) : out.spendLimits,
  };
}

/** sdk.Coins.Add of one coin: per-denom sums, sorted by denom. */
function addCoins(coins: Coin[], extra: Coin): Coin[] {
  const sums = new Map<string, bigint>();
  for (const coin of [...coins, extra]) sums.set(coin.denom, (sums.get(coin.denom) ?? 0n) + coin.amount);
  return [...sums]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([denom, amount]) => ({ denom, amount }));
}
