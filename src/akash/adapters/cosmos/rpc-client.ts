/**
 * A small CometBFT JSON-RPC client over HTTP with failover across several node URLs.
 *
 * Our own instead of cosmjs's Comet client because it is lean (no status handshake per connection), can fail over,
 * and counts requests so tests and benchmarks can assert on how chatty the provider is.
 *
 * Two kinds of calls, because resending is only harmless for one of them:
 * - `call` (queries, transaction lookups: idempotent): a transient failure (network error, timeout, HTTP 429/5xx)
 *   is retried on the same node with backoff (see retry-policy.ts), then the next node is asked; a refused
 *   connection moves on at once. A JSON-RPC `error` is an answer (e.g. "tx not found") and is returned.
 * - `send` (broadcasts): moves on to the next node only when the request provably never reached one (connection
 *   refused, unknown host). Any other failure throws RpcOutcomeUnknown: the node may have taken the transaction,
 *   and only a lookup by hash can tell (the transaction engine does that before anything is resent).
 *
 * The last URL that answered is tried first next time. Every attempt is logged at DEBUG (rpc-call-fields.ts):
 * node, method, HTTP status, ok or the error, duration.
 */
import { silentLogger, type Logger } from "../../../framework/logger";
import { ChainError } from "../../ports/errors";
import { sleep as realSleep } from "../../ports/sleep";
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  isTransientFailure,
  NOT_DELIVERED_CODES,
  type RetryPolicy,
} from "./retry-policy";
import { rpcCallFields } from "./rpc-call-fields";

export class RpcMethodError extends Error {
  override readonly name = "RpcMethodError";
  constructor(
    readonly rpcCode: number,
    readonly data: string,
  ) {
    super(data || `JSON-RPC error ${rpcCode}`);
  }
}

/** A `send` whose request may have reached the node, but whose answer never came back. */
export class RpcOutcomeUnknown extends Error {
  override readonly name = "RpcOutcomeUnknown";
  constructor(
    readonly method: string,
    readonly url: string,
    readonly failure: string,
  ) {
    super(`${method} to ${url} got no answer (${failure})`);
  }
}

export interface RpcClientOptions {
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Retries of idempotent calls; partial policies are completed with the defaults. */
  retry?: Partial<RetryPolicy>;
  /** For tests: the wait between retries and the jitter source. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Where each attempt is logged (DEBUG); default: nowhere. */
  log?: Logger;
}

interface JsonRpcResponse<T> {
  result?: T;
  error?: { code: number; message: string; data?: string };
}

/** One attempt's outcome: an answer, or a failure with what is known about whether the node got the request. */
type Attempt<T> =
  | { ok: true; result: T; status: number }
  | { ok: false; text: string; status?: number; code?: string; delivered: "no" | "maybe" };

export class CometRpcClient {
  private preferred = 0;
  private nextId = 1;
  private count = 0;
  private readonly timeoutMs: number;
  private readonly policy: RetryPolicy;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly log: Logger;

  constructor(
    readonly urls: readonly string[],
    options: RpcClientOptions = {},
  ) {
    if (urls.length === 0) {
      throw new ChainError(
        "unreachable",
        "No Akash node configured: set `node` in the provider block or AKASH_NODE.",
      );
    }
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? silentLogger;
  }

  /** JSON-RPC requests sent so far (including failed attempts). */
  get requestCount(): number {
    return this.count;
  }

  /** An idempotent call: retried with backoff per node, then on the next node. */
  async call<T>(method: string, params: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
    const failures = new Map<string, string[]>();
    const dropped = new Set<number>();
    let sleptMs = 0;
    let retries = 0;
    let index = this.preferred;
    let onThisNode = 0;
    // A single node gets a second round: there is nowhere else to go.
    const maxAttempts = Math.max(1, this.policy.attemptsPerEndpoint * Math.max(this.urls.length, 2));
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const url = this.urls[index]!;
      const outcome = await this.attempt<T>(url, method, params, signal);
      if (outcome.ok) {
        this.preferred = index;
        return outcome.result;
      }
      failures.set(url, [...(failures.get(url) ?? []), outcome.text]);
      onThisNode++;
      if (!isTransientFailure(outcome)) dropped.add(index);
      // Stay on a node that is there but struggling for a few attempts; then (or when it is gone) move on.
      if (dropped.has(index) || onThisNode >= this.policy.attemptsPerEndpoint) {
        const next = this.nextLive(index, dropped);
        if (next === undefined) break;
        if (next !== index) onThisNode = 0;
        index = next;
      }
      if (failures.has(this.urls[index]!)) {
        // Asking a node again that failed in this call: back off first, within the call's budget.
        const delay = backoffDelayMs(this.policy, ++retries, this.random());
        if (sleptMs + delay > this.policy.budgetMs) break;
        sleptMs += delay;
        try {
          await this.sleep(delay, signal);
        } catch {
          throw new ChainError("aborted", `Cancelled while calling ${method} on ${url}.`);
        }
      }
    }
    const tried = [...failures].map(([url, list]) => `${url} (${summarize(list)})`).join("; ");
    throw new ChainError(
      "unreachable",
      `No Akash node answered ${method} (${[...failures.values()].flat().length} attempts, ` +
        `${(sleptMs / 1000).toFixed(1)}s of retries). Tried: ${tried}. Check the \`node\` URLs (CometBFT RPC, ` +
        "usually port 26657 or https on 443) and your network; if the node is overloaded, retry later or list " +
        "another node in `node` (comma-separated).",
      tried,
    );
  }

  /**
   * A non-idempotent call (a broadcast): sent to one node; another is only tried when the request provably never
   * reached the first. Throws RpcOutcomeUnknown when the node may have received it.
   */
  async send<T>(method: string, params: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
    const failures: string[] = [];
    for (let attempt = 0; attempt < this.urls.length; attempt++) {
      const index = (this.preferred + attempt) % this.urls.length;
      const url = this.urls[index]!;
      const outcome = await this.attempt<T>(url, method, params, signal);
      if (outcome.ok) {
        this.preferred = index;
        return outcome.result;
      }
      if (outcome.delivered === "maybe") throw new RpcOutcomeUnknown(method, url, outcome.text);
      failures.push(`${url} (${outcome.text})`);
    }
    throw new ChainError(
      "unreachable",
      `No Akash node accepted ${method}: ${failures.join("; ")}. Nothing was sent. Check the \`node\` URLs ` +
        "(CometBFT RPC, usually port 26657 or https on 443) and your network.",
      failures.join("; "),
    );
  }

  private nextLive(from: number, dropped: Set<number>): number | undefined {
    for (let step = 1; step <= this.urls.length; step++) {
      const candidate = (from + step) % this.urls.length;
      if (!dropped.has(candidate)) return candidate;
    }
    return undefined;
  }

  /** One request, logged with its outcome and duration. */
  private async attempt<T>(
    url: string,
    method: string,
    params: Record<string, unknown>,
    signal: AbortSignal | undefined,
  ): Promise<Attempt<T>> {
    const started = performance.now();
    const line = (outcome: { status?: number; error?: string }) =>
      this.log.debug("chain rpc call", {
        ...rpcCallFields(url, method, params),
        duration_ms: Math.round(performance.now() - started),
        ...(outcome.status !== undefined ? { http_status: outcome.status } : {}),
        status: outcome.error === undefined ? "ok" : "error",
        ...(outcome.error !== undefined ? { error: outcome.error.slice(0, 300) } : {}),
      });
    try {
      const outcome = await this.exchange<T>(url, method, params, signal);
      line(outcome.ok ? { status: outcome.status } : { status: outcome.status, error: outcome.text });
      return outcome;
    } catch (error) {
      // A JSON-RPC error is an answer (e.g. "tx not found"), or the call was cancelled.
      line({ error: error instanceof RpcMethodError ? error.data || error.message : String(error) });
      throw error;
    }
  }

  private async exchange<T>(
    url: string,
    method: string,
    params: Record<string, unknown>,
    signal: AbortSignal | undefined,
  ): Promise<Attempt<T>> {
    let response: Response;
    const id = this.nextId++;
    this.count++;
    try {
      const timeout = AbortSignal.timeout(this.timeoutMs);
      response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id, method, params }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw new ChainError("aborted", `Cancelled while calling ${method} on ${url}.`);
      const failure = networkFailure(error);
      const delivered = NOT_DELIVERED_CODES.has(failure.code ?? "") ? "no" : "maybe";
      return { ok: false, text: failure.text, code: failure.code, delivered };
    }
    if (response.status >= 500 || response.status === 429) {
      // Some CometBFT versions send JSON-RPC errors (an answer, e.g. "tx not found") with HTTP 500.
      const rpcError = await response
        .json()
        .then((b) => (b as JsonRpcResponse<T> | null)?.error)
        .catch(() => undefined);
      if (rpcError) {
        this.preferred = this.urls.indexOf(url);
        throw new RpcMethodError(rpcError.code, rpcError.data || rpcError.message);
      }
      return { ok: false, text: `HTTP ${response.status}`, status: response.status, delivered: "maybe" };
    }
    // Another 4xx comes from something in front of the node that refused the request.
    const refused = response.status >= 400 ? "no" : "maybe";
    let body: JsonRpcResponse<T>;
    try {
      body = (await response.json()) as JsonRpcResponse<T>;
    } catch {
      return {
        ok: false,
        text: `HTTP ${response.status}, not a JSON-RPC answer; is this the CometBFT RPC port?`,
        status: 400,
        delivered: refused,
      };
    }
    if (body.error) {
      this.preferred = this.urls.indexOf(url);
      throw new RpcMethodError(body.error.code, body.error.data || body.error.message);
    }
    if (body.result === undefined) {
      return {
        ok: false,
        text: `HTTP ${response.status}, no result; is this the CometBFT RPC port?`,
        status: 400,
        delivered: refused,
      };
    }
    return { ok: true, result: body.result, status: response.status };
  }
}

/** "HTTP 503 ×3, timed out" */
function summarize(list: string[]): string {
  const counts = new Map<string, number>();
  for (const text of list) counts.set(text, (counts.get(text) ?? 0) + 1);
  return [...counts].map(([text, n]) => (n > 1 ? `${text} ×${n}` : text)).join(", ");
}

function networkFailure(error: unknown): { text: string; code?: string } {
  // Duck-typed: fetch's errors may come from another realm (test sandboxes), where instanceof Error fails.
  const e = error as
    { name?: string; message?: string; cause?: { code?: string; message?: string } } | undefined;
  if (e && typeof e === "object") {
    if (e.name === "TimeoutError") return { text: "timed out" };
    if (e.cause?.code) return { text: e.cause.code, code: e.cause.code };
    // fetch refuses some ports outright (1, 9, ...): nothing was sent.
    if (e.cause?.message === "bad port") return { text: "port blocked by fetch", code: "ERR_BAD_PORT" };
    if (e.cause?.message) return { text: e.cause.message };
    if (e.message) return { text: e.message };
  }
  return { text: String(error) };
}
