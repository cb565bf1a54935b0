/**
 * The gateway's TLS listener, shaped like the provider's (gateway/utils/utils.go): TLS 1.3 only, the provider's
 * certificate, and a client certificate requested but optional. A presented certificate is checked before the
 * connection reaches HTTP, as Go's VerifyPeerCertificate does during the handshake: a rejected one ends the
 * connection with a bad_certificate alert (tls-alert.ts), so no request on it is ever read.
 */
import type { Server as HttpServer } from "node:http";
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { createSecureContext, TLSSocket } from "node:tls";
import { ALERT_BAD_CERTIFICATE, TlsRecordTap } from "./tls-alert";
import type { TlsIdentity } from "./tls-identity";

export interface GatewayListenerOptions {
  host: string;
  port: number;
  tls: TlsIdentity;
  /** Serves accepted connections. */
  http: HttpServer;
  /** Checks a presented client certificate chain (leaf first): resolves with its owner, rejects to refuse it. */
  verifyClient(chain: Buffer[]): Promise<string>;
  /** A connection whose handshake does not finish in this time is dropped. */
  handshakeTimeoutMs?: number;
}

export interface GatewayListener {
  port: number;
  /** The owner of the client certificate a connection was accepted with (none: no certificate). */
  clientOwner(socket: unknown): string | undefined;
  close(): Promise<void>;
}

/** The peer's certificate chain as DER, leaf first (empty when the client sent none). */
function peerChain(socket: TLSSocket): Buffer[] {
  const leaf = socket.getPeerCertificate(true);
  if (leaf === null || leaf === undefined || !leaf.raw) return [];
  const chain: Buffer[] = [];
  const seen = new Set<string>();
  let cert: typeof leaf | undefined = leaf;
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(cert.raw);
    cert = cert.issuerCertificate;
  }
  return chain;
}

export async function listenGateway(o: GatewayListenerOptions): Promise<GatewayListener> {
  const context = createSecureContext({ cert: o.tls.certPem, key: o.tls.keyPem, minVersion: "TLSv1.3" });
  const owners = new WeakMap<object, string>();
  const open = new Set<Socket>();

  const accept = (raw: Socket) => {
    open.add(raw);
    raw.on("close", () => open.delete(raw));
    raw.on("error", () => raw.destroy());
    raw.setNoDelay(true);
    const tap = new TlsRecordTap(raw);
    const socket = new TLSSocket(tap.transport, {
      isServer: true,
      secureContext: context,
      requestCert: true,
      rejectUnauthorized: false,
    });
    tap.attach(socket);
    socket.on("error", () => raw.destroy());
    const handshake = setTimeout(() => raw.destroy(), o.handshakeTimeoutMs ?? 15_000);
    handshake.unref();
    socket.once("secure", () => {
      clearTimeout(handshake);
      const chain = peerChain(socket);
      const admitted = chain.length === 0 ? Promise.resolve(undefined) : o.verifyClient(chain);
      admitted.then(
        (owner) => {
          if (owner !== undefined) owners.set(socket, owner);
          tap.release();
          o.http.emit("connection", socket);
        },
        () => tap.sendFatalAlert(socket, ALERT_BAD_CERTIFICATE),
      );
    });
  };

  const server: Server = createServer(accept);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    clientOwner: (socket) => (typeof socket === "object" && socket !== null ? owners.get(socket) : undefined),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const raw of open) raw.destroy();
        o.http.closeAllConnections();
      }),
  };
}
