/**
 * Burn-mint equilibrium (akash.bme.v1): ACT (uact) can only be obtained by burning AKT. MsgMintACT checks the
 * oracle prices and the circuit breaker, takes the uakt into the vault and queues a ledger record; the EndBlocker
 * executes queued records once an epoch has passed (`min_epoch_blocks`), at most `max_endblocker_records` per
 * block, converting at the oracle price (conversion.ts). Mints wait while minting is halted; a conversion whose
 * prices cannot be read (stalled oracle) is retried and canceled after `max_pending_attempts`; one below
 * `min_mint` or truncating to zero is canceled at once and refunded. Genesis `mintsHalted` (or
 * `setBmeMintsHalted`) trips the circuit breaker so tests can exercise halted minting.
 */
import {
  EventLedgerRecordExecuted,
  MsgBurnACT,
  MsgBurnACTResponse,
  MsgMintACT,
  MsgMintACTResponse,
  Params,
  QueryLedgerRecordsRequest,
  QueryParamsRequest,
  QueryStatusRequest,
  QueryStatusResponse,
  QueryVaultStateRequest,
  QueryVaultStateResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { PageResponse } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import type { ChainModule, MsgContext, QueryContext, QueryHandler } from "../../../module";
import { ChainError } from "../../../module";
import { aggregatedPrice } from "../oracle/module";
import { isAccountAddress } from "../shared/address";
import { messageBytes } from "../shared/encoded-cache";
import { invalidArgument, registered, sdkErrors } from "../shared/errors";
import { defineMsg } from "../shared/msg-definition";
import { moduleStore } from "../shared/module-store";
import { paginate } from "../shared/pagination";
import { u64Key } from "../shared/store-keys";
import { withBmeParamsExtras } from "../v21/records";
import { convert, type CancelReason, type ConversionParams } from "./conversion";
import { BME_MODULE, RecordStatus, entryBytes, ledgerIdJson, ledgerKeys, type LedgerRecord } from "./ledger";

export { BME_MODULE } from "./ledger";

/** Genesis part: `modules.bme` (all optional). The AKT price lives in the oracle's genesis. */
export interface BmeGenesis {
  /** Trip the circuit breaker from the start: MsgMintACT fails with "circuit breaker is active". */
  mintsHalted?: boolean;
  /** Blocks between mint epochs (mainnet 10). */
  minEpochBlocks?: number;
}

/** akash.bme.v1.MintStatus */
const MintStatus = { healthy: 1, haltCr: 3, haltOracle: 4 } as const;
const MINT_STATUS_NAMES: Record<number, string> = {
  1: "mint_status_healthy",
  3: "mint_status_halt_cr",
  4: "mint_status_halt_oracle",
};

interface BmeConfig {
  mintsHalted: boolean;
  minEpochBlocks: number;
  lastEpoch: bigint;
  status: number;
}

const DEFAULT_CONFIG: BmeConfig = {
  mintsHalted: false,
  minEpochBlocks: 10,
  lastEpoch: 0n,
  status: MintStatus.healthy,
};
const CONVERSION: ConversionParams = {
  mintSpreadBps: 25n,
  settleSpreadBps: 0n,
  minMint: [{ denom: "uact", amount: 10_000_000n }],
};
const MAX_ENDBLOCKER_RECORDS = 50;
const MAX_PENDING_ATTEMPTS = 3;
const CONFIG_KEY = "config";

const err = {
  unauthorized: sdkErrors.unauthorized("owner and to addresses must match"),
  circuitBreaker: registered("bme", 6, "circuit breaker is active"),
  invalidAmount: registered("bme", 8, "invalid amount"),
  invalidDenom: registered("bme", 9, "invalid denomination"),
};

function config(ctx: MsgContext | QueryContext): BmeConfig {
  return { ...DEFAULT_CONFIG, ...moduleStore(ctx, BME_MODULE).get<BmeConfig>(CONFIG_KEY) };
}

const saveConfig = (ctx: MsgContext, next: BmeConfig) =>
  moduleStore(ctx, BME_MODULE).set<BmeConfig>(CONFIG_KEY, next);

/** Halts or resumes minting (for the localnet's fault-injection surface and tests). */
export function setBmeMintsHalted(ctx: MsgContext, halted: boolean): void {
  saveConfig(ctx, { ...config(ctx), mintsHalted: halted });
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

/**
 * RequestBurnMint: both oracle prices must be readable (else "price stalled"), then the circuit breaker: a
 * tripped breaker stops mints, and a halted oracle stops refunds (ACT→AKT) too. Takes the coins, queues a record.
 */
function queue(ctx: MsgContext, owner: string, denom: string, toDenom: string, amount: bigint) {
  aggregatedPrice(ctx, denom);
  aggregatedPrice(ctx, toDenom);
  const { status, mintsHalted } = config(ctx);
  const halted = mintsHalted ? Math.max(status, MintStatus.haltCr) : status;
  if (halted >= MintStatus.haltCr && (halted > MintStatus.haltCr || denom !== "uact"))
    throw err.circuitBreaker;
  ctx.bank.sendToModule(owner, BME_MODULE, [{ denom, amount }]);
  const store = moduleStore(ctx, BME_MODULE);
  // The ledger sequence restarts at 1 every block.
  const sequence = BigInt([...store.iterate(`p/${u64Key(ctx.height)}/`)].length + 1);
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
    attempts: 0,
  };
  store.set(ledgerKeys.pending(record), record);
  return {
    id: { denom, toDenom, source: owner, height: ctx.height, sequence },
    status: RecordStatus.pending,
  };
}

function cancel(ctx: MsgContext, key: string, record: LedgerRecord, reason: CancelReason): void {
  const store = moduleStore(ctx, BME_MODULE);
  store.delete(key);
  ctx.bank.sendFromModule(BME_MODULE, record.owner, [{ denom: record.denom, amount: record.burned }]);
  store.set(ledgerKeys.canceled(record), { ...record, status: RecordStatus.canceled, cancelReason: reason });
  ctx.emitTyped("akash.bme.v1.EventLedgerRecordCanceled", {
    id: ledgerIdJson(record),
    cancel_reason: reason,
    owner: record.owner,
    to: record.to,
    coins_to_burn: { denom: record.denom, amount: record.burned.toString() },
    denom_to_mint: record.toDenom,
  });
}

/** One pending record at an epoch: executed, canceled, or (prices unreadable) left for another attempt. */
function process(ctx: MsgContext, key: string, record: LedgerRecord): void {
  let priceFrom: bigint;
  let priceTo: bigint;
  try {
    priceFrom = aggregatedPrice(ctx, record.denom);
    priceTo = aggregatedPrice(ctx, record.toDenom);
  } catch (error) {
    if (!(error instanceof ChainError)) throw error;
    const attempts = record.attempts + 1;
    if (attempts >= MAX_PENDING_ATTEMPTS) cancel(ctx, key, record, "max_attempts");
    else moduleStore(ctx, BME_MODULE).set(key, { ...record, attempts });
    return;
  }
  const result = convert(record.burned, record.denom, record.toDenom, priceFrom, priceTo, CONVERSION);
  if (!result.ok) return cancel(ctx, key, record, result.reason);
  const store = moduleStore(ctx, BME_MODULE);
  store.delete(key);
  // AKT burnt for ACT stays in the vault as collateral; ACT burnt for AKT is destroyed.
  if (record.denom === "uact") ctx.bank.burn(BME_MODULE, [{ denom: record.denom, amount: record.burned }]);
  ctx.bank.mint(BME_MODULE, [{ denom: record.toDenom, amount: result.minted }]);
  ctx.bank.sendFromModule(BME_MODULE, record.to, [{ denom: record.toDenom, amount: result.toOwner }]);
  store.set(ledgerKeys.executed(record), {
    ...record,
    minted: result.toOwner,
    status: RecordStatus.executed,
    priceFrom,
    priceTo,
  });
  ctx.emitTyped(EventLedgerRecordExecuted.$type, { id: ledgerIdJson(record) });
}

/** mintStatusUpdate: a stalled oracle halts everything, a tripped breaker halts mints. */
function updateStatus(ctx: MsgContext, current: BmeConfig): BmeConfig {
  let oracleHealthy = true;
  try {
    aggregatedPrice(ctx, "uakt");
  } catch {
    oracleHealthy = false;
  }
  const status = !oracleHealthy
    ? MintStatus.haltOracle
    : current.mintsHalted
      ? MintStatus.haltCr
      : MintStatus.healthy;
  if (status === current.status) return current;
  ctx.emitTyped("akash.bme.v1.EventMintStatusChange", {
    previous_status: MINT_STATUS_NAMES[current.status] ?? String(current.status),
    new_status: MINT_STATUS_NAMES[status],
    collateral_ratio: oracleHealthy ? "2.000000000000000000" : "0.000000000000000000",
  });
  return { ...current, status };
}

function endBlock(ctx: MsgContext): void {
  const current = updateStatus(ctx, config(ctx));
  const epoch = ctx.height - current.lastEpoch >= BigInt(current.minEpochBlocks);
  saveConfig(ctx, epoch ? { ...current, lastEpoch: ctx.height } : current);
  if (!epoch) return;
  const mintsRun = current.status === MintStatus.healthy;
  const due = [...moduleStore(ctx, BME_MODULE).iterate<LedgerRecord>("p/")]
    .filter(([, r]) => r.denom === "uact" || mintsRun)
    .slice(0, MAX_ENDBLOCKER_RECORDS);
  for (const [key, record] of due) process(ctx, key, record);
}

const ledgerStatuses: Record<string, string[]> = {
  "": ["p/", "x/", "c/"],
  ledger_record_status_pending: ["p/"],
  ledger_record_status_executed: ["x/"],
  ledger_record_status_canceled: ["c/"],
};

const conversionMsg = <
  M extends { owner: string; to: string; coinsToBurn?: { denom: string; amount: string } },
>(
  from: string,
  to: string,
) => ({
  signers: (msg: M) => [msg.owner],
  validateBasic: (msg: M) => validateConversion(msg),
  queue(ctx: MsgContext, msg: M) {
    const coin = msg.coinsToBurn ?? { denom: "", amount: "0" };
    if (coin.denom !== from) throw err.invalidDenom;
    return queue(ctx, msg.owner, from, to, BigInt(coin.amount));
  },
});

const bmeQueries: Record<string, QueryHandler> = {
  "/akash.bme.v1.Query/Params"(ctx, request) {
    QueryParamsRequest.decode(request);
    const params = Params.fromPartial({
      circuitBreakerWarnThreshold: 9500,
      circuitBreakerHaltThreshold: 9000,
      minEpochBlocks: config(ctx).minEpochBlocks,
      epochBlocksBackoffPercent: 0,
      mintSpreadBps: Number(CONVERSION.mintSpreadBps),
      settleSpreadBps: Number(CONVERSION.settleSpreadBps),
      maxEndblockerRecords: MAX_ENDBLOCKER_RECORDS,
    });
    const bytes = withBmeParamsExtras(Params.encode(params).finish(), {
      minMint: CONVERSION.minMint.map((c) => ({ denom: c.denom, amount: c.amount.toString() })),
      maxPendingAttempts: MAX_PENDING_ATTEMPTS,
    });
    return messageBytes([[1, bytes]]);
  },
  "/akash.bme.v1.Query/Status"(ctx, request) {
    QueryStatusRequest.decode(request);
    // The collateral ratio needs the AKT price: a stalled oracle fails the whole query.
    aggregatedPrice(ctx, "uakt");
    const { status, mintsHalted } = config(ctx);
    const shown = mintsHalted ? Math.max(status, MintStatus.haltCr) : status;
    const halted = shown >= MintStatus.haltCr;
    return QueryStatusResponse.encode(
      QueryStatusResponse.fromPartial({
        status: shown,
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
    const denom = req.filters?.denom ?? "";
    const toDenom = req.filters?.toDenom ?? "";
    const prefixes = ledgerStatuses[req.filters?.status ?? ""];
    if (!prefixes) throw invalidArgument("invalid status filter value");
    const store = ctx.storeOf(BME_MODULE);
    const entries = (function* () {
      for (const prefix of prefixes) yield* store.iterate<LedgerRecord>(prefix);
    })();
    const page = paginate(entries, req.pagination, (_k, r) =>
      (source !== "" && r.source !== source) ||
      (denom !== "" && r.denom !== denom) ||
      (toDenom !== "" && r.toDenom !== toDenom)
        ? undefined
        : entryBytes(r),
    );
    return messageBytes([
      ...page.items.map((item) => [1, item] as [number, Uint8Array]),
      [2, PageResponse.encode(page.pagination).finish()],
    ]);
  },
};

export function bmeModule(): ChainModule {
  const mint = conversionMsg<MsgMintACT>("uakt", "uact");
  const burn = conversionMsg<MsgBurnACT>("uact", "uakt");
  return {
    name: BME_MODULE,
    msgs: Object.fromEntries([
      defineMsg({
        codec: MsgMintACT,
        response: MsgMintACTResponse,
        aminoName: "akash/bme/v1/MsgMintACT",
        ...mint,
        handle: (ctx, msg) => MsgMintACTResponse.fromPartial(mint.queue(ctx, msg)),
      }),
      defineMsg({
        codec: MsgBurnACT,
        response: MsgBurnACTResponse,
        aminoName: "akash/bme/v1/MsgBurnACT",
        ...burn,
        handle: (ctx, msg) => MsgBurnACTResponse.fromPartial(burn.queue(ctx, msg)),
      }),
    ]),
    queries: bmeQueries,
    endBlock,
    initGenesis(ctx, genesis) {
      const g = (genesis as BmeGenesis | undefined) ?? {};
      saveConfig(ctx, {
        mintsHalted: g.mintsHalted ?? false,
        minEpochBlocks: g.minEpochBlocks ?? DEFAULT_CONFIG.minEpochBlocks,
        lastEpoch: ctx.height,
        status: g.mintsHalted ? MintStatus.haltCr : MintStatus.healthy,
      });
    },
  };
}
