/** What the gateway's request and upgrade handlers share: its options, clock, and who presented which certificate. */
import type { IncomingMessage } from "node:http";
import type { GatewayDecision } from "../faults/faults";
import { authErrors } from "./gateway-errors";
import type { LeaseKey, LeaseRuntime } from "./lease-runtime";
import type { ManifestChain } from "./manifest-submission";
import type { PubkeyLookup } from "./jwt-verifier";
import type { CertificateLookup } from "./mtls-verifier";
import type { ProviderSoftware } from "./software";
import type { TlsIdentity } from "./tls-identity";
import { mtlsClaims, type AccessClaims } from "./access-claims";
import { verifyJwt } from "./jwt-verifier";

export interface GatewayChain extends ManifestChain {
  accountPubkey: PubkeyLookup;
  validCertificate: CertificateLookup;
}

export interface GatewayOptions {
  address: string;
  host: string;
  port: number;
  tls: TlsIdentity;
  chain: GatewayChain;
  runtime: LeaseRuntime;
  /** GET /status body (without `address`). */
  status: () => Record<string, unknown>;
  /** Called after a manifest is accepted, with the leases it now runs on. */
  onManifest: (leases: LeaseKey[]) => void;
  /** Interval for `follow=true` log lines. */
  streamIntervalMs: number;
  now?: () => number;
  /** Fault injection, asked once per request. */
  fault?: () => GatewayDecision;
  /** Fault injection, asked once per opened stream: cut it (no close frame) after this many ms. */
  streamDrop?: () => number | undefined;
  /** The provider software it emulates now (manifest types, `GET /version`). */
  software: () => ProviderSoftware;
  /** The hash the provider checks a manifest against, given the chain's (hash-view.ts). */
  expectedHash(deployment: string, chainHash: Uint8Array): Uint8Array;
}

export interface GatewayContext {
  options: GatewayOptions;
  /** The provider's address. */
  provider: string;
  now: () => number;
  /** The owner of the accepted client certificate of a connection; set once the listener exists. */
  clientOwner: (socket: unknown) => string | undefined;
}

/** prepareAuthMiddleware: claims from mTLS (checked in the handshake) or JWT, or "none". */
export async function authenticate(gw: GatewayContext, req: IncomingMessage): Promise<AccessClaims> {
  const header = req.headers.authorization ?? "";
  let token = "";
  if (header !== "") {
    const parts = header.trim().split(/\s+/);
    if (parts.length !== 2 || (parts[0] as string).toLowerCase() !== "bearer")
      throw authErrors.invalidAuthHeader();
    token = parts[1] as string;
  }
  const owner = gw.clientOwner(req.socket);
  if (owner !== undefined && token !== "") throw authErrors.ambiguous();
  if (owner !== undefined) return mtlsClaims(owner, gw.now());
  if (token !== "") return verifyJwt(token, gw.options.chain.accountPubkey, gw.now());
  return { iss: "", version: "", leases: { access: "none", scope: null, permissions: null } };
}

/** Injected faults: waits out the latency; false when the request must not be served (answered or left hanging). */
export async function admit(
  gw: GatewayContext,
  answer: (status: number, text: string) => void,
): Promise<boolean> {
  const fault = gw.options.fault?.();
  if (fault === undefined) return true;
  // Unref'd: a delayed request must not keep a stopped localnet's process alive.
  if (fault.latencyMs > 0) await new Promise((r) => setTimeout(r, fault.latencyMs).unref());
  // A timeout: the request is never answered; close() drops the connection.
  if (fault.timeout) return false;
  if (fault.failure === undefined) return true;
  answer(fault.failure.status, fault.failure.message);
  return false;
}
