/**
 * A minimal protobuf wire reader/writer (bigint varints) for the chain v2.1 fields that the pinned chain-sdk
 * (1.0.0-alpha.25) cannot encode or decode; see v21-fields.ts. chain-sdk's decoders skip unknown fields and
 * protobuf merges concatenated encodings, so the fields are read from, and appended to, chain-sdk's own bytes.
 */

const TWO_64 = 1n << 64n;

export interface WireField {
  field: number;
  varint?: bigint;
  bytes?: Uint8Array;
}

export function readFields(bytes: Uint8Array): WireField[] {
  const out: WireField[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (pos >= bytes.length || shift > 63n) throw new Error("malformed protobuf varint");
      const b = bytes[pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
    }
  };
  while (pos < bytes.length) {
    const tag = varint();
    const field = Number(tag >> 3n);
    const wireType = Number(tag & 7n);
    if (wireType === 0) out.push({ field, varint: varint() });
    else if (wireType === 2) {
      const length = Number(varint());
      const end = pos + length;
      if (end > bytes.length) throw new Error("truncated protobuf field");
      out.push({ field, bytes: bytes.subarray(pos, end) });
      pos = end;
    } else if (wireType === 1) pos += 8;
    else if (wireType === 5) pos += 4;
    else throw new Error(`unsupported protobuf wire type ${wireType}`);
  }
  return out;
}

/** Payloads of every length-delimited occurrence of `field`, in order. */
export const messagesAt = (bytes: Uint8Array, field: number): Uint8Array[] =>
  readFields(bytes).flatMap((f) => (f.field === field && f.bytes ? [f.bytes] : []));

export const messageAt = (bytes: Uint8Array, field: number): Uint8Array | undefined =>
  messagesAt(bytes, field).at(-1);

/** A varint field as a signed 64-bit integer (int64/int32/enum), 0 when absent. */
export function signedAt(bytes: Uint8Array, field: number): bigint {
  const value =
    readFields(bytes)
      .filter((f) => f.field === field && f.varint !== undefined)
      .at(-1)?.varint ?? 0n;
  return value >= 1n << 63n ? value - TWO_64 : value;
}

export const stringAt = (bytes: Uint8Array, field: number): string =>
  new TextDecoder().decode(messageAt(bytes, field) ?? new Uint8Array());

function varintBytes(value: bigint): number[] {
  let v = value < 0n ? value + TWO_64 : value;
  const out: number[] = [];
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v === 0n ? low : low | 0x80);
  } while (v !== 0n);
  return out;
}

export class FieldWriter {
  private readonly parts: number[] = [];

  /** Proto3 leaves zero scalars out. */
  varint(field: number, value: bigint | number): this {
    const v = BigInt(value);
    if (v !== 0n) this.parts.push(...varintBytes(BigInt(field << 3)), ...varintBytes(v));
    return this;
  }

  /** `always`: written even when empty (gogoproto non-nullable messages). */
  bytes(field: number, payload: Uint8Array, always = false): this {
    if (payload.length === 0 && !always) return this;
    this.parts.push(
      ...varintBytes(BigInt((field << 3) | 2)),
      ...varintBytes(BigInt(payload.length)),
      ...payload,
    );
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export function concat(base: Uint8Array, extra: Uint8Array): Uint8Array {
  const out = new Uint8Array(base.length + extra.length);
  out.set(base);
  out.set(extra, base.length);
  return out;
}

const NS = 1_000_000_000n;

/** google.protobuf.Duration from (fractional) seconds. */
export function encodeDuration(seconds: number): Uint8Array {
  const ns = BigInt(Math.round(seconds * 1e9));
  return new FieldWriter()
    .varint(1, ns / NS)
    .varint(2, ns % NS)
    .finish();
}

export function decodeDuration(bytes: Uint8Array): number {
  return Number(signedAt(bytes, 1) * NS + signedAt(bytes, 2)) / 1e9;
}
