/**
 * Node v2.1 fields of stored objects and params, appended to chain-sdk's encodings in query answers and read back
 * by clients (the localnet providers, tests): Deployment.reclamation (5), Order.reclamation (5),
 * Bid.reclamation_window (6), Lease.reclamation (7), market Params min/max_reclamation_window (4, 5) and bme
 * Params min_mint (9) / max_pending_attempts (10).
 */
import {
  decodeDeploymentReclamation,
  encodeDeploymentReclamation,
  type DeploymentReclamation,
} from "./messages";
import {
  concatBytes,
  decodeDuration,
  encodeDuration,
  FieldWriter,
  messageAt,
  messagesAt,
  signedAt,
  stringsAt,
} from "./wire";

/** akash.market.v1.Reclamation: the window negotiated from the bid and, once started, its state. */
export interface LeaseReclamation {
  windowNs: bigint;
  /** Block height at which the provider started reclamation; 0 = not started. */
  startedAt: bigint;
  /** Unix time (seconds) when the window ends; 0 = not started. */
  deadline: bigint;
  /** akash.market.v1.LeaseClosedReason the provider gave; 0 = not started. */
  reason: number;
}

export function withDeploymentReclamation(
  deployment: Uint8Array,
  reclamation: DeploymentReclamation | undefined,
): Uint8Array {
  if (!reclamation) return deployment;
  return concatBytes(
    deployment,
    new FieldWriter().bytes(5, encodeDeploymentReclamation(reclamation), true).finish(),
  );
}

/** Orders carry the deployment's requirement in the same field number and type. */
export const withOrderReclamation = withDeploymentReclamation;

export function readDeploymentReclamation(deployment: Uint8Array): DeploymentReclamation | undefined {
  const field = messageAt(deployment, 5);
  return field ? decodeDeploymentReclamation(field) : undefined;
}

export const readOrderReclamation = readDeploymentReclamation;

export function withBidReclamationWindow(bid: Uint8Array, windowNs: bigint | undefined): Uint8Array {
  if (windowNs === undefined) return bid;
  return concatBytes(bid, new FieldWriter().bytes(6, encodeDuration(windowNs), true).finish());
}

export function readBidReclamationWindow(bid: Uint8Array): bigint | undefined {
  const field = messageAt(bid, 6);
  return field ? decodeDuration(field) : undefined;
}

export function encodeLeaseReclamation(value: LeaseReclamation): Uint8Array {
  return new FieldWriter()
    .bytes(1, encodeDuration(value.windowNs), true)
    .varint(2, value.startedAt)
    .varint(3, value.deadline)
    .varint(4, value.reason)
    .finish();
}

export function withLeaseReclamation(
  lease: Uint8Array,
  reclamation: LeaseReclamation | undefined,
): Uint8Array {
  if (!reclamation) return lease;
  return concatBytes(lease, new FieldWriter().bytes(7, encodeLeaseReclamation(reclamation), true).finish());
}

export function readLeaseReclamation(lease: Uint8Array): LeaseReclamation | undefined {
  const field = messageAt(lease, 7);
  if (!field) return undefined;
  const window = messageAt(field, 1);
  return {
    windowNs: window ? decodeDuration(window) : 0n,
    startedAt: signedAt(field, 2),
    deadline: signedAt(field, 3),
    reason: Number(signedAt(field, 4)),
  };
}

export interface ReclamationBounds {
  minNs: bigint;
  maxNs: bigint;
}

/** market Params: both bounds are non-nullable, so they are always on the wire. */
export function withMarketReclamationBounds(params: Uint8Array, bounds: ReclamationBounds): Uint8Array {
  return concatBytes(
    params,
    new FieldWriter()
      .bytes(4, encodeDuration(bounds.minNs), true)
      .bytes(5, encodeDuration(bounds.maxNs), true)
      .finish(),
  );
}

export function readMarketReclamationBounds(params: Uint8Array): ReclamationBounds {
  const min = messageAt(params, 4);
  const max = messageAt(params, 5);
  return { minNs: min ? decodeDuration(min) : 0n, maxNs: max ? decodeDuration(max) : 0n };
}

export interface BmeParamsExtras {
  minMint: { denom: string; amount: string }[];
  maxPendingAttempts: number;
}

export function withBmeParamsExtras(params: Uint8Array, extras: BmeParamsExtras): Uint8Array {
  const writer = new FieldWriter();
  for (const coin of extras.minMint) {
    writer.bytes(9, new FieldWriter().string(1, coin.denom).string(2, coin.amount).finish(), true);
  }
  return concatBytes(params, writer.varint(10, extras.maxPendingAttempts).finish());
}

export function readBmeParamsExtras(params: Uint8Array): BmeParamsExtras {
  return {
    minMint: messagesAt(params, 9).map((coin) => ({
      denom: stringsAt(coin, 1)[0] ?? "",
      amount: stringsAt(coin, 2)[0] ?? "0",
    })),
    maxPendingAttempts: Number(signedAt(params, 10)),
  };
}

/** akash.bme.v1.LedgerCanceledRecord.BMCancelReason numbers. */
export const BM_CANCEL_REASONS: Record<string, number> = {
  epsilon: 1,
  zero_price: 2,
  insufficient_funds: 3,
  invalid_denom: 4,
  invalid_amount: 5,
  minimum_mint: 6,
  mint_failed: 7,
  burn_failed: 8,
  max_attempts: 9,
};

/**
 * QueryLedgerRecordEntry{1: id, 2: status = canceled (3), 5: LedgerCanceledRecord{owner, cancel_reason, to,
 * coins_to_burn, denom_to_mint}}; `id` is chain-sdk's encoding of the LedgerRecordID.
 */
export function encodeCanceledLedgerEntry(
  id: Uint8Array,
  record: {
    owner: string;
    reason: string;
    to: string;
    burned: { denom: string; amount: string };
    toDenom: string;
  },
): Uint8Array {
  const coin = new FieldWriter().string(1, record.burned.denom).string(2, record.burned.amount).finish();
  const canceled = new FieldWriter()
    .string(1, record.owner)
    .varint(2, BM_CANCEL_REASONS[record.reason] ?? 0)
    .string(3, record.to)
    .bytes(4, coin, true)
    .string(5, record.toDenom)
    .finish();
  return new FieldWriter().bytes(1, id, true).varint(2, 3).bytes(5, canceled, true).finish();
}

/** The item messages of a list answer (field 1), each unwrapped to its field `inner` (e.g. bid/lease/deployment). */
export function listItems(response: Uint8Array, inner?: number): Uint8Array[] {
  const items = messagesAt(response, 1);
  return inner === undefined ? items : items.map((item) => messageAt(item, inner) ?? new Uint8Array());
}
