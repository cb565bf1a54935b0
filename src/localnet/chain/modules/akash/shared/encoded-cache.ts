/**
 * Query responses are assembled from per-record protobuf bytes cached by record identity. State records are
 * immutable (every change writes a new object), so a cached encoding never goes stale; this keeps list queries
 * at 1,000s of deployments in the low milliseconds, since chain-sdk's LegacyDec encoding is costly.
 */
import protobuf from "protobufjs/minimal";

const cache = new WeakMap<object, Uint8Array>();

export function encodeOnce(record: object, encode: () => Uint8Array): Uint8Array {
  let bytes = cache.get(record);
  if (!bytes) {
    bytes = encode();
    cache.set(record, bytes);
  }
  return bytes;
}

/** A message from already-encoded length-delimited fields: [field number, bytes] (undefined = absent). */
export function messageBytes(fields: readonly [number, Uint8Array | undefined][]): Uint8Array {
  const writer = protobuf.Writer.create();
  for (const [field, bytes] of fields) if (bytes !== undefined) writer.uint32((field << 3) | 2).bytes(bytes);
  return writer.finish();
}
