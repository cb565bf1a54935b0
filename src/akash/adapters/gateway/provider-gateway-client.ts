/**
 * ProviderGateway over the provider's REST gateway (HTTPS + JWT). Every request opens a verified TLS connection
 * (provider-tls.ts) and carries a short-lived ES256K token scoped to that provider and the one permission needed.
 * With `clientCertificate` it authenticates with mTLS instead and sends no token (a provider refuses both at once).
 * Every call is logged at DEBUG (gateway-call-fields.ts): method, path, status, duration; no token, no body.
 */
import { silentLogger, type Logger, type LogFields } from "../../../framework/logger";
import type { LeaseId } from "../../ports/chain";
import { GatewayError } from "../../ports/errors";
import type {
  GatewayCallOptions,
  LeaseEvent,
  LeaseStatus,
  LeaseStreamEnd,
  LeaseStreamRequest,
  ShellRequest,
  ShellResult,
  ShellSession,
  LogLine,
  ProviderEndpoint,
  ProviderGateway,
  ProviderVersion,
  SendManifestOptions,
} from "../../ports/provider-gateway";
import type { Signer } from "../../ports/signer";
import { gatewayCallFields, type GatewayAuthKind } from "./gateway-call-fields";
import { translateGatewayResponse } from "./gateway-errors";
import {
  describeProvider,
  httpExchange,
  readStream,
  UpgradeRefused,
  type HttpResult,
  type StreamRead,
  type TlsSettings,
} from "./gateway-exchange";
import { createGatewayJwt, type GatewayScope } from "./jwt";
import { openLeaseSocket } from "./lease-socket";
import {
  parseShellResult,
  resizeFrame,
  SHELL_FAILURE,
  SHELL_RESULT,
  SHELL_STDERR,
  SHELL_STDOUT,
  stdinFrame,
} from "./shell-frames";
import { parseLeaseEvents } from "./lease-events";
import { parseLeaseStatus } from "./lease-status";
import { sendManifestWithRetries } from "./manifest-sender";
import type { CertificateLookup, ClientCertificate } from "./provider-tls";
import { parseProviderVersion } from "./provider-version";

export interface ProviderGatewayClientOptions {
  /** The deployment owner's key (JWT issuer); not needed with `clientCertificate`. */
  signer?: Signer;
  /** Authenticate with this on-chain certificate of the owner (mTLS) instead of JWTs. */
  clientCertificate?: ClientCertificate;
  /** The provider's valid on-chain certificates: the gateway must serve one of them (provider-tls.ts). */
  certificates: CertificateLookup;
  /**
   * Accept a provider that has no certificate on chain on its CN alone. Off by default, as in the Akash Go client
   * and Console: without an on-chain certificate nothing ties the gateway to the provider's key.
   */
  trustProvidersWithoutCertificate?: boolean;
  /** Per-request timeout (ms); default 30000. The manifest PUT gets at least 150000 (providers wait ≤120 s). */
  requestTimeoutMs?: number;
  /** Pause between retries while the provider has not seen the lease yet (ms); default 3000. */
  retryIntervalMs?: number;
  /** Default budget for sendManifest retries (ms); default 180000 (providers drop a lease after 5 min). */
  manifestTimeoutMs?: number;
  /** Time an event read waits for the provider to end the stream (ms); default 3000. */
  eventsWindowMs?: number;
  /** Where each call is logged (DEBUG); default: nowhere. */
  log?: Logger;
}

const leasePath = (lease: LeaseId, action: string) =>
  `/lease/${lease.dseq}/${lease.gseq}/${lease.oseq}/${action}`;
/** A logs frame `{name, message}` (name: the pod, `<service>-<hash>`); undefined for anything else. */
function parseLogFrame(frame: string): LogLine | undefined {
  try {
    const line = JSON.parse(frame) as { name?: unknown; message?: unknown };
    if (typeof line.message !== "string") return undefined;
    return { service: typeof line.name === "string" ? line.name : "", message: line.message };
  } catch {
    return undefined;
  }
}

const leaseName = (lease: LeaseId) => `lease ${lease.dseq}/${lease.gseq}/${lease.oseq}`;

export class ProviderGatewayClient implements ProviderGateway {
  private readonly requestTimeoutMs: number;
  private readonly retryIntervalMs: number;
  private readonly manifestTimeoutMs: number;
  private readonly tls: TlsSettings;
  private readonly log: Logger;

  constructor(private readonly options: ProviderGatewayClientOptions) {
    this.log = options.log ?? silentLogger;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.retryIntervalMs = options.retryIntervalMs ?? 3_000;
    this.manifestTimeoutMs = options.manifestTimeoutMs ?? 180_000;
    this.tls = {
      certificates: options.certificates,
      clientCertificate: options.clientCertificate,
      trustProvidersWithoutCertificate: options.trustProvidersWithoutCertificate,
    };
  }

  /** The JWT header, or nothing under mTLS (the client certificate is the credential). */
  private async authorization(
    provider: ProviderEndpoint,
    scope: GatewayScope,
  ): Promise<Record<string, string>> {
    if (this.options.clientCertificate) return {};
    if (!this.options.signer) throw new Error("a provider JWT needs the owner's key (AKASH_MNEMONIC)");
    const token = await createGatewayJwt(this.options.signer, {
      provider: provider.address,
      scopes: [scope],
    });
    return { authorization: `Bearer ${token}` };
  }

  private authKind(scope: GatewayScope | undefined): GatewayAuthKind {
    if (scope === undefined) return "none";
    return this.options.clientCertificate ? "mtls" : "jwt";
  }

  /** Runs one exchange and logs it: `outcome` picks the fields of an answer (status...). */
  private async logged<T>(
    call: LogFields,
    run: () => Promise<T>,
    outcome: (result: T) => LogFields,
  ): Promise<T> {
    const started = performance.now();
    const duration = () => Math.round(performance.now() - started);
    try {
      const result = await run();
      this.log.debug("provider gateway call", { ...call, ...outcome(result), duration_ms: duration() });
      return result;
    } catch (error) {
      this.log.debug("provider gateway call", {
        ...call,
        ...(error instanceof UpgradeRefused ? { status: error.status } : {}),
        error: error instanceof Error ? error.message.slice(0, 300) : String(error),
        duration_ms: duration(),
      });
      throw error;
    }
  }

  private async send(
    provider: ProviderEndpoint,
    method: string,
    path: string,
    scope: GatewayScope | undefined,
    options: { body?: string; signal?: AbortSignal; timeoutMs: number },
  ): Promise<HttpResult> {
    const headers = scope === undefined ? {} : await this.authorization(provider, scope);
    const call = {
      ...gatewayCallFields(provider, method, path, this.authKind(scope)),
      ...(options.body !== undefined ? { body_bytes: Buffer.byteLength(options.body) } : {}),
    };
    return this.logged(
      call,
      () => httpExchange(provider, this.tls, { method, path, headers, ...options }),
      (res) => ({ status: res.status }),
    );
  }

  private async stream(
    provider: ProviderEndpoint,
    path: string,
    scope: GatewayScope,
    options: { signal?: AbortSignal; timeoutMs: number; what: string },
  ): Promise<StreamRead> {
    const headers = await this.authorization(provider, scope);
    try {
      return await this.logged(
        gatewayCallFields(provider, "GET", path, this.authKind(scope)),
        () => readStream(provider, this.tls, { path, headers, ...options }),
        (read) => ({ status: 101, close_code: read.code, frames: read.frames.length }),
      );
    } catch (error) {
      if (!(error instanceof UpgradeRefused)) throw error;
      throw translateGatewayResponse(error.status, error.body, options.what, describeProvider(provider));
    }
  }

  async sendManifest(
    provider: ProviderEndpoint,
    dseq: bigint,
    manifestJson: string,
    options: SendManifestOptions = {},
  ): Promise<void> {
    const put = () =>
      this.send(provider, "PUT", `/deployment/${dseq}/manifest`, "send-manifest", {
        body: manifestJson,
        signal: options.signal,
        timeoutMs: Math.max(this.requestTimeoutMs, 150_000),
      });
    await sendManifestWithRetries(put, provider, dseq, {
      budgetMs: options.timeoutMs ?? this.manifestTimeoutMs,
      retryIntervalMs: this.retryIntervalMs,
      options,
    });
  }

  async providerVersion(
    provider: ProviderEndpoint,
    options: GatewayCallOptions = {},
  ): Promise<ProviderVersion> {
    const res = await this.send(provider, "GET", "/version", undefined, {
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? this.requestTimeoutMs,
    });
    if (res.status !== 200) {
      throw translateGatewayResponse(res.status, res.body, "the version request", describeProvider(provider));
    }
    return parseProviderVersion(res.body, describeProvider(provider));
  }

  async leaseManifest(
    provider: ProviderEndpoint,
    lease: LeaseId,
    options: GatewayCallOptions = {},
  ): Promise<string> {
    const what = `the manifest of ${leaseName(lease)}`;
    const res = await this.send(provider, "GET", leasePath(lease, "manifest"), "get-manifest", {
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? this.requestTimeoutMs,
    });
    if (res.status !== 200)
      throw translateGatewayResponse(res.status, res.body, what, describeProvider(provider));
    try {
      if (!Array.isArray(JSON.parse(res.body))) throw new Error("not an array");
    } catch {
      throw new GatewayError(
        "bad-response",
        `${describeProvider(provider)} answered ${what} with something that is not a manifest (a JSON array of groups).`,
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
    const res = await this.send(provider, "GET", leasePath(lease, "status"), "status", {
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? this.requestTimeoutMs,
    });
    if (res.status !== 200) {
      throw translateGatewayResponse(
        res.status,
        res.body,
        `the status of ${leaseName(lease)}`,
        describeProvider(provider),
      );
    }
    return parseLeaseStatus(res.body);
  }

  async leaseEvents(
    provider: ProviderEndpoint,
    lease: LeaseId,
    options: GatewayCallOptions & { services?: string[] } = {},
  ): Promise<LeaseEvent[]> {
    const query = new URLSearchParams({ follow: "false" });
    if (options.services?.length) query.set("service", options.services.join(","));
    const what = `the events of ${leaseName(lease)}`;
    const read = await this.stream(provider, `${leasePath(lease, "kubeevents")}?${query}`, "events", {
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? this.options.eventsWindowMs ?? 3_000,
      what,
    });
    if (read.code === 4001)
      throw new GatewayError("not-found", `${describeProvider(provider)} does not know ${what}.`, 404);
    if (read.code === 4000 || read.code === 4002) {
      throw new GatewayError(
        "provider-error",
        `${describeProvider(provider)} cannot serve ${what} right now.`,
        503,
      );
    }
    return parseLeaseEvents(read.frames);
  }

  async serviceLogs(
    provider: ProviderEndpoint,
    lease: LeaseId,
    options: GatewayCallOptions & { services?: string[]; tail?: number } = {},
  ): Promise<LogLine[]> {
    const query = new URLSearchParams({ follow: "false", tail: String(options.tail ?? 100) });
    if (options.services?.length) query.set("service", options.services.join(","));
    const what = `the logs of ${leaseName(lease)}`;
    const read = await this.stream(provider, `${leasePath(lease, "logs")}?${query}`, "logs", {
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? this.requestTimeoutMs,
      what,
    });
    if (read.code === 4001) {
      throw new GatewayError(
        "not-found",
        `${describeProvider(provider)} has no such lease or service (logs).`,
        404,
      );
    }
    if (read.code === 4002) {
      throw new GatewayError(
        "provider-error",
        `${describeProvider(provider)} cannot serve logs right now.`,
        503,
      );
    }
    // 4000 "no running pods" and normal closure both end the (non-follow) stream.
    return read.frames.flatMap((frame) => parseLogFrame(frame) ?? []);
  }

  /** Opens a lease WebSocket; a refused upgrade becomes the GatewayError its HTTP status means. */
  private async socket(
    provider: ProviderEndpoint,
    path: string,
    scope: GatewayScope,
    what: string,
    signal: AbortSignal | undefined,
  ) {
    const headers = await this.authorization(provider, scope);
    try {
      return await this.logged(
        gatewayCallFields(provider, "GET", path, this.authKind(scope)),
        () =>
          openLeaseSocket(provider, this.tls, { path, headers, signal, timeoutMs: this.requestTimeoutMs }),
        () => ({ status: 101 }),
      );
    } catch (error) {
      if (!(error instanceof UpgradeRefused)) throw error;
      throw translateGatewayResponse(error.status, error.body, what, describeProvider(provider));
    }
  }

  async streamLease(
    provider: ProviderEndpoint,
    lease: LeaseId,
    request: LeaseStreamRequest,
  ): Promise<LeaseStreamEnd> {
    const query = new URLSearchParams({ follow: String(request.follow) });
    if (request.kind === "logs") query.set("tail", String(request.tail ?? -1));
    if (request.services?.length) query.set("service", request.services.join(","));
    const action = request.kind === "logs" ? "logs" : "kubeevents";
    const what = `the ${request.kind} of ${leaseName(lease)}`;
    const ws = await this.socket(
      provider,
      `${leasePath(lease, action)}?${query}`,
      request.kind,
      what,
      request.signal,
    );
    request.onOpen?.();
    return new Promise<LeaseStreamEnd>((resolve) => {
      const onAbort = () => ws.close(1000);
      request.signal?.addEventListener("abort", onAbort, { once: true });
      ws.on("message", (data) => {
        const frame = data.toString();
        if (request.kind === "events") {
          for (const event of parseLeaseEvents([frame])) request.onEvent?.(event, frame);
          return;
        }
        const line = parseLogFrame(frame);
        if (line) request.onLog?.(line);
      });
      // A socket error is followed by close (1006): the close code says it all.
      ws.on("error", () => undefined);
      ws.on("close", (code: number, reason: Buffer) => {
        request.signal?.removeEventListener("abort", onAbort);
        resolve({ code: request.signal?.aborted ? 1000 : code, reason: reason.toString() });
      });
    });
  }

  async openShell(provider: ProviderEndpoint, lease: LeaseId, request: ShellRequest): Promise<ShellSession> {
    const query = new URLSearchParams();
    request.command.forEach((arg, i) => query.set(`cmd${i}`, arg));
    query.set("service", request.service);
    query.set("tty", request.tty ? "1" : "0");
    query.set("stdin", request.stdin ? "1" : "0");
    query.set("podIndex", String(request.podIndex ?? 0));
    const what = `a shell in ${leaseName(lease)}`;
    const ws = await this.socket(
      provider,
      `${leasePath(lease, "shell")}?${query}`,
      "shell",
      what,
      request.signal,
    );
    const outcome: Omit<ShellResult, "closeCode"> = {};
    const result = new Promise<ShellResult>((resolve) => {
      ws.on("message", (data: Buffer, isBinary: boolean) => {
        const frame = Buffer.isBuffer(data) ? data : Buffer.from(data);
        if (!isBinary || frame.length === 0) return;
        const body = frame.subarray(1);
        switch (frame[0]) {
          case SHELL_STDOUT:
            return request.onStdout(body);
          case SHELL_STDERR:
            return request.onStderr(body);
          case SHELL_RESULT: {
            const parsed = parseShellResult(body);
            if (parsed) Object.assign(outcome, parsed);
            return;
          }
          case SHELL_FAILURE:
            outcome.failure = body.toString("utf8").trim();
            return;
          default:
            return; // stdin and resize frames only go to the provider
        }
      });
      ws.on("error", () => undefined);
      ws.on("close", (code: number) => resolve({ ...outcome, closeCode: code }));
    });
    const open = () => ws.readyState === ws.OPEN;
    return {
      sendStdin: (data) => {
        if (open()) ws.send(stdinFrame(data));
      },
      resize: (columns, rows) => {
        if (open()) ws.send(resizeFrame(columns, rows));
      },
      result,
      close: () => ws.close(1000),
    };
  }
}
