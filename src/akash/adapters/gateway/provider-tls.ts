/**
 * TLS to a provider gateway, verified before any request (and its JWT) is written.
 *
 * Providers usually serve a self-signed certificate whose subject CN is their account address (the same one
 * they register in the cert module), so ordinary PKI validation fails and many clients turn verification off.
 * We accept the server when either:
 *   1. the certificate is valid for the host under the system CAs (a provider with a CA-issued certificate), or
 *   2. it is self-signed (single certificate, issuer = subject), currently valid, its CN equals the provider's
 *      on-chain address, and — when the provider has certificates on chain — it is one of them (pinned by
 *      SHA-256 fingerprint). Without on-chain certificates the CN check alone is the best available evidence.
 * Anything else is refused before the JWT leaves this process.
 *
 * mTLS (the legacy alternative to JWT): with a client certificate we present the owner's on-chain certificate. A
 * provider only asks for one when the SNI is not its public hostname (for that name it may serve a CA-issued
 * certificate and skip client auth), so like the reference Go client we send `mtls.<host>` as the SNI.
 */
import { X509Certificate } from "node:crypto";
import { connect, type PeerCertificate, type TLSSocket } from "node:tls";
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
  /** Authenticate with mTLS instead of a JWT. */
  clientCertificate?: ClientCertificate;
}

function fingerprintOfPem(pem: string): string | undefined {
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch {
    return undefined;
  }
}

/** Why `cert` is not acceptable for `provider`, or undefined when it is. */
export async function checkProviderCertificate(
  cert: PeerCertificate,
  provider: string,
  certificates: CertificateLookup | undefined,
  now = new Date(),
): Promise<string | undefined> {
  if (!cert || !cert.raw) return "the server sent no certificate";
  const cn = cert.subject?.CN;
  if (cn !== provider)
    return `its certificate is issued to "${cn ?? "(no CN)"}", not to the provider ${provider}`;
  if (cert.issuer?.CN !== cn) return "its certificate is not self-signed by the provider";
  if (new Date(cert.valid_from) > now || new Date(cert.valid_to) < now) return "its certificate is expired";
  if (certificates) {
    const pinned = (await certificates(provider)).map(fingerprintOfPem).filter((f) => f !== undefined);
    if (pinned.length > 0 && !pinned.includes(cert.fingerprint256)) {
      return "its certificate is not among the certificates the provider registered on chain";
    }
  }
  return undefined;
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
    if (!socket.authorized) {
      const problem = await checkProviderCertificate(
        socket.getPeerCertificate(),
        endpoint.address,
        options.certificates,
      );
      if (problem) {
        throw new GatewayError(
          "untrusted-certificate",
          `Refusing to talk to ${where}: ${problem}. This can mean the host_uri now points elsewhere or someone is ` +
            "intercepting the connection; nothing was sent.",
        );
      }
    }
    return socket;
  } catch (error) {
    socket.destroy();
    throw error;
  }
}
