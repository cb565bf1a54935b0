/**
 * Minimal protobuf wire format (proto3): enough for the tfplugin6 and go-plugin messages, with no runtime schema
 * loading so the provider starts fast. Field numbers live next to each message in tfplugin6.ts.
 */
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

export enum WireType {
  Varint = 0,
  Fixed64 = 1,
  LengthDelimited = 2,
  Fixed32 = 5,
}

export class ProtoWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  private rawVarint(n: number | bigint): void {
    let v = typeof n === "bigint" ? BigInt.asUintN(64, n) : n;
    if (typeof v === "number" && (v < 0 || v > Number.MAX_SAFE_INTEGER))
      v = BigInt.asUintN(64, BigInt(Math.trunc(v)));
    this.ensure(10);
    if (typeof v === "number") {
      while (v > 0x7f) {
        this.buf[this.len++] = (v % 128) | 0x80;
        v = Math.floor(v / 128);
      }
      this.buf[this.len++] = v;
    } else {
      while (v > 0x7fn) {
        this.buf[this.len++] = Number(v & 0x7fn) | 0x80;
        v >>= 7n;
      }
      this.buf[this.len++] = Number(v);
    }
  }

  private tag(field: number, wire: WireType): void {
    this.rawVarint(field * 8 + wire);
  }

  /** int32/int64/uint/enum; zero is omitted (proto3 default). */
  varint(field: number, n: number | bigint): this {
    if (n === 0 || n === 0n) return this;
    this.tag(field, WireType.Varint);
    this.rawVarint(n);
    return this;
  }

  /** A varint even when zero (oneof members must show presence). */
  varintAlways(field: number, n: number | bigint): this {
    this.tag(field, WireType.Varint);
    this.rawVarint(n);
    return this;
  }

  bool(field: number, b: boolean | undefined): this {
    if (b) this.varint(field, 1);
    return this;
  }

  bytes(field: number, data: Uint8Array | undefined): this {
    if (!data || data.length === 0) return this;
    return this.bytesAlways(field, data);
  }

  /** Length-delimited field even when empty (an empty sub-message is still "present"). */
  bytesAlways(field: number, data: Uint8Array): this {
    this.tag(field, WireType.LengthDelimited);
    this.rawVarint(data.length);
    this.ensure(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
    return this;
  }

  string(field: number, s: string | undefined): this {
    if (!s) return this;
    return this.bytesAlways(field, utf8Encoder.encode(s));
  }

  /** A sub-message; written even when empty so presence is kept. */
  message(field: number, encoded: Uint8Array | undefined): this {
    if (encoded === undefined) return this;
    return this.bytesAlways(field, encoded);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

export interface ProtoField {
  field: number;
  wire: WireType;
}

export class ProtoReader {
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  private byte(): number {
    if (this.pos >= this.buf.length) throw new RangeError("protobuf: truncated message");
    return this.buf[this.pos++]!;
  }

  /** Varints as numbers (exact up to 2^53; our fields are small). Negative int64s come back negative. */
  varint(): number {
    let result = 0;
    let multiplier = 1;
    const start = this.pos;
    for (let i = 0; i < 7; i++) {
      const b = this.byte();
      result += (b & 0x7f) * multiplier;
      if (b < 0x80) return result;
      multiplier *= 128;
    }
    this.pos = start;
    return Number(BigInt.asIntN(64, this.bigVarint()));
  }

  private bigVarint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return result;
    }
    throw new RangeError("protobuf: varint too long");
  }

  next(): ProtoField | undefined {
    if (this.done) return undefined;
    const key = this.varint();
    const field = Math.floor(key / 8);
    // Field number 0 is reserved: protobuf parsers refuse it, so a message carrying it is malformed.
    if (field === 0) throw new RangeError("protobuf: field number 0 is invalid");
    return { field, wire: (key & 7) as WireType };
  }

  bytes(): Uint8Array {
    const n = this.varint();
    if (this.pos + n > this.buf.length) throw new RangeError("protobuf: truncated field");
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  string(): string {
    return utf8Decoder.decode(this.bytes());
  }

  bool(): boolean {
    return this.varint() !== 0;
  }

  skip(wire: WireType): void {
    switch (wire) {
      case WireType.Varint:
        this.varint();
        return;
      case WireType.Fixed64:
        this.pos += 8;
        return;
      case WireType.LengthDelimited:
        this.bytes();
        return;
      case WireType.Fixed32:
        this.pos += 4;
        return;
      default:
        throw new RangeError(`protobuf: unsupported wire type ${String(wire)}`);
    }
  }
}

/** All fields of a message: varints as numbers, length-delimited as bytes (repeated fields keep their order). */
export class ProtoFields {
  private readonly map = new Map<number, (number | Uint8Array)[]>();

  constructor(buf: Uint8Array) {
    const r = new ProtoReader(buf);
    for (let f = r.next(); f; f = r.next()) {
      let v: number | Uint8Array | undefined;
      if (f.wire === WireType.Varint) v = r.varint();
      else if (f.wire === WireType.LengthDelimited) v = r.bytes();
      else r.skip(f.wire);
      if (v === undefined) continue;
      const list = this.map.get(f.field);
      if (list) list.push(v);
      else this.map.set(f.field, [v]);
    }
  }

  private last(field: number): number | Uint8Array | undefined {
    const list = this.map.get(field);
    return list?.[list.length - 1];
  }

  number(field: number): number {
    const v = this.last(field);
    return typeof v === "number" ? v : 0;
  }

  bool(field: number): boolean {
    return this.number(field) !== 0;
  }

  bytes(field: number): Uint8Array | undefined {
    const v = this.last(field);
    return v instanceof Uint8Array ? v : undefined;
  }

  string(field: number): string {
    const v = this.bytes(field);
    return v ? utf8Decoder.decode(v) : "";
  }

  /** A sub-message, or undefined when absent. */
  message(field: number): ProtoFields | undefined {
    const v = this.bytes(field);
    return v ? new ProtoFields(v) : undefined;
  }

  repeatedBytes(field: number): Uint8Array[] {
    return (this.map.get(field) ?? []).filter((v): v is Uint8Array => v instanceof Uint8Array);
  }
}
