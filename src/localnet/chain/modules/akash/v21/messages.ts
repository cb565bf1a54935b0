/**
 * Node v2.1 (AEP-82 reclamation) messages on top of chain-sdk's generated codecs, which lack the new fields:
 * MsgCreateDeployment.reclamation (5), MsgCreateBid.reclamation_window (5) and the whole MsgLeaseStartReclaim.
 * Each codec has chain-sdk's shape (encode/decode/fromPartial/toJSON), so the chain's router and cosmjs
 * registries (the localnet providers', tests') use them like any generated type.
 */
import { LeaseID } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { MsgCreateDeployment } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { MsgCreateBid } from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import { concatBytes, decodeDuration, encodeDuration, FieldWriter, messageAt, signedAt } from "./wire";

/** A codec in the shape of chain-sdk's generated `MessageFns` (what the router and cosmjs registries call). */
export interface V21Codec<T> {
  readonly $type: string;
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
  fromPartial(object: Partial<T>): T;
  toJSON(message: T): unknown;
}

interface BaseCodec<T> {
  readonly $type: string;
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
  fromPartial(object: never): T;
  toJSON(message: T): unknown;
}

/** A chain-sdk codec plus extra fields appended after its own (all v2.1 fields come after the old ones). */
function extended<T, X extends object>(
  base: BaseCodec<T>,
  extra: {
    read(bytes: Uint8Array): X;
    write(value: X): Uint8Array;
    pick(object: Partial<T & X>): X;
    json(value: X): Record<string, unknown>;
  },
): V21Codec<T & X> {
  return {
    $type: base.$type,
    encode: (message) => ({ finish: () => concatBytes(base.encode(message).finish(), extra.write(message)) }),
    decode: (input) => ({ ...base.decode(input), ...extra.read(input) }),
    fromPartial: (object) => ({ ...base.fromPartial(object as never), ...extra.pick(object) }),
    toJSON: (message) => ({ ...(base.toJSON(message) as object), ...extra.json(message) }),
  };
}

/** Amino JSON (x/tx aminojson) writes a Duration as a string of nanoseconds; the signer sees the same. */
const durationJson = (ns: bigint) => ns.toString();

/** akash.deployment.v1.DeploymentReclamation: the tenant's minimum window (nanoseconds, Go time.Duration). */
export interface DeploymentReclamation {
  minWindowNs: bigint;
}

export function encodeDeploymentReclamation(value: DeploymentReclamation): Uint8Array {
  // min_window is non-nullable: always written.
  return new FieldWriter().bytes(1, encodeDuration(value.minWindowNs), true).finish();
}

export function decodeDeploymentReclamation(bytes: Uint8Array): DeploymentReclamation {
  const window = messageAt(bytes, 1);
  return { minWindowNs: window ? decodeDuration(window) : 0n };
}

export type MsgCreateDeploymentV21 = MsgCreateDeployment & { reclamation?: DeploymentReclamation };

export const MsgCreateDeploymentV21: V21Codec<MsgCreateDeploymentV21> = extended(MsgCreateDeployment, {
  read(bytes) {
    const field = messageAt(bytes, 5);
    return field ? { reclamation: decodeDeploymentReclamation(field) } : {};
  },
  write: (value) =>
    value.reclamation
      ? new FieldWriter().bytes(5, encodeDeploymentReclamation(value.reclamation), true).finish()
      : new Uint8Array(),
  pick: (object) => (object.reclamation ? { reclamation: { ...object.reclamation } } : {}),
  json: (value) =>
    value.reclamation ? { reclamation: { minWindow: durationJson(value.reclamation.minWindowNs) } } : {},
});

export type MsgCreateBidV21 = MsgCreateBid & { reclamationWindowNs?: bigint };

export const MsgCreateBidV21: V21Codec<MsgCreateBidV21> = extended(MsgCreateBid, {
  read(bytes) {
    const field = messageAt(bytes, 5);
    return field ? { reclamationWindowNs: decodeDuration(field) } : {};
  },
  write: (value) =>
    value.reclamationWindowNs === undefined
      ? new Uint8Array()
      : new FieldWriter().bytes(5, encodeDuration(value.reclamationWindowNs), true).finish(),
  pick: (object) =>
    object.reclamationWindowNs === undefined ? {} : { reclamationWindowNs: object.reclamationWindowNs },
  json: (value) =>
    value.reclamationWindowNs === undefined
      ? {}
      : { reclamationWindow: durationJson(value.reclamationWindowNs) },
});

/** akash.market.v1beta5.MsgLeaseStartReclaim{1: id (LeaseID), 2: reason (LeaseClosedReason)}; signer id.provider. */
export interface MsgLeaseStartReclaim {
  id: LeaseID | undefined;
  reason: number;
}

export const MsgLeaseStartReclaim: V21Codec<MsgLeaseStartReclaim> = {
  $type: "akash.market.v1beta5.MsgLeaseStartReclaim",
  encode: (message) => ({
    finish: () =>
      new FieldWriter()
        .bytes(1, message.id ? LeaseID.encode(message.id).finish() : undefined, true)
        .varint(2, message.reason)
        .finish(),
  }),
  decode(input) {
    const id = messageAt(input, 1);
    return { id: id ? LeaseID.decode(id) : undefined, reason: Number(signedAt(input, 2)) };
  },
  fromPartial: (object) => ({
    id: object.id ? LeaseID.fromPartial(object.id) : undefined,
    reason: object.reason ?? 0,
  }),
  toJSON: (message) => ({
    id: message.id ? LeaseID.toJSON(message.id) : undefined,
    reason: message.reason,
  }),
};

export type MsgLeaseStartReclaimResponse = Record<string, never>;

export const MsgLeaseStartReclaimResponse: V21Codec<MsgLeaseStartReclaimResponse> = {
  $type: "akash.market.v1beta5.MsgLeaseStartReclaimResponse",
  encode: () => ({ finish: () => new Uint8Array() }),
  decode: () => ({}),
  fromPartial: () => ({}),
  toJSON: () => ({}),
};
