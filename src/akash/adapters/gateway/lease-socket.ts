/**
 * A long-lived WebSocket to a provider gateway (logs/events follow, shell) over a verified TLS connection
 * (provider-tls.ts). Unlike readStream it hands the open socket to the caller; a refused upgrade rejects with
 * UpgradeRefused (the HTTP answer), socket failures with GatewayErrors.
 */
import type { IncomingMessage } from "node:http";
import WebSocket from "ws";
import { GatewayError } from "../../ports/errors";
import type { ProviderEndpoint } from "../../ports/provider-gateway";
import { connectionFailure, UpgradeRefused, type TlsSettings } from "./gateway-exchange";
import { connectToProvider } from "./provider-tls";

export interface LeaseSocketRequest {
  path: string;
  headers: Record<string, string>;
  signal?: AbortSignal;
  /** For the TLS connection and the upgrade. */
  timeoutMs: number;
}

export async function openLeaseSocket(
  provider: ProviderEndpoint,
  tls: TlsSettings,
  request: LeaseSocketRequest,
): Promise<WebSocket> {
  const socket = await connectToProvider(provider, {
    ...tls,
    signal: request.signal,
    timeoutMs: Math.min(request.timeoutMs, 15_000),
  });
  const url = `ws://${new URL(provider.hostUri).host}${request.path}`;
  const mtls = tls.clientCertificate !== undefined;
  return new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url, {
      headers: request.headers,
      createConnection: () => socket,
      handshakeTimeout: request.timeoutMs,
    });
    const onAbort = () => ws.terminate();
    request.signal?.addEventListener("abort", onAbort, { once: true });
    const settle = () => {
      request.signal?.removeEventListener("abort", onAbort);
      ws.removeAllListeners("error");
      ws.removeAllListeners("unexpected-response");
    };
    ws.once("open", () => {
      settle();
      resolve(ws);
    });
    ws.on("unexpected-response", (_req, res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        settle();
        socket.destroy();
        reject(new UpgradeRefused(res.statusCode ?? 0, Buffer.concat(chunks).toString()));
      });
    });
    ws.on("error", (error: Error) => {
      settle();
      if (request.signal?.aborted) return reject(new GatewayError("aborted", "Cancelled."));
      reject(connectionFailure(error, provider, `opening ${request.path.split("?")[0]}`, mtls));
    });
  });
}
