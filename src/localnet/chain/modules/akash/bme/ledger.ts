/**
 * BME ledger records in state: pending (queued by MsgMintACT/MsgBurnACT), executed and canceled, keyed by
 * (height, sequence) like the node's LedgerRecordID, and their query form.
 */
import { LedgerRecordID, QueryLedgerRecordEntry } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { formatDecShort } from "../shared/decimal";
import { u64Key } from "../shared/store-keys";
import { encodeCanceledLedgerEntry } from "../v21/records";
import type { CancelReason } from "./conversion";

export const BME_MODULE = "bme";

export const RecordStatus = { pending: 1, executed: 2, canceled: 3 } as const;

export interface LedgerRecord {
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
  /** Failed execution attempts so far (retriable errors such as a stalled oracle price). */
  attempts: number;
  /** Prices (1e18-scaled, USD) it executed at. */
  priceFrom?: bigint;
  priceTo?: bigint;
  cancelReason?: CancelReason;
}

export const ledgerKeys = {
  pending: (r: { height: bigint; sequence: bigint }) => `p/${u64Key(r.height)}/${u64Key(r.sequence)}`,
  executed: (r: { height: bigint; sequence: bigint }) => `x/${u64Key(r.height)}/${u64Key(r.sequence)}`,
  canceled: (r: { height: bigint; sequence: bigint }) => `c/${u64Key(r.height)}/${u64Key(r.sequence)}`,
};

/** LedgerRecordID as typed-event JSON. */
export const ledgerIdJson = (r: LedgerRecord) => ({
  denom: r.denom,
  to_denom: r.toDenom,
  source: r.source,
  height: r.height.toString(),
  sequence: r.sequence.toString(),
});

/** The query entry's bytes (canceled entries are encoded here: the installed chain-sdk has no such status). */
export function entryBytes(record: LedgerRecord): Uint8Array {
  const id: IdParts = {
    denom: record.denom,
    toDenom: record.toDenom,
    source: record.source,
    height: record.height,
    sequence: record.sequence,
  };
  if (record.status === RecordStatus.canceled) {
    return encodeCanceledLedgerEntry(LedgerRecordID.encode(LedgerRecordID.fromPartial(id)).finish(), {
      owner: record.owner,
      reason: record.cancelReason ?? "",
      to: record.to,
      burned: { denom: record.denom, amount: record.burned.toString() },
      toDenom: record.toDenom,
    });
  }
  return QueryLedgerRecordEntry.encode(toEntry(record, id)).finish();
}

interface IdParts {
  denom: string;
  toDenom: string;
  source: string;
  height: bigint;
  sequence: bigint;
}

function toEntry(record: LedgerRecord, id: IdParts): QueryLedgerRecordEntry {
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
  const price = (p: bigint | undefined) => formatDecShort(p ?? 0n);
  return QueryLedgerRecordEntry.fromPartial({
    id,
    status: record.status,
    executedRecord: {
      burnedFrom: record.owner,
      mintedTo: record.to,
      burner: BME_MODULE,
      minter: BME_MODULE,
      burned: {
        coin: { denom: record.denom, amount: record.burned.toString() },
        price: price(record.priceFrom),
      },
      minted: {
        coin: { denom: record.toDenom, amount: record.minted.toString() },
        price: price(record.priceTo),
      },
      remintCreditIssued: undefined,
      remintCreditAccrued: undefined,
    },
  });
}
