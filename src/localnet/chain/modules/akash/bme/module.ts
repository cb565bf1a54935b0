/**
 * Burn-mint equilibrium (akash.bme.v1): ACT (uact) can only be obtained by burning AKT. MsgMintACT takes the
 * uakt now and queues a ledger record; the EndBlocker executes queued records once an epoch has passed
 * (`min_epoch_blocks`), at most `max_endblocker_records` per block, minting ACT at the localnet oracle price.
 * Mints below `min_mint` are cancelled (and refunded). Genesis `mintsHalted` (or `setBmeMintsHalted`) trips
 * the circuit breaker so tests can exercise halted minting.
 */
import {
  EventLedgerRecordExecuted,
  MsgBurnACT,
  MsgBurnACTResponse,
  MsgMintACT,
  MsgMintACTResponse,
  Params,
  QueryLedgerRecordsRequest,
  QueryLedgerRecordsResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QueryStatusRequest,
  QueryStatusResponse,
  QueryVaultStateRequest,
  QueryVaultStateResponse,
  QueryLedgerRecordEntry,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import type { ChainModule, MsgContext } from "../../../module";
import { isAccountAddress } from "../shared/address";
import { DEC_ONE, parseDec } from "../shared/decimal";
import { registered, sdkErrors } from "../shared/errors";
import { defineMsg } from "../shared/msg-definition";
import { moduleStore } from "../shared/module-store";
import { paginate } from "../shared/pagination";
import { u64Key } from "../shared/store-keys";

export const BME_MODULE = "bme";

/** Genesis part: `modules.bme` (all optional). */
export interface BmeGenesis {
  /** Trip the circuit breaker from the start: MsgMintACT fails with "circuit breaker is active". */
  mintsHalted?: boolean;
  /** Blocks between mint epochs (mainnet 10). */
  minEpochBlocks?: number;
  /** Localnet oracle price of 1 AKT in ACT, decimal string (default "1"). */
  aktPrice?: string;
}

interface BmeConfig {
  mintsHalted: boolean;
  minEpochBlocks: number;
  aktPrice: bigint;
  lastEpoch: bigint;
}

const DEFAULT_CONFIG: BmeConfig = {
  mintsHalted: false,
  minEpochBlocks: 10,
  aktPrice: DEC_ONE,
  lastEpoch: 0n,
};
const MINT_SPREAD_BPS = 25n;
const MAX_ENDBLOCKER_RECORDS = 50;
const MIN_MINT_UACT = 10_000_000n;
const CONFIG_KEY = "config";

const MintStatus = { healthy: 1, haltCr: 3 } as const;
const RecordStatus = { pending: 1, executed: 2 } as const;

interface LedgerRecord {
  denom: string;
  toDenom: string;
  source: string;
  height: bigint;
  sequence: bigint;
  owner: string;
  to: string;
  burned: bigint;
  minted: bigint;
  status: number;
}

const pendingKey = (height: bigint, sequence: bigint) => `p/${u64Key(height)}/${u64Key(sequence)}`;
const executedKey = (height: bigint, sequence: bigint) => `x/${u64Key(height)}/${u64Key(sequence)}`;

const err = {
  unauthorized: sdkErrors.unauthorized("owner and to addresses must match"),
  circuitBreaker: registered("bme", 6, "circuit breaker is active"),
  invalidAmount: registered("bme", 8, "invalid amount"),
  invalidDenom: registered("bme", 9, "invalid denomination"),
};

function config(ctx: { storeOf(m: string): { get<T>(k: string): T | undefined } }): BmeConfig {
  return ctx.storeOf(BME_MODULE).get<BmeConfig>(CONFIG_KEY) ?? DEFAULT_CONFIG;
}

/** Halts or resumes minting (for the localnet's fault-injection surface and tests). */
export function setBmeMintsHalted(ctx: MsgContext, halted: boolean): void {
  ctx.storeOf(BME_MODULE).set<BmeConfig>(CONFIG_KEY, { ...config(ctx), mintsHalted: halted });
}

function validateConversion(msg: {
  owner: string;
  to: string;
  coinsToBurn?: { denom: string; amount: string };
}): void {
  if (!isAccountAddress(msg.owner)) throw sdkErrors.invalidAddress("invalid owner address");
  if (msg.to !== msg.owner) throw err.unauthorized;
  const coin = msg.coinsToBurn;
  if (!coin || !/^\d+$/.test(coin.amount) || BigInt(coin.amount) === 0n) throw err.invalidAmount;
}

/** Takes the coins now and queues a ledger record for the next epoch. */
function queue(ctx: MsgContext, owner: string, denom: string, toDenom: string, amount: bigint) {
  if (config(ctx).mintsHalted) throw err.circuitBreaker;
  ctx.bank.sendToModule(owner, BME_MODULE, [{ denom, amount }]);
  const store = moduleStore(ctx, BME_MODULE);
  const sequence = BigInt([...store.iterate(`p/${u64Key(ctx.height)}/`)].length);
  const record: LedgerRecord = {
    denom,
    toDenom,
    source: owner,
    height: ctx.height,
    sequence,
    owner,
    to: owner,
    burned: amount,
    minted: 0n,
    status: RecordStatus.pending,
  };
  store.set(pendingKey(ctx.height, sequence), record);
  return {
    id: { denom, toDenom, source: owner, height: ctx.height, sequence },
    status: RecordStatus.pending,
  };
}

function converted(record: LedgerRecord, aktPrice: bigint): bigint {
  const gross =
    record.denom === "uakt" ? (record.burned * aktPrice) / DEC_ONE : (record.burned * DEC_ONE) / aktPrice;
  return (gross * (10000n - MINT_SPREAD_BPS)) / 10000n;
}

function execute(ctx: MsgContext, key: string, record: LedgerRecord, aktPrice: bigint): void {
  const store = ctx.storeOf(BME_MODULE);
  store.delete(key);
  const amount = converted(record, aktPrice);
  const idJson = {
    denom: record.denom,
    to_denom: record.toDenom,
    source: record.source,
    height: record.height.toString(),
    sequence: record.sequence.toString(),
  };
  if (record.toDenom === "uact" && amount < MIN_MINT_UACT) {
    // Below min_mint: cancelled, and what was taken goes back.
    ctx.bank.sendFromModule(BME_MODULE, record.owner, [{ denom: record.denom, amount: record.burned }]);
    ctx.emitTyped("akash.bme.v1.EventLedgerRecordCanceled", {
      id: idJson,
      reason: "minimum mint amount is not met",
    });
    return;
  }
  ctx.bank.burn(BME_MODULE, [{ denom: record.denom, amount: record.burned }]);
  ctx.bank.mint(BME_MODULE, [{ denom: record.toDenom, amount }]);
  ctx.bank.sendFromModule(BME_MODULE, record.to, [{ denom: record.toDenom, amount }]);
  store.set(executedKey(record.height, record.sequence), {
    ...record,
    minted: amount,
    status: RecordStatus.executed,
  });
  ctx.emitTyped(EventLedgerRecordExecuted.$type, { id: idJson });
}

function toEntry(record: LedgerRecord): QueryLedgerRecordEntry {
  const id = {
    denom: record.denom,
    toDenom: record.toDenom,
    source: record.source,
    height: record.height,
    sequence: record.sequence,
  };
  if (record.status === RecordStatus.pending) {
    return QueryLedgerRecordEntry.fromPartial({
      id,
      status: record.status,
      pendingRecord: {
        owner: record.owner,
        to: record.to,
        coinsToBurn: { denom: record.denom, amount: record.burned.toString() },
        denomToMint: record.toDenom,
      },
    });
  }
  return QueryLedgerRecordEntry.fromPartial({
    id,
    status: record.status,
    executedRecord: {
      burnedFrom: record.owner,
      mintedTo: record.to,
      burner: BME_MODULE,
      minter: BME_MODULE,
      burned: { coin: { denom: record.denom, amount: record.burned.toString() }, price: "1" },
      minted: { coin: { denom: record.toDenom, amount: record.minted.toString() }, price: "1" },
      remintCreditIssued: undefined,
      remintCreditAccrued: undefined,
    },
  });
}

export function bmeModule(): ChainModule {
  return {
    name: BME_MODULE,
    msgs: Object.fromEntries([
      defineMsg({
        codec: MsgMintACT,
        response: MsgMintACTResponse,
        aminoName: "akash/bme/v1/MsgMintACT",
        signers: (msg) => [msg.owner],
        validateBasic: (msg) => validateConversion(msg),
        handle(ctx, msg) {
          const coin = msg.coinsToBurn ?? { denom: "", amount: "0" };
          if (coin.denom !== "uakt") throw err.invalidDenom;
          return MsgMintACTResponse.fromPartial(queue(ctx, msg.owner, "uakt", "uact", BigInt(coin.amount)));
        },
      }),
      defineMsg({
        codec: MsgBurnACT,
        response: MsgBurnACTResponse,
        aminoName: "akash/bme/v1/MsgBurnACT",
        signers: (msg) => [msg.owner],
        validateBasic: (msg) => validateConversion(msg),
        handle(ctx, msg) {
          const coin = msg.coinsToBurn ?? { denom: "", amount: "0" };
          if (coin.denom !== "uact") throw err.invalidDenom;
          return MsgBurnACTResponse.fromPartial(queue(ctx, msg.owner, "uact", "uakt", BigInt(coin.amount)));
        },
      }),
    ]),
    queries: {
      "/akash.bme.v1.Query/Params"(ctx, request) {
        QueryParamsRequest.decode(request);
        const params = Params.fromPartial({
          circuitBreakerWarnThreshold: 9500,
          circuitBreakerHaltThreshold: 9000,
          minEpochBlocks: config(ctx).minEpochBlocks,
          epochBlocksBackoffPercent: 0,
          mintSpreadBps: Number(MINT_SPREAD_BPS),
          settleSpreadBps: 0,
          maxEndblockerRecords: MAX_ENDBLOCKER_RECORDS,
        });
        return QueryParamsResponse.encode({ params }).finish();
      },
      "/akash.bme.v1.Query/Status"(ctx, request) {
        QueryStatusRequest.decode(request);
        const halted = config(ctx).mintsHalted;
        return QueryStatusResponse.encode(
          QueryStatusResponse.fromPartial({
            status: halted ? MintStatus.haltCr : MintStatus.healthy,
            collateralRatio: halted ? "0.5" : "2",
            warnThreshold: "0.95",
            haltThreshold: "0.9",
            mintsAllowed: !halted,
            refundsAllowed: true,
          }),
        ).finish();
      },
      "/akash.bme.v1.Query/VaultState"(ctx, request) {
        QueryVaultStateRequest.decode(request);
        const balances = ["uact", "uakt"].map((denom) => ({
          denom,
          amount: ctx.bank.moduleBalance(BME_MODULE, denom).toString(),
        }));
        return QueryVaultStateResponse.encode({
          vaultState: { balances, totalBurned: [], totalMinted: [], remintCredits: [] },
        }).finish();
      },
      "/akash.bme.v1.Query/LedgerRecords"(ctx, request) {
        const req = QueryLedgerRecordsRequest.decode(request);
        const source = req.filters?.source ?? "";
        const status = req.filters?.status ?? "";
        const store = ctx.storeOf(BME_MODULE);
        const entries = (function* () {
          if (status === "" || status === "ledger_record_status_pending")
            yield* store.iterate<LedgerRecord>("p/");
          if (status === "" || status === "ledger_record_status_executed")
            yield* store.iterate<LedgerRecord>("x/");
        })();
        const page = paginate(entries, req.pagination, (_k, r) =>
          source !== "" && r.source !== source ? undefined : toEntry(r),
        );
        return QueryLedgerRecordsResponse.encode({
          records: page.items,
          pagination: page.pagination,
        }).finish();
      },
    },
    endBlock(ctx) {
      const current = config(ctx);
      if (ctx.height - current.lastEpoch < BigInt(current.minEpochBlocks)) return;
      const store = ctx.storeOf(BME_MODULE);
      const due = [...store.iterate<LedgerRecord>("p/")].slice(0, MAX_ENDBLOCKER_RECORDS);
      store.set<BmeConfig>(CONFIG_KEY, { ...current, lastEpoch: ctx.height });
      for (const [key, record] of due) execute(ctx, key, record, current.aktPrice);
    },
    initGenesis(ctx, genesis) {
      const g = (genesis as BmeGenesis | undefined) ?? {};
      ctx.storeOf(BME_MODULE).set<BmeConfig>(CONFIG_KEY, {
        mintsHalted: g.mintsHalted ?? false,
        minEpochBlocks: g.minEpochBlocks ?? DEFAULT_CONFIG.minEpochBlocks,
        aktPrice: parseDec(g.aktPrice ?? "1") ?? DEC_ONE,
        lastEpoch: ctx.height,
      });
    },
  };
}
