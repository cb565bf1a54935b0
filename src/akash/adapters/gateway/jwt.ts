/**
 * Provider gateway JWTs (AEP-64), algorithm ES256K: a secp256k1 signature by the deployment owner's account key
 * over SHA-256 of the ASCII `header.payload`. The provider verifies it against the issuer's on-chain public key.
 *
 * Tokens are deliberately narrow: valid for a few minutes, and scoped to one provider and only the permissions the
 * call needs ("granular" access with a "scoped" permission for that provider), so a leaked token is of little use.
 */
import type { Signer } from "../../ports/signer";

export type GatewayScope =
  | "send-manifest"
  | "get-manifest"
  | "logs"
  | "shell"
  | "events"
  | "status"
  | "restart"
  | "hostname-migrate"
  | "ip-migrate"
  | "attestation";

export interface GatewayJwtOptions {
  /** The provider the token is for. */
  provider: string;
  scopes: GatewayScope[];
  /** Lifetime in seconds (default 300). */
  ttlSeconds?: number;
  /** Clock (ms); tests pin it. */
  nowMs?: number;
}

/** Seconds subtracted from `nbf`: the provider checks it with zero leeway, and clocks drift. */
const CLOCK_SKEW_SECONDS = 60;

function base64url(data: Uint8Array | string): string {
  return Buffer.from(data).toString("base64url");
}

export async function createGatewayJwt(signer: Signer, options: GatewayJwtOptions): Promise<string> {
  const now = Math.floor((options.nowMs ?? Date.now()) / 1000);
  const header = { alg: "ES256K", typ: "JWT" };
  const claims = {
    iss: signer.address,
    iat: now,
    nbf: now - CLOCK_SKEW_SECONDS,
    exp: now + (options.ttlSeconds ?? 300),
    version: "v1",
    leases: {
      access: "granular",
      permissions: [{ provider: options.provider, access: "scoped", scope: options.scopes }],
    },
  };
  return signJwt(signer, `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`);
}

/** An ES256K token from its signing input (`base64url(header).base64url(claims)`): the signature appended. */
export async function signJwt(signer: Signer, signingInput: string): Promise<string> {
  const signature = await signer.sign(new TextEncoder().encode(signingInput));
  return `${signingInput}.${base64url(signature)}`;
}
