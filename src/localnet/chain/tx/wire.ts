/**
 * A minimal protobuf wire scanner for the ADR-027 checks the SDK's tx decoder makes before decoding: field order,
 * minimal varints, and unknown fields. (Decoding itself uses the generated codecs.)
 */

export interface WireField {
  fieldNumber: number;
  wireType: number;
}

const WIRE_TYPE_NAMES: Record<number, string> = { 0: "varint", 1: "fixed64", 2: "bytes", 5: "fixed32" };

export class WireFormatError extends Error {}

/** Lists the top-level fields of a message; throws WireFormatError on malformed input or non-minimal varints. */
export function scanFields(bytes: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let pos = 0;
  const readVarint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    const start = pos;
    for (;;) {
      if (pos >= bytes.length) throw new WireFormatError("unexpected EOF");
      const b = bytes[pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
      shift += 7n;
      if (shift > 63n) throw new WireFormatError("varint overflow");
    }
    // ADR-027: a varint must use the fewest bytes possible (no trailing 0x80 0x00 padding).
    if (pos - start > 1 && bytes[pos - 1] === 0)
      throw new WireFormatError("varint must be minimally encoded");
    return result;
  };
  while (pos < bytes.length) {
    const tag = readVarint();
    const fieldNumber = Number(tag >> 3n);
    const wireType = Number(tag & 7n);
    if (fieldNumber === 0) throw new WireFormatError("invalid field number 0");
    switch (wireType) {
      case 0:
        readVarint();
        break;
      case 1:
        pos += 8;
        break;
      case 2: {
        const length = Number(readVarint());
        pos += length;
        break;
      }
      case 5:
        pos += 4;
        break;
      default:
        throw new WireFormatError(`unsupported wire type ${wireType}`);
    }
    if (pos > bytes.length) throw new WireFormatError("unexpected EOF");
    fields.push({ fieldNumber, wireType });
  }
  return fields;
}

/** The SDK's unknownproto error text, e.g. `errUnknownField "*tx.TxBody": {TagNum: 20, WireType:"varint"}`. */
export function unknownFieldText(goType: string, field: WireField): string {
  return `errUnknownField "${goType}": {TagNum: ${field.fieldNumber}, WireType:"${WIRE_TYPE_NAMES[field.wireType] ?? field.wireType}"}`;
}
