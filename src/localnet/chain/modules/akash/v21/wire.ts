/**
 * A tiny protobuf wire reader/writer for the node v2.1 fields that the pinned chain-sdk (1.0.0-alpha.25) lacks.
 * chain-sdk's generated codecs skip unknown fields when decoding, and protobuf merges concatenated encodings, so a
 * v2.1 field is read straight from chain-sdk's bytes and written by appending it to them. Integers are bigints
 * (int64 durations and unix times exceed 2^53 in nanoseconds). Delete the v21 folder once chain-sdk has the fields.
 */

export class WireError extends Error {}

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;
const WIRE_FIXED32 = 5;
const TWO_64 = 1n << 64n;

export interface RawField {
  field: number;
  wireType: number;
  /** Varint value (wire type 0), as an unsigned 64-bit integer. */
  varint?: bigint;
  /** Payload of a length-delimited field (wire type 2). */
  bytes?: Uint8Array;
}

/** All top-level fields of `bytes`, in wire order. */
export function readFields(bytes: Uint8Array): RawField[] {
  const out: RawField[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= bytes.length) throw new WireError("truncated varint");
      const b = bytes[pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new WireError("varint overflow");
    }
  };
  while (pos < bytes.length) {
    const tag = varint();
    const field = Number(tag >> 3n);
    const wireType = Number(tag & 7n);
    if (wireType === WIRE_VARINT) out.push({ field, wireType, varint: varint() });
    else if (wireType === WIRE_BYTES) {
      const length = Number(varint());
      if (pos + length > bytes.length) throw new WireError("truncated field");
      out.push({ field, wireType, bytes: bytes.subarray(pos, pos + length) });
      pos += length;
    } else if (wireType === WIRE_FIXED64) pos += 8;
    else if (wireType === WIRE_FIXED32) pos += 4;
    else throw new WireError(`unsupported wire type ${wireType}`);
  }
  return out;
}

/** Payloads of every length-delimited occurrence of `field`. */
export function messagesAt(bytes: Uint8Array, field: number): Uint8Array[] {
  return readFields(bytes).flatMap((f) => (f.field === field && f.bytes ? [f.bytes] : []));
}

/** The last occurrence of a singular message field (proto3: the last one wins). */
export function messageAt(bytes: Uint8Array, field: number): Uint8Array | undefined {
  return messagesAt(bytes, field).at(-1);
}

/** A singular varint field read as a signed 64-bit integer (int64, int32, enum); 0 when absent. */
export function signedAt(bytes: Uint8Array, field: number): bigint {
  const found = readFields(bytes)
    .filter((f) => f.field === field && f.varint !== undefined)
    .at(-1);
  const value = found?.varint ?? 0n;
  return value >= 1n << 63n ? value - TWO_64 : value;
}

/** Strings of a repeated/singular string field. */
export function stringsAt(bytes: Uint8Array, field: number): string[] {
  const text = new TextDecoder();
  return messagesAt(bytes, field).map((b) => text.decode(b));
}

function varintBytes(value: bigint): number[] {
  let v = value < 0n ? value + TWO_64 : value;
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

/** Builds a message field by field (ascending order is the caller's job). */
export class FieldWriter {
  private readonly parts: number[] = [];

  /** int64/int32/uint32/enum/bool; zero is omitted like proto3 does. */
  varint(field: number, value: bigint | number | boolean): this {
    const v = typeof value === "bigint" ? value : BigInt(typeof value === "boolean" ? Number(value) : value);
    if (v === 0n) return this;
    this.parts.push(...varintBytes(BigInt((field << 3) | WIRE_VARINT)), ...varintBytes(v));
    return this;
  }

  /** A length-delimited field (message, bytes, string); `always` writes it even when empty (gogoproto non-nullable). */
  bytes(field: number, payload: Uint8Array | undefined, always = false): this {
    if (payload === undefined || (payload.length === 0 && !always)) return this;
    this.parts.push(
      ...varintBytes(BigInt((field << 3) | WIRE_BYTES)),
      ...varintBytes(BigInt(payload.length)),
    );
    for (const b of payload) this.parts.push(b);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** `base` followed by `extra` (protobuf merges the two into one message). */
export function concatBytes(base: Uint8Array, extra: Uint8Array): Uint8Array {
  if (extra.length === 0) return base;
  const out = new Uint8Array(base.length + extra.length);
  out.set(base);
  out.set(extra, base.length);
  return out;
}

const NS_PER_SECOND = 1_000_000_000n;

/** google.protobuf.Duration {1: seconds, 2: nanos} from Go's time.Duration (nanoseconds). */
export function encodeDuration(ns: bigint): Uint8Array {
  return new FieldWriter()
    .varint(1, ns / NS_PER_SECOND)
    .varint(2, ns % NS_PER_SECOND)
    .finish();
}

/** A google.protobuf.Duration as nanoseconds (negative durations keep their sign). */
export function decodeDuration(bytes: Uint8Array): bigint {
  return signedAt(bytes, 1) * NS_PER_SECOND + signedAt(bytes, 2);
}

export const durationFromSeconds = (seconds: number): bigint => BigInt(Math.round(seconds * 1e9));
export const durationSeconds = (ns: bigint): number => Number(ns) / 1e9;
