/**
 * The HTTP face of the node: JSON-RPC 2.0 POSTed to `/` and Comet's URI form `GET /<method>?k=v`. Method errors
 * are HTTP 200 with a JSON-RPC error object, as Comet does (cosmjs rejects any HTTP status ≥ 400).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { LOCALNET_CLIENT_HEADER } from "../../faults/control-api";
import { RpcError } from "../node";
import { METHODS, type CallInfo, type RpcContext } from "./methods";
import { readRequestBody } from "../../read-request-body";

type Id = string | number | null;

interface Envelope {
  jsonrpc: "2.0";
  id: Id;
  result?: unknown;
  error?: { code: number; message: string; data: string };
}

function errorEnvelope(id: Id, err: unknown): Envelope {
  if (err instanceof RpcError)
    return { jsonrpc: "2.0", id, error: { code: err.code, message: err.rpcMessage, data: err.data } };
  const text = err instanceof Error ? err.message : String(err);
  return { jsonrpc: "2.0", id, error: { code: -32603, message: "Internal error", data: text } };
}

async function call(
  ctx: RpcContext,
  info: CallInfo,
  id: Id,
  method: unknown,
  params: unknown,
): Promise<Envelope> {
  const fn = typeof method === "string" ? METHODS[method] : undefined;
  if (!fn) return { jsonrpc: "2.0", id, error: { code: -32601, message: "Method not found", data: "" } };
  if (params !== undefined && params !== null && (typeof params !== "object" || Array.isArray(params))) {
    return {
      jsonrpc: "2.0",
      id,
      error: { code: -32602, message: "Invalid params", data: "params must be an object" },
    };
  }
  try {
    const result = await fn(ctx, (params ?? {}) as Record<string, unknown>, info);
    return { jsonrpc: "2.0", id, result };
  } catch (e) {
    return errorEnvelope(id, e);
  }
}

/** Comet URI params: `"quoted"` strings, 0x-hex bytes (as hex strings for our hex/base64 params), bare numbers. */
function uriParams(url: URL, method: string): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, raw] of url.searchParams) {
    let value: unknown = raw;
    if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) value = raw.slice(1, -1);
    else if (raw.startsWith("0x")) {
      const hex = raw.slice(2);
      // Byte params arrive as base64 in JSON-RPC except abci_query.data (hex); convert accordingly.
      value = method === "abci_query" && key === "data" ? hex : Buffer.from(hex, "hex").toString("base64");
    }
    params[key] = value;
  }
  return params;
}

function send(res: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Counts the calls, then applies injected RPC faults to outside clients: latency first, then an HTTP error
 * instead of an answer (what a failing proxy or overloaded node returns). Returns false when it answered.
 */
async function admit(
  ctx: RpcContext,
  info: CallInfo,
  calls: { method?: unknown; params?: unknown }[],
  res: ServerResponse,
): Promise<boolean> {
  const methods = calls.map((c) => (typeof c.method === "string" ? c.method : ""));
  if (ctx.stats) {
    calls.forEach((c, i) => {
      const params = c.params as { path?: unknown } | undefined;
      const path = methods[i] === "abci_query" && typeof params?.path === "string" ? params.path : undefined;
      ctx.stats!.record(methods[i] ?? "", info.internal, path);
    });
  }
  const faults = ctx.faults;
  if (faults === undefined || info.internal) return true;
  const latency = faults.rpcLatencyMs();
  // Unref'd: a delayed request must not keep a stopped localnet's process alive.
  if (latency > 0) await new Promise((r) => setTimeout(r, latency).unref());
  const failure = faults.rpcFailure(methods);
  if (failure === undefined) return true;
  res.writeHead(failure.status, { "content-type": "text/plain; charset=utf-8" });
  res.end(`${failure.message}\n`);
  return false;
}

export type ExtraRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;

/**
 * Idle keep-alive connections stay open for a minute (Comet's Go server keeps them indefinitely). Node's 5 s default
 * races with clients reusing a pooled connection after a pause and surfaces as ECONNRESET ("fetch failed").
 */
const KEEP_ALIVE_MS = 60_000;

export function createRpcServer(ctx: RpcContext, extraRoutes: ExtraRoute[] = []): Server {
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      for (const route of extraRoutes) if (await route(req, res, url)) return;
      const info: CallInfo = { internal: req.headers[LOCALNET_CLIENT_HEADER] !== undefined };
      if (req.method === "POST") {
        if (url.pathname !== "/") {
          res.writeHead(404).end();
          return;
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(await readRequestBody(req));
        } catch {
          send(res, {
            jsonrpc: "2.0",
            id: null,
            error: { code: -32700, message: "Parse error", data: "invalid JSON" },
          });
          return;
        }
        const calls = (Array.isArray(parsed) ? parsed : [parsed]) as { method?: unknown; params?: unknown }[];
        if (!(await admit(ctx, info, calls, res))) return;
        if (Array.isArray(parsed)) {
          send(
            res,
            await Promise.all(
              parsed.map((r: { id?: Id; method?: unknown; params?: unknown }) =>
                call(ctx, info, r.id ?? null, r.method, r.params),
              ),
            ),
          );
          return;
        }
        const request = parsed as { id?: Id; method?: unknown; params?: unknown };
        send(res, await call(ctx, info, request.id ?? null, request.method, request.params));
        return;
      }
      if (req.method === "GET") {
        const method = url.pathname.replace(/^\//, "");
        if (method === "") {
          res.writeHead(200, { "content-type": "text/html" });
          res.end(
            `Available endpoints:<br>${Object.keys(METHODS)
              .map((m) => `//${req.headers.host ?? ""}/${m}`)
              .join("<br>")}`,
          );
          return;
        }
        const params = uriParams(url, method);
        if (!(await admit(ctx, info, [{ method, params }], res))) return;
        send(res, await call(ctx, info, -1, method, params));
        return;
      }
      res.writeHead(405).end();
    })().catch((e: unknown) => {
      if (!res.headersSent) send(res, errorEnvelope(null, e));
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  return server;
}
