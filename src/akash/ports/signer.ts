/**
 * The Signer port: an account that can sign, without exposing key material. Both transactions and provider JWTs
 * need the same primitive: an ECDSA secp256k1 signature over SHA-256 of some bytes.
 */
export interface Signer {
  /** Bech32 account address (akash1...). */
  readonly address: string;
  /** Compressed secp256k1 public key (33 bytes); public, safe to share. */
  readonly publicKey: Uint8Array;
  /** 64-byte r‖s signature (low-S) over SHA-256(`data`). */
  sign(data: Uint8Array): Promise<Uint8Array>;
}
