/**
 * A small CometBFT JSON-RPC client over HTTP with failover across several node URLs.
 *
 * Our own instead of cosmjs's Comet client because it is lean (no status handshake per connection), can fail over,
 * and counts requests so tests and benchmarks can assert on how chatty the provider is.
 *
 * Failover rule: network errors, timeouts and HTTP ≥ 500 move on to the next URL; a JSON-RPC `error` is an answer
 * (e.g. "tx not found") and is returned to the caller. The last URL that answered is tried first next time.
 */
import { ChainError } from "../../ports/errors";

export class RpcMethodError extends Error {
  override readonly name = "RpcMethodError";
  constructor(
    readonly rpcCode: number,
    readonly data: string,
  ) {
    super(data || `JSON-RPC error ${rpcCode}`);
  }
}

export interface RpcClientOptions {
  /** Per-request timeout. */
  timeoutMs?: number;
}

interface JsonRpcResponse<T> {
  result?: T;
  error?: { code: number; message: string; data?: string };
}

export class CometRpcClient {
  private preferred = 0;
  private nextId = 1;
  private count = 0;
  private readonly timeoutMs: number;

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
  }

  /** JSON-RPC requests sent so far (including failed attempts). */
  get requestCount(): number {
    return this.count;
  }

  async call<T>(method: string, params: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
    const failures: string[] = [];
    for (let attempt = 0; attempt < this.urls.length; attempt++) {
      const index = (this.preferred + attempt) % this.urls.length;
      const url = this.urls[index]!;
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
        failures.push(`${url} (${describeNetworkError(error)})`);
        continue;
      }
      if (response.status >= 500 || response.status === 429) {
        failures.push(`${url} (HTTP ${response.status})`);
        await response.body?.cancel();
        continue;
      }
      let body: JsonRpcResponse<T>;
      try {
        body = (await response.json()) as JsonRpcResponse<T>;
      } catch {
        failures.push(
          `${url} (HTTP ${response.status}, not a JSON-RPC answer; is this the CometBFT RPC port?)`,
        );
        continue;
      }
      if (body.error) {
        this.preferred = index;
        throw new RpcMethodError(body.error.code, body.error.data || body.error.message);
      }
      if (body.result === undefined) {
        failures.push(`${url} (HTTP ${response.status}, no result; is this the CometBFT RPC port?)`);
        continue;
      }
      this.preferred = index;
      return body.result;
    }
    throw new ChainError(
      "unreachable",
      `No Akash node answered ${method}. Tried: ${failures.join("; ")}. Check the \`node\` URLs (CometBFT RPC, ` +
        `usually port 26657 or https on 443) and your network.`,
      failures.join("; "),
    );
  }
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === "TimeoutError") return "timed out";
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code) return cause.code;
    if (cause?.message) return cause.message;
    return error.message;
  }
  return String(error);
}
