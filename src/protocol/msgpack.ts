/**
 * The subset of MessagePack terraform uses for values, written out so numbers stay exact (64-bit integers as
 * bigint) and extension values (terraform's "unknown") survive untouched.
 */
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8", { fatal: false });

export class MsgExt {
  constructor(
    readonly type: number,
    readonly data: Uint8Array,
  ) {}
}

export class MsgMap {
  constructor(readonly entries: [MsgNode, MsgNode][]) {}
}

/** A decoded msgpack item; `Uint8Array` is the bin family. */
export type MsgNode = null | boolean | number | bigint | string | Uint8Array | MsgNode[] | MsgMap | MsgExt;

export class MsgpackWriter {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  private len = 0;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  private u8(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  private u16(n: number): void {
    this.ensure(2);
    this.view.setUint16(this.len, n);
    this.len += 2;
  }

  private u32(n: number): void {
    this.ensure(4);
    this.view.setUint32(this.len, n);
    this.len += 4;
  }

  private raw(data: Uint8Array): void {
    this.ensure(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
  }

  nil(): void {
    this.u8(0xc0);
  }

  bool(b: boolean): void {
    this.u8(b ? 0xc3 : 0xc2);
  }

  private typed(code: number, bytes: 1 | 2 | 4, n: number): void {
    this.u8(code);
    if (bytes === 1) this.u8(n);
    else if (bytes === 2) this.u16(n);
    else this.u32(n);
  }

  /** Any integer in int64/uint64 range, in its smallest form. */
  int(n: number | bigint): void {
    if (typeof n === "number" && Number.isSafeInteger(n)) {
      if (n >= 0 && n < 0x80) return this.u8(n);
      if (n < 0 && n >= -32) return this.u8(n & 0xff);
      if (n >= 0 && n <= 0xff) return this.typed(0xcc, 1, n);
      if (n >= 0 && n <= 0xffff) return this.typed(0xcd, 2, n);
      if (n >= 0 && n <= 0xffffffff) return this.typed(0xce, 4, n);
      if (n < 0 && n >= -0x80) return this.typed(0xd0, 1, n & 0xff);
      if (n < 0 && n >= -0x8000) return this.typed(0xd1, 2, n & 0xffff);
      if (n < 0 && n >= -0x80000000) return this.typed(0xd2, 4, n >>> 0);
    }
    const big = BigInt(n);
    this.ensure(9);
    if (big >= 0n) {
      this.buf[this.len++] = 0xcf;
      this.view.setBigUint64(this.len, big);
    } else {
      this.buf[this.len++] = 0xd3;
      this.view.setBigInt64(this.len, big);
    }
    this.len += 8;
  }

  float64(n: number): void {
    this.ensure(9);
    this.buf[this.len++] = 0xcb;
    this.view.setFloat64(this.len, n);
    this.len += 8;
  }

  /** A size-prefixed header: the fix form when it fits, else the 8/16/32-bit form. */
  private sized(
    n: number,
    fix: number | undefined,
    fixMax: number,
    codes: [number | undefined, number, number],
  ): void {
    if (fix !== undefined && n <= fixMax) return this.u8(fix | n);
    const [c8, c16, c32] = codes;
    if (c8 !== undefined && n <= 0xff) {
      this.u8(c8);
      this.u8(n);
    } else if (n <= 0xffff) {
      this.u8(c16);
      this.u16(n);
    } else {
      this.u8(c32);
      this.u32(n);
    }
  }

  str(s: string): void {
    const data = utf8Encoder.encode(s);
    this.sized(data.length, 0xa0, 31, [0xd9, 0xda, 0xdb]);
    this.raw(data);
  }

  bin(data: Uint8Array): void {
    this.sized(data.length, undefined, 0, [0xc4, 0xc5, 0xc6]);
    this.raw(data);
  }

  arrayHeader(n: number): void {
    this.sized(n, 0x90, 15, [undefined, 0xdc, 0xdd]);
  }

  mapHeader(n: number): void {
    this.sized(n, 0x80, 15, [undefined, 0xde, 0xdf]);
  }

  ext(type: number, data: Uint8Array): void {
    const fixed: Record<number, number> = { 1: 0xd4, 2: 0xd5, 4: 0xd6, 8: 0xd7, 16: 0xd8 };
    const code = fixed[data.length];
    if (code !== undefined) this.u8(code);
    else this.sized(data.length, undefined, 0, [0xc7, 0xc8, 0xc9]);
    this.u8(type & 0xff);
    this.raw(data);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

export class MsgpackReader {
  private pos = 0;
  private readonly view: DataView;

  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new RangeError("msgpack: truncated value");
  }

  private u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }

  private u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.pos);
    this.pos += 2;
    return v;
  }

  private u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos);
    this.pos += 4;
    return v;
  }

  private take(n: number): Uint8Array {
    this.need(n);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  private int64(signed: boolean): number | bigint {
    this.need(8);
    const v = signed ? this.view.getBigInt64(this.pos) : this.view.getBigUint64(this.pos);
    this.pos += 8;
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  }

  private array(n: number): MsgNode[] {
    const out: MsgNode[] = [];
    for (let i = 0; i < n; i++) out.push(this.read());
    return out;
  }

  private map(n: number): MsgMap {
    const entries: [MsgNode, MsgNode][] = [];
    for (let i = 0; i < n; i++) entries.push([this.read(), this.read()]);
    return new MsgMap(entries);
  }

  private ext(n: number): MsgExt {
    const type = (this.u8() << 24) >> 24; // signed int8
    return new MsgExt(type, this.take(n));
  }

  read(): MsgNode {
    const b = this.u8();
    if (b < 0x80) return b;
    if (b >= 0xe0) return b - 0x100;
    if ((b & 0xf0) === 0x80) return this.map(b & 0x0f);
    if ((b & 0xf0) === 0x90) return this.array(b & 0x0f);
    if ((b & 0xe0) === 0xa0) return utf8Decoder.decode(this.take(b & 0x1f));
    if (b >= 0xd4) return this.readSized(b);
    switch (b) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xc4:
        return this.take(this.u8()).slice();
      case 0xc5:
        return this.take(this.u16()).slice();
      case 0xc6:
        return this.take(this.u32()).slice();
      case 0xc7:
        return this.ext(this.u8());
      case 0xc8:
        return this.ext(this.u16());
      case 0xc9:
        return this.ext(this.u32());
      case 0xca:
        return this.float(4);
      case 0xcb:
        return this.float(8);
      case 0xcc:
        return this.u8();
      case 0xcd:
        return this.u16();
      case 0xce:
        return this.u32();
      case 0xcf:
        return this.int64(false);
      case 0xd0:
        return (this.u8() << 24) >> 24;
      case 0xd1:
        return (this.u16() << 16) >> 16;
      case 0xd2:
        return this.u32() | 0;
      case 0xd3:
        return this.int64(true);
      default:
        throw unsupported(b);
    }
  }

  /** Type bytes 0xd4-0xdf: fixext, and strings, arrays and maps with a 8/16/32-bit length. */
  private readSized(b: number): MsgNode {
    switch (b) {
      case 0xd4:
        return this.ext(1);
      case 0xd5:
        return this.ext(2);
      case 0xd6:
        return this.ext(4);
      case 0xd7:
        return this.ext(8);
      case 0xd8:
        return this.ext(16);
      case 0xd9:
        return utf8Decoder.decode(this.take(this.u8()));
      case 0xda:
        return utf8Decoder.decode(this.take(this.u16()));
      case 0xdb:
        return utf8Decoder.decode(this.take(this.u32()));
      case 0xdc:
        return this.array(this.u16());
      case 0xdd:
        return this.array(this.u32());
      case 0xde:
        return this.map(this.u16());
      case 0xdf:
        return this.map(this.u32());
      default:
        throw unsupported(b);
    }
  }

  private float(bytes: 4 | 8): number {
    this.need(bytes);
    const v = bytes === 4 ? this.view.getFloat32(this.pos) : this.view.getFloat64(this.pos);
    this.pos += bytes;
    return v;
  }
}

function unsupported(typeByte: number): RangeError {
  return new RangeError(`msgpack: unsupported type byte 0x${typeByte.toString(16)}`);
}

export function decodeMsgpack(data: Uint8Array): MsgNode {
  const reader = new MsgpackReader(data);
  const node = reader.read();
  if (!reader.done) throw new RangeError("msgpack: trailing bytes after value");
  return node;
}
