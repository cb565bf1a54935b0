/**
 * The chain v2.1 fields the pinned chain-sdk (1.0.0-alpha.25) lacks, encoded and decoded in this one place so it
 * can go once chain-sdk catches up (akash-network/chain-sdk proto/node, as node v2.1 pins it):
 * - reclamation (AEP-82): MsgCreateDeployment.reclamation (5), Deployment.reclamation (5), Bid.reclamation_window
 *   (6), Lease.reclamation (7), market Params.min/max_reclamation_window (4, 5), the whole MsgLeaseStartReclaim;
 * - bme Params.min_mint (9).
 */
import type { Coin, DeploymentReclamation, LeaseReclamation } from "../../ports/chain";
import {
  concat,
  decodeDuration,
  encodeDuration,
  FieldWriter,
  messageAt,
  messagesAt,
  signedAt,
  stringAt,
} from "./v21-wire";

export const LEASE_START_RECLAIM_TYPE_URL = "/akash.market.v1beta5.MsgLeaseStartReclaim";

/** akash.deployment.v1.DeploymentReclamation{1: min_window (Duration, non-nullable)}. */
const encodeDeploymentReclamation = (r: DeploymentReclamation) =>
  new FieldWriter().bytes(1, encodeDuration(r.minWindowSeconds), true).finish();

/** chain-sdk's MsgCreateDeployment bytes plus field 5. */
export function withDeploymentReclamation(msg: Uint8Array, reclamation?: DeploymentReclamation): Uint8Array {
  if (!reclamation) return msg;
  return concat(msg, new FieldWriter().bytes(5, encodeDeploymentReclamation(reclamation), true).finish());
}

/** MsgLeaseStartReclaim{1: id (LeaseID, chain-sdk's bytes), 2: reason (LeaseClosedReason)}. */
export function encodeLeaseStartReclaim(leaseId: Uint8Array, reason: number): Uint8Array {
  return new FieldWriter().bytes(1, leaseId, true).varint(2, reason).finish();
}

/** Inner messages of a list answer: each item (field 1) unwrapped to its field `inner`, in answer order. */
export function listInner(response: Uint8Array, inner: number): (Uint8Array | undefined)[] {
  return messagesAt(response, 1).map((item) => messageAt(item, inner));
}

/** Deployment.reclamation (field 5). */
export function deploymentReclamation(deployment: Uint8Array | undefined): DeploymentReclamation | undefined {
  const field = deployment && messageAt(deployment, 5);
  if (!field) return undefined;
  const window = messageAt(field, 1);
  return { minWindowSeconds: window ? decodeDuration(window) : 0 };
}

/** Bid.reclamation_window (field 6), seconds. */
export function bidReclamationWindow(bid: Uint8Array | undefined): number | undefined {
  const field = bid && messageAt(bid, 6);
  return field ? decodeDuration(field) : undefined;
}

/** Lease.reclamation (field 7): {1: window, 2: started_at, 3: deadline (unix s), 4: reason}. */
export function leaseReclamation(
  lease: Uint8Array | undefined,
  reasonName: (reason: number) => string,
): LeaseReclamation | undefined {
  const field = lease && messageAt(lease, 7);
  if (!field) return undefined;
  const window = messageAt(field, 1);
  const startedAt = signedAt(field, 2);
  return {
    windowSeconds: window ? decodeDuration(window) : 0,
    ...(startedAt === 0n
      ? {}
      : {
          started: {
            height: startedAt,
            deadline: new Date(Number(signedAt(field, 3)) * 1000),
            reason: reasonName(Number(signedAt(field, 4))),
          },
        }),
  };
}

/** market Params.min/max_reclamation_window (fields 4, 5), seconds. */
export function marketReclamationBounds(params: Uint8Array | undefined): { min: number; max: number } {
  const min = params && messageAt(params, 4);
  const max = params && messageAt(params, 5);
  return { min: min ? decodeDuration(min) : 0, max: max ? decodeDuration(max) : 0 };
}

/** bme Params.min_mint (field 9, repeated Coin). */
export function bmeMinMint(params: Uint8Array | undefined): Coin[] {
  return (params ? messagesAt(params, 9) : []).map((coin) => ({
    denom: stringAt(coin, 1),
    amount: BigInt(stringAt(coin, 2) || "0"),
  }));
}
