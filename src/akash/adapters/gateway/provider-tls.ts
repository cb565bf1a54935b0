/**
 * TLS to a provider gateway, verified before any request (and its JWT) is written, the way the Akash Go client
 * (chain-sdk go/provider/client) and Console's provider proxy verify it:
 *   1. a certificate valid for the host under the system CAs, usable for serverAuth, is accepted (a provider with a
 *      CA-issued certificate);
 *   2. otherwise the provider must serve its on-chain certificate: one self-signed certificate whose CN is the
 *      provider's address, currently valid, usable for serverAuth, and identical to the certificate the provider
 *      registered on chain with that serial (owner = provider address, state valid).
 * A provider with no such certificate on chain is refused with an error that says so, unless the client was
 * created with `trustProvidersWithoutCertificate` (then its CN check alone is accepted). Nothing is sent to a
 * refused provider.
 *
 * mTLS (the legacy alternative to JWT): with a client certificate we present the owner's on-chain certificate. A
 * provider only asks for one when the SNI is not its public hostname (for that name it may serve a CA-issued
 * certificate and skip client auth), so like the reference Go client we send `mtls.<host>` as the SNI.
 */
import { X509Certificate } from "node:crypto";
import { checkServerIdentity, connect, type PeerCertificate, type TLSSocket } from "node:tls";
import { GatewayError } from "../../ports/errors";
import type { ProviderEndpoint } from "../../ports/provider-gateway";

/** Valid certificates (PEM) the provider registered on chain. */
export type CertificateLookup = (provider: string) => Promise<string[]>;

/** The owner's certificate (on chain, state valid) and its private key, both PEM. */
export interface ClientCertificate {
  certPem: string;
  keyPem: string;
}

export interface ConnectOptions {
  signal?: AbortSignal;
  timeoutMs: number;
  certificates?: CertificateLookup;
  /** Accept a self-signed certificate issued to the provider's address when the provider has none on chain. */
  trustProvidersWithoutCertificate?: boolean;
  /** Authenticate with mTLS instead of a JWT. */
  clientCertificate?: ClientCertificate;
}

const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
const ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

function usableForServerAuth(usages: string[] | undefined): boolean {
  // No extended key usage at all means any usage (as Go's x509 treats it).
  return usages === undefined || usages.includes(SERVER_AUTH) || usages.includes(ANY_EXTENDED_KEY_USAGE);
}

function serialOf(pem: string): string | undefined {
  try {
    return new X509Certificate(pem).serialNumber.toUpperCase();
  } catch {
    return undefined;
  }
}

function fingerprintOf(pem: string): string | undefined {
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch {
    return undefined;
  }
}

/** Why the self-signed `cert` is not the provider's on-chain certificate, or undefined when it is. */
export async function checkProviderCertificate(
  cert: PeerCertificate,
  provider: string,
  options: Pick<ConnectOptions, "certificates" | "trustProvidersWithoutCertificate">,
  now = new Date(),
): Promise<string | undefined> {
  if (!cert || !cert.raw) return "the server sent no certificate";
  const cn = cert.subject?.CN;
  if (cn !== provider)
    return `its certificate is issued to "${cn ?? "(no CN)"}", not to the provider ${provider}`;
  if (cert.issuer?.CN !== cn) return "its certificate is not self-signed by the provider";
  if (!cert.serialNumber) return "its certificate has no serial number";
  if (new Date(cert.valid_from) > now || new Date(cert.valid_to) < now) return "its certificate is expired";
  if (!usableForServerAuth(cert.ext_key_usage))
    return "its certificate is not usable for server authentication";
  const serial = BigInt(`0x${cert.serialNumber}`).toString(10);
  const onChain = options.certificates ? await options.certificates(provider) : [];
  if (onChain.length === 0) {
    if (options.trustProvidersWithoutCertificate) return undefined;
    return (
      "the provider has no valid certificate on chain, so its gateway certificate cannot be verified (the Akash " +
      "Go client and Console refuse such providers too). Choose another provider, or ask this one to publish its " +
      "certificate"
    );
  }
  const sameSerial = onChain.filter((pem) => serialOf(pem) === cert.serialNumber.toUpperCase());
  if (sameSerial.length === 0) {
    return `its certificate (serial ${serial}) is not among the valid certificates the provider has on chain (revoked or never published)`;
  }
  if (!sameSerial.some((pem) => fingerprintOf(pem) === cert.fingerprint256)) {
    return `its certificate differs from the one the provider registered on chain with serial ${serial}`;
  }
  return undefined;
}

/** OpenSSL's code for a received alert, e.g. ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE or ERR_SSL_TLSV1_ALERT_UNKNOWN_CA. */
export function isTlsAlert(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? "";
  return /^ERR_SSL_.*ALERT/.test(code);
}

/** A provider ended the TLS handshake with an alert while we presented a client certificate. */
export function clientCertificateRejected(provider: ProviderEndpoint, detail: string): GatewayError {
  return new GatewayError(
    "client-certificate-rejected",
    `Provider ${provider.address} (${provider.hostUri}): the provider did not accept the client certificate (it ` +
      "ended the TLS handshake with an alert). Check that the certificate is valid on chain for the deployment " +
      "owner (published by this owner's key, not revoked) and not expired; replace it (akash_certificate) if it is.",
    undefined,
    detail,
  );
}

/** Path 1: a CA-issued certificate for the host. */
function trustedByCa(socket: TLSSocket, host: string): boolean {
  const cert = socket.getPeerCertificate();
  return (
    socket.authorized &&
    checkServerIdentity(host, cert) === undefined &&
    usableForServerAuth(cert.ext_key_usage)
  );
}

export async function connectToProvider(
  endpoint: ProviderEndpoint,
  options: ConnectOptions,
): Promise<TLSSocket> {
  const url = new URL(endpoint.hostUri);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const port = Number(url.port || 443);
  const isIp = /^[\d.]+$|:/.test(host);
  const mtls = options.clientCertificate;
  const servername = isIp ? undefined : mtls ? `mtls.${host}` : host;
  const socket = connect({
    host,
    port,
    ...(servername ? { servername } : {}),
    ...(mtls ? { cert: mtls.certPem, key: mtls.keyPem } : {}),
    // Verified below, before anything is written; see the file comment.
    rejectUnauthorized: false,
    ALPNProtocols: ["http/1.1"],
  });
  const where = `${endpoint.hostUri} (provider ${endpoint.address})`;
  // An error after the handshake (with TLS 1.3 a rejected client certificate arrives as an alert once the client
  // considers the handshake done, e.g. while we check the provider's certificate on chain) is kept, so the
  // caller gets it instead of a dead socket.
  let failure: NodeJS.ErrnoException | undefined;
  socket.on("error", (error: NodeJS.ErrnoException) => {
    failure ??= error;
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new GatewayError("timeout", `Timed out connecting to the provider gateway ${where}.`)),
        options.timeoutMs,
      );
      const onAbort = () => reject(new GatewayError("aborted", `Cancelled while connecting to ${where}.`));
      options.signal?.addEventListener("abort", onAbort, { once: true });
      const done = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
      };
      socket.once("secureConnect", () => {
        done();
        resolve();
      });
      socket.once("error", (error: NodeJS.ErrnoException) => {
        done();
        if (mtls && isTlsAlert(error)) return reject(clientCertificateRejected(endpoint, error.message));
        reject(
          new GatewayError(
            "unreachable",
            `Cannot reach the provider gateway ${where}: ${error.code ?? error.message}. The provider may be down; ` +
              "try again later or choose another provider.",
            undefined,
            error.message,
          ),
        );
      });
    });
    if (!trustedByCa(socket, host)) {
      const problem = await checkProviderCertificate(socket.getPeerCertificate(), endpoint.address, options);
      if (problem) {
        throw new GatewayError(
          "untrusted-certificate",
          `Refusing to talk to ${where}: ${problem}. This can also mean the host_uri now points elsewhere or ` +
            "someone is intercepting the connection; nothing was sent.",
        );
      }
    }
    if (failure || socket.destroyed) {
      const error = failure ?? new Error("the connection closed right after the TLS handshake");
      if (mtls && isTlsAlert(error)) throw clientCertificateRejected(endpoint, error.message);
      throw new GatewayError(
        "unreachable",
        `Lost the connection to the provider gateway ${where}: ${error.message}.`,
        undefined,
        error.message,
      );
    }
    return socket;
  } catch (error) {
    socket.destroy();
    throw error;
  }
}
