/**
 * One exchange with a provider gateway over a verified TLS connection (provider-tls.ts): an HTTP request, or a
 * WebSocket read until the provider closes the stream. Socket failures become GatewayErrors; a TLS alert while
 * presenting a client certificate means the provider refused the certificate in its handshake (Go's
 * VerifyPeerCertificate sends bad_certificate), which is final, not a lost connection to retry.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import WebSocket from "ws";
import { GatewayError } from "../../ports/errors";
import type { ProviderEndpoint } from "../../ports/provider-gateway";
import {
  clientCertificateRejected,
  connectToProvider,
  isTlsAlert,
  type ConnectOptions,
} from "./provider-tls";

export type TlsSettings = Omit<ConnectOptions, "signal" | "timeoutMs">;

export interface HttpResult {
  status: number;
  body: string;
}

const MAX_BODY = 4 * 1024 * 1024;

export function describeProvider(provider: ProviderEndpoint): string {
  return `Provider ${provider.address} (${provider.hostUri})`;
}

/** A socket-level failure as a GatewayError. */
export function connectionFailure(
  error: Error,
  provider: ProviderEndpoint,
  during: string,
  mtls: boolean,
): GatewayError {
  if (error instanceof GatewayError) return error;
  if (mtls && isTlsAlert(error)) return clientCertificateRejected(provider, error.message);
  return new GatewayError(
    "unreachable",
    `Lost the connection to ${describeProvider(provider)} during ${during}: ${error.message}.`,
    undefined,
    error.message,
  );
}

export interface HttpExchange {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  timeoutMs: number;
}

export async function httpExchange(
  provider: ProviderEndpoint,
  tls: TlsSettings,
  exchange: HttpExchange,
): Promise<HttpResult> {
  const { method, path, signal, timeoutMs } = exchange;
  const mtls = tls.clientCertificate !== undefined;
  const socket = await connectToProvider(provider, {
    ...tls,
    signal,
    timeoutMs: Math.min(timeoutMs, 15_000),
  });
  return new Promise<HttpResult>((resolve, reject) => {
    const headers: Record<string, string | number> = {
      host: new URL(provider.hostUri).host,
      ...exchange.headers,
      accept: "application/json",
    };
    if (exchange.body !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = Buffer.byteLength(exchange.body);
    }
    const req = httpRequest({
      method,
      path,
      headers,
      createConnection: () => socket,
      signal,
      timeout: timeoutMs,
    });
    req.on("timeout", () =>
      req.destroy(
        new GatewayError(
          "timeout",
          `${describeProvider(provider)} did not answer ${method} ${path} in time.`,
        ),
      ),
    );
    req.on("error", (error: Error) => {
      socket.destroy();
      if (signal?.aborted && !(error instanceof GatewayError))
        return reject(new GatewayError("aborted", "Cancelled."));
      reject(connectionFailure(error, provider, `${method} ${path}`, mtls));
    });
    req.on("response", (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY) res.destroy(new Error("response too large"));
        else chunks.push(chunk);
      });
      res.on("end", () => {
        socket.destroy();
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", (error) => req.destroy(error));
    });
    req.end(exchange.body);
  });
}

export interface StreamRead {
  /** Text frames received, in order. */
  frames: string[];
  /** The close code (1000 normal; 4000 no running pods, 4001 not found, 4002 unavailable; 1006 cut short). */
  code: number;
}

/** A refused upgrade: the HTTP answer the provider gave instead of a WebSocket. */
export class UpgradeRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`upgrade refused with HTTP ${status}`);
  }
}

/**
 * Opens a WebSocket stream and collects its frames until the provider closes it, or until `timeoutMs` (then it is
 * closed here and what arrived is returned). Rejects with UpgradeRefused or a GatewayError.
 */
export async function readStream(
  provider: ProviderEndpoint,
  tls: TlsSettings,
  stream: { path: string; headers: Record<string, string>; signal?: AbortSignal; timeoutMs: number },
): Promise<StreamRead> {
  const mtls = tls.clientCertificate !== undefined;
  const socket = await connectToProvider(provider, {
    ...tls,
    signal: stream.signal,
    timeoutMs: Math.min(stream.timeoutMs, 15_000),
  });
  const url = `ws://${new URL(provider.hostUri).host}${stream.path}`;
  return new Promise<StreamRead>((resolve, reject) => {
    const frames: string[] = [];
    const ws = new WebSocket(url, {
      headers: stream.headers,
      createConnection: () => socket,
      handshakeTimeout: stream.timeoutMs,
    });
    const timer = setTimeout(() => ws.close(1000), stream.timeoutMs);
    const onAbort = () => ws.terminate();
    stream.signal?.addEventListener("abort", onAbort, { once: true });
    const done = () => {
      clearTimeout(timer);
      stream.signal?.removeEventListener("abort", onAbort);
    };
    ws.on("message", (data: WebSocket.RawData) => frames.push(data.toString()));
    ws.on("unexpected-response", (_req, res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        done();
        socket.destroy();
        reject(new UpgradeRefused(res.statusCode ?? 0, Buffer.concat(chunks).toString()));
      });
    });
    ws.on("error", (error: Error) => {
      done();
      if (stream.signal?.aborted) return reject(new GatewayError("aborted", "Cancelled."));
      reject(connectionFailure(error, provider, `reading ${stream.path.split("?")[0]}`, mtls));
    });
    ws.on("close", (code: number) => {
      done();
      if (stream.signal?.aborted) return reject(new GatewayError("aborted", "Cancelled."));
      resolve({ frames, code });
    });
  });
}
