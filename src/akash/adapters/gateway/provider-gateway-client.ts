/**
 * ProviderGateway over the provider's REST gateway (HTTPS + JWT). Every request opens a verified TLS connection
 * (provider-tls.ts) and carries a short-lived ES256K token scoped to that provider and the one permission needed.
 * With `clientCertificate` it authenticates with mTLS instead and sends no token (a provider refuses both at once).
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import WebSocket from "ws";
import type { LeaseId } from "../../ports/chain";
import { GatewayError } from "../../ports/errors";
import type {
  GatewayCallOptions,
  LeaseStatus,
  LogLine,
  ProviderEndpoint,
  ProviderGateway,
} from "../../ports/provider-gateway";
import type { Signer } from "../../ports/signer";
import { sleep } from "../../ports/sleep";
import { translateGatewayResponse } from "./gateway-errors";
import { createGatewayJwt, type GatewayScope } from "./jwt";
import { parseLeaseStatus } from "./lease-status";
import { connectToProvider, type CertificateLookup, type ClientCertificate } from "./provider-tls";

export interface ProviderGatewayClientOptions {
  /** The deployment owner's key (JWT issuer). */
  signer: Signer;
  /** Authenticate with this on-chain certificate of the owner (mTLS) instead of JWTs. */
  clientCertificate?: ClientCertificate;
  /** The provider's on-chain certificates, to pin the gateway's self-signed certificate. */
  certificates?: CertificateLookup;
  /** Per-request timeout (ms); default 30000. The manifest PUT gets at least 150000 (providers wait ≤120 s). */
  requestTimeoutMs?: number;
  /** Pause between retries while the provider has not seen the lease yet (ms); default 3000. */
  retryIntervalMs?: number;
  /** Default budget for sendManifest retries (ms); default 180000 (providers drop a lease after 5 min). */
  manifestTimeoutMs?: number;
}

interface HttpResult {
  status: number;
  body: string;
}

const MAX_BODY = 4 * 1024 * 1024;

/** The pause between retries; cancelling it fails like a cancelled request. */
async function pauseBeforeRetry(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await sleep(ms, signal);
  } catch {
    throw new GatewayError("aborted", "Cancelled.");
  }
}

function describe(provider: ProviderEndpoint): string {
  return `Provider ${provider.address} (${provider.hostUri})`;
}

export class ProviderGatewayClient implements ProviderGateway {
  private readonly requestTimeoutMs: number;
  private readonly retryIntervalMs: number;
  private readonly manifestTimeoutMs: number;

  constructor(private readonly options: ProviderGatewayClientOptions) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.retryIntervalMs = options.retryIntervalMs ?? 3_000;
    this.manifestTimeoutMs = options.manifestTimeoutMs ?? 180_000;
  }

  /** The JWT header, or nothing under mTLS (the client certificate is the credential). */
  private async authorization(
    provider: ProviderEndpoint,
    scope: GatewayScope,
  ): Promise<Record<string, string>> {
    if (this.options.clientCertificate) return {};
    const token = await createGatewayJwt(this.options.signer, {
      provider: provider.address,
      scopes: [scope],
    });
    return { authorization: `Bearer ${token}` };
  }

  private async send(
    provider: ProviderEndpoint,
    method: string,
    path: string,
    scope: GatewayScope,
    options: { body?: string; signal?: AbortSignal; timeoutMs: number },
  ): Promise<HttpResult> {
    const socket = await connectToProvider(provider, {
      signal: options.signal,
      timeoutMs: Math.min(options.timeoutMs, 15_000),
      certificates: this.options.certificates,
      clientCertificate: this.options.clientCertificate,
    });
    const authorization = await this.authorization(provider, scope);
    const url = new URL(provider.hostUri);
    return new Promise<HttpResult>((resolve, reject) => {
      const headers: Record<string, string | number> = {
        host: url.host,
        ...authorization,
        accept: "application/json",
      };
      if (options.body !== undefined) {
        headers["content-type"] = "application/json";
        headers["content-length"] = Buffer.byteLength(options.body);
      }
      const req = httpRequest({
        method,
        path,
        headers,
        createConnection: () => socket,
        signal: options.signal,
        timeout: options.timeoutMs,
      });
      req.on("timeout", () =>
        req.destroy(
          new GatewayError("timeout", `${describe(provider)} did not answer ${method} ${path} in time.`),
        ),
      );
      req.on("error", (error: Error) => {
        socket.destroy();
        if (error instanceof GatewayError) return reject(error);
        if (options.signal?.aborted) return reject(new GatewayError("aborted", "Cancelled."));
        if (this.options.clientCertificate && /socket hang up|ECONNRESET/.test(error.message)) {
          // Providers verify client certificates after the handshake and drop the connection on failure.
          return reject(
            new GatewayError(
              "unauthorized",
              `${describe(provider)} dropped the connection during ${method} ${path}: it did not accept the client ` +
                "certificate (mTLS). Check that the certificate is on chain, not revoked and not expired, and " +
                "that it belongs to the deployment owner.",
              undefined,
              error.message,
            ),
          );
        }
        reject(
          new GatewayError(
            "unreachable",
            `Lost the connection to ${describe(provider)} during ${method} ${path}: ${error.message}.`,
            undefined,
            error.message,
          ),
        );
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
      req.end(options.body);
    });
  }

  async sendManifest(
    provider: ProviderEndpoint,
    dseq: bigint,
    manifestJson: string,
    options: GatewayCallOptions = {},
  ): Promise<void> {
    const budget = options.timeoutMs ?? this.manifestTimeoutMs;
    const deadline = Date.now() + budget;
    const what = `sending the manifest of deployment ${dseq}`;
    for (let attempt = 1; ; attempt++) {
      let retryable: GatewayError;
      try {
        const res = await this.send(provider, "PUT", `/deployment/${dseq}/manifest`, "send-manifest", {
          body: manifestJson,
          signal: options.signal,
          timeoutMs: Math.max(this.requestTimeoutMs, 150_000),
        });
        if (res.status >= 200 && res.status < 300) return;
        const error = translateGatewayResponse(res.status, res.body, what, describe(provider));
        // 404: the provider has not processed the lease event yet. 502-504: a proxy or restart in front of it.
        if (res.status !== 404 && !(res.status >= 502 && res.status <= 504)) throw error;
        retryable = error;
      } catch (error) {
        if (!(error instanceof GatewayError) || !["unreachable", "timeout"].includes(error.code)) throw error;
        retryable = error;
      }
      if (Date.now() + this.retryIntervalMs > deadline) {
        const seconds = Math.round(budget / 1000);
        throw new GatewayError(
          retryable.code,
          retryable.code === "not-found"
            ? `${describe(provider)} still has no lease for deployment ${dseq} after ${attempt} attempts over ` +
                `${seconds}s. The lease may have been closed, or the provider is not watching the chain; check the ` +
                "lease state and try again, or choose another provider."
            : `${retryable.message} (gave up after ${attempt} attempts over ${seconds}s)`,
          retryable.status,
          retryable.detail,
        );
      }
      await pauseBeforeRetry(this.retryIntervalMs, options.signal);
    }
  }

  async leaseManifest(
    provider: ProviderEndpoint,
    lease: LeaseId,
    options: GatewayCallOptions = {},
  ): Promise<string> {
    const what = `the manifest of lease ${lease.dseq}/${lease.gseq}/${lease.oseq}`;
    const res = await this.send(
      provider,
      "GET",
      `/lease/${lease.dseq}/${lease.gseq}/${lease.oseq}/manifest`,
      "get-manifest",
      { signal: options.signal, timeoutMs: options.timeoutMs ?? this.requestTimeoutMs },
    );
    if (res.status !== 200) throw translateGatewayResponse(res.status, res.body, what, describe(provider));
    try {
      if (!Array.isArray(JSON.parse(res.body))) throw new Error("not an array");
    } catch {
      throw new GatewayError(
        "bad-response",
        `${describe(provider)} answered ${what} with something that is not a manifest (a JSON array of groups).`,
        res.status,
        res.body.slice(0, 200),
      );
    }
    return res.body;
  }

  async leaseStatus(
    provider: ProviderEndpoint,
    lease: LeaseId,
    options: GatewayCallOptions = {},
  ): Promise<LeaseStatus> {
    const res = await this.send(
      provider,
      "GET",
      `/lease/${lease.dseq}/${lease.gseq}/${lease.oseq}/status`,
      "status",
      {
        signal: options.signal,
        timeoutMs: options.timeoutMs ?? this.requestTimeoutMs,
      },
    );
    if (res.status !== 200) {
      throw translateGatewayResponse(
        res.status,
        res.body,
        `the status of lease ${lease.dseq}/${lease.gseq}/${lease.oseq}`,
        describe(provider),
      );
    }
    return parseLeaseStatus(res.body);
  }

  async serviceLogs(
    provider: ProviderEndpoint,
    lease: LeaseId,
    options: GatewayCallOptions & { services?: string[]; tail?: number } = {},
  ): Promise<LogLine[]> {
    const timeoutMs = options.timeoutMs ?? this.requestTimeoutMs;
    const socket: TLSSocket = await connectToProvider(provider, {
      signal: options.signal,
      timeoutMs: Math.min(timeoutMs, 15_000),
      certificates: this.options.certificates,
      clientCertificate: this.options.clientCertificate,
    });
    const authorization = await this.authorization(provider, "logs");
    const query = new URLSearchParams({ follow: "false", tail: String(options.tail ?? 100) });
    if (options.services?.length) query.set("service", options.services.join(","));
    const base = new URL(provider.hostUri);
    const url = `ws://${base.host}/lease/${lease.dseq}/${lease.gseq}/${lease.oseq}/logs?${query}`;
    return new Promise<LogLine[]>((resolve, reject) => {
      const lines: LogLine[] = [];
      const ws = new WebSocket(url, {
        headers: authorization,
        createConnection: () => socket,
        handshakeTimeout: timeoutMs,
      });
      const timer = setTimeout(() => ws.terminate(), timeoutMs);
      ws.on("message", (data: WebSocket.RawData) => {
        try {
          const frame = JSON.parse(data.toString()) as { name?: string; message?: string };
          lines.push({ service: frame.name ?? "", message: frame.message ?? "" });
        } catch {
          // skip frames that are not log lines
        }
      });
      ws.on("unexpected-response", (_req, res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          clearTimeout(timer);
          reject(
            translateGatewayResponse(
              res.statusCode ?? 0,
              Buffer.concat(chunks).toString(),
              `the logs of lease ${lease.dseq}/${lease.gseq}/${lease.oseq}`,
              describe(provider),
            ),
          );
          socket.destroy();
        });
      });
      ws.on("error", (error) => {
        clearTimeout(timer);
        reject(
          new GatewayError("unreachable", `Reading logs from ${describe(provider)} failed: ${error.message}`),
        );
      });
      ws.on("close", (code, reason) => {
        clearTimeout(timer);
        if (code === 4001) {
          reject(
            new GatewayError("not-found", `${describe(provider)} has no such lease or service (logs).`, 404),
          );
        } else if (code === 4002) {
          reject(
            new GatewayError("provider-error", `${describe(provider)} cannot serve logs right now.`, 503),
          );
        } else {
          // 4000 "no running pods" and normal closure both end the (non-follow) stream.
          void reason;
          resolve(lines);
        }
      });
    });
  }
}
