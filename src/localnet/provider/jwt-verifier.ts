/**
 * JWT verification as the provider gateway does it (golang-jwt v5 + chain-sdk's ES256K / ES256KADR36 methods):
 * parse, resolve the issuer's account public key on chain, verify the secp256k1 signature, then check exp/nbf
 * (zero leeway) and the Akash claim schema. Failures map to the gateway's status codes: 401 "JWT is invalid" for
 * anything before the claims, 400 "JWT has invalid claims" for claim checks (expiry included, as jwt v5 wraps it).
 */
import { serializeSignDoc } from "@cosmjs/amino";
import { fromBech32, toBase64 } from "@cosmjs/encoding";
import { secp256k1 } from "@noble/curves/secp256k1";
import { sha256 } from "@noble/hashes/sha256";
import { validateClaims, ClaimsValidationError, type AccessClaims, type Permission } from "./access-claims";
import { authErrors, GatewayError } from "./gateway-errors";

/** Looks up an account's compressed secp256k1 public key on chain (undefined: unknown account or no pubkey). */
export type PubkeyLookup = (address: string) => Promise<Uint8Array | undefined>;

const ALGORITHMS = ["ES256K", "ES256KADR36"];

class Malformed extends Error {}

function decodeSegment(segment: string): Uint8Array {
  // jwt v5 decodes segments as unpadded base64url and refuses anything else.
  if (!/^[A-Za-z0-9_-]*$/.test(segment)) throw new Malformed("illegal base64 data");
  return new Uint8Array(Buffer.from(segment, "base64url"));
}

function parseJsonSegment(segment: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(Buffer.from(decodeSegment(segment)).toString("utf8"));
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new Malformed("not an object");
  return parsed as Record<string, unknown>;
}

function isBech32Account(address: string): boolean {
  try {
    return fromBech32(address).prefix === "akash";
  } catch {
    return false;
  }
}

/** jwt.NumericDate: a JSON number (or numeric string, via json.Number), in seconds. */
function numericDate(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)))
    return Number(value);
  throw new Malformed("invalid numeric date");
}

function str(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") throw new Malformed("expected a string");
  return value;
}

function strList(value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw new Malformed("expected an array");
  return value.map(str);
}

function uint(value: unknown, max: number): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max) {
    throw new Malformed("expected an unsigned integer");
  }
  return value;
}

function object(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw new Malformed("expected an object");
  return value as Record<string, unknown>;
}

/** Decode the payload into the Go Claims struct; type errors make the token malformed (401), like Go's decoder. */
function decodeClaims(payload: Record<string, unknown>): AccessClaims {
  const leases = object(payload.leases);
  const permissions =
    leases.permissions === undefined || leases.permissions === null
      ? null
      : (() => {
          if (!Array.isArray(leases.permissions)) throw new Malformed("expected an array");
          return leases.permissions.map((raw): Permission => {
            const p = object(raw);
            const provider = str(p.provider);
            // sdk.AccAddress.UnmarshalJSON accepts "" but rejects any other non-account string.
            if (provider !== "" && !isBech32Account(provider))
              throw new Malformed("invalid provider address");
            const deployments =
              p.deployments === undefined || p.deployments === null
                ? null
                : (() => {
                    if (!Array.isArray(p.deployments)) throw new Malformed("expected an array");
                    return p.deployments.map((d) => {
                      const dep = object(d);
                      return {
                        scope: strList(dep.scope) ?? [],
                        dseq: uint(dep.dseq, Number.MAX_SAFE_INTEGER),
                        gseq: uint(dep.gseq, 0xffffffff),
                        oseq: uint(dep.oseq, 0xffffffff),
                        services: strList(dep.services) ?? [],
                      };
                    });
                  })();
            return { provider, access: str(p.access), scope: strList(p.scope), deployments };
          });
        })();
  return {
    iss: str(payload.iss),
    iat: numericDate(payload.iat),
    nbf: numericDate(payload.nbf),
    exp: numericDate(payload.exp),
    version: str(payload.version),
    leases: { access: str(leases.access), scope: strList(leases.scope), permissions },
  };
}

/** The bytes ES256KADR36 signs: an ADR-36 amino sign doc wrapping base64(header.payload), signed by the issuer. */
export function adr36SignBytes(signingString: string, signer: string): Uint8Array {
  return serializeSignDoc({
    chain_id: "",
    account_number: "0",
    sequence: "0",
    fee: { gas: "0", amount: [] },
    msgs: [
      { type: "sign/MsgSignData", value: { signer, data: toBase64(Buffer.from(signingString, "utf8")) } },
    ],
    memo: "",
  });
}

function verifySignature(
  alg: string,
  signingString: string,
  signature: Uint8Array,
  pubkey: Uint8Array,
  iss: string,
) {
  const message = alg === "ES256K" ? Buffer.from(signingString, "utf8") : adr36SignBytes(signingString, iss);
  // Cosmos secp256k1 accepts only 64-byte r||s signatures in low-S form.
  if (signature.length !== 64) return false;
  try {
    return secp256k1.verify(signature, sha256(message), pubkey, { lowS: true });
  } catch {
    return false;
  }
}

/** Whether the token's signature verifies with `pubkey` (ES256K, or ES256KADR36 signed by `signer`). */
export function tokenSignatureValid(token: string, pubkey: Uint8Array, signer: string): boolean {
  const [headerPart, payloadPart, signaturePart] = token.split(".");
  if (headerPart === undefined || payloadPart === undefined || signaturePart === undefined) return false;
  try {
    const alg = parseJsonSegment(headerPart).alg;
    if (typeof alg !== "string" || !ALGORITHMS.includes(alg)) return false;
    return verifySignature(alg, `${headerPart}.${payloadPart}`, decodeSegment(signaturePart), pubkey, signer);
  } catch {
    return false;
  }
}

/**
 * Verify a bearer token and return its claims. Throws GatewayError with the provider's status and message.
 */
export async function verifyJwt(
  token: string,
  lookupPubkey: PubkeyLookup,
  nowMs: number,
): Promise<AccessClaims> {
  const parts = token.split(".");
  if (parts.length !== 3) throw authErrors.jwtInvalid();
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  let claims: AccessClaims;
  let alg: unknown;
  try {
    alg = parseJsonSegment(headerPart).alg;
    claims = decodeClaims(parseJsonSegment(payloadPart));
  } catch {
    throw authErrors.jwtInvalid();
  }
  if (typeof alg !== "string" || !ALGORITHMS.includes(alg)) throw authErrors.jwtInvalid();
  if (!isBech32Account(claims.iss)) throw authErrors.jwtInvalid();
  let pubkey: Uint8Array | undefined;
  try {
    pubkey = await lookupPubkey(claims.iss);
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    throw authErrors.jwtInvalid();
  }
  if (pubkey === undefined) throw authErrors.jwtInvalid();
  let signature: Uint8Array;
  try {
    signature = decodeSegment(signaturePart);
  } catch {
    throw authErrors.jwtInvalid();
  }
  if (!verifySignature(alg, `${headerPart}.${payloadPart}`, signature, pubkey, claims.iss)) {
    throw authErrors.jwtInvalid();
  }
  const now = nowMs / 1000;
  if (claims.exp !== undefined && !(now < claims.exp)) throw authErrors.invalidClaims();
  if (claims.nbf !== undefined && now < claims.nbf) throw authErrors.invalidClaims();
  try {
    validateClaims(claims);
  } catch (error) {
    if (error instanceof ClaimsValidationError) throw authErrors.invalidClaims();
    throw error;
  }
  return claims;
}
