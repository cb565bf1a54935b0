/**
 * secp256k1 signature checks as the Cosmos SDK does them (SHA-256 of the sign bytes, 64-byte r‖s, low-S only),
 * through Node's OpenSSL: about five times faster than a pure-JS verify, which makes a 200-tx block affordable.
 */
import { createPublicKey, verify, type KeyObject } from "node:crypto";

/** DER SubjectPublicKeyInfo prefix for a 33-byte compressed secp256k1 point (id-ecPublicKey, secp256k1). */
const SPKI_PREFIX = Buffer.from("3036301006072a8648ce3d020106052b8104000a032200", "hex");
const HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

/** Parsed public keys by hex; accounts sign many txs, and parsing (point decompression) is not free. */
const keys = new Map<string, KeyObject | null>();
const KEY_CACHE_LIMIT = 10_000;

/**
 * Signatures already verified over exactly these sign bytes and key. FinalizeBlock re-runs CheckTx's check;
 * remembering the outcome halves the dominant cost of a full block without changing any result.
 */
const verified = new Set<string>();
const VERIFIED_CACHE_LIMIT = 50_000;

function publicKey(compressed: Uint8Array): KeyObject | null {
  const hex = Buffer.from(compressed).toString("hex");
  let key = keys.get(hex);
  if (key === undefined) {
    try {
      key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, compressed]), format: "der", type: "spki" });
    } catch {
      key = null; // not a point on the curve
    }
    if (keys.size >= KEY_CACHE_LIMIT) keys.clear();
    keys.set(hex, key);
  }
  return key;
}

export function verifySecp256k1(signature: Uint8Array, signBytes: Uint8Array, pubkey: Uint8Array): boolean {
  if (signature.length !== 64 || pubkey.length !== 33) return false;
  // High-S signatures are malleable copies of valid ones; the SDK rejects them.
  if (BigInt(`0x${Buffer.from(signature.subarray(32)).toString("hex")}`) > HALF_ORDER) return false;
  const cacheKey = `${Buffer.from(signature).toString("base64")}${Buffer.from(pubkey).toString("base64")}${Buffer.from(signBytes).toString("base64")}`;
  if (verified.has(cacheKey)) return true;
  const key = publicKey(pubkey);
  if (key === null) return false;
  let ok: boolean;
  try {
    ok = verify("sha256", signBytes, { key, dsaEncoding: "ieee-p1363" }, signature);
  } catch {
    ok = false;
  }
  if (ok) {
    if (verified.size >= VERIFIED_CACHE_LIMIT) verified.clear();
    verified.add(cacheKey);
  }
  return ok;
}
