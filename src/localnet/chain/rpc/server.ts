/**
 * The HTTP face of the node: JSON-RPC 2.0 POSTed to `/` and Comet's URI form `GET /<method>?k=v`. Method errors
 * are HTTP 200 with a JSON-RPC error object, as Comet does (cosmjs rejects any HTTP status ≥ 400).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { RpcError } from "../node";
import { METHODS, type RpcContext } from "./methods";

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

async function call(ctx: RpcContext, id: Id, method: unknown, params: unknown): Promise<Envelope> {
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
    const result = await fn(ctx, (params ?? {}) as Record<string, unknown>);
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

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export type ExtraRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;

export function createRpcServer(ctx: RpcContext, extraRoutes: ExtraRoute[] = []): Server {
  return createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      for (const route of extraRoutes) if (await route(req, res, url)) return;
      if (req.method === "POST") {
        if (url.pathname !== "/") {
          res.writeHead(404).end();
          return;
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(await readBody(req));
        } catch {
          send(res, {
            jsonrpc: "2.0",
            id: null,
            error: { code: -32700, message: "Parse error", data: "invalid JSON" },
          });
          return;
        }
        if (Array.isArray(parsed)) {
          send(
            res,
            await Promise.all(
              parsed.map((r: { id?: Id; method?: unknown; params?: unknown }) =>
                call(ctx, r.id ?? null, r.method, r.params),
              ),
            ),
          );
          return;
        }
        const request = parsed as { id?: Id; method?: unknown; params?: unknown };
        send(res, await call(ctx, request.id ?? null, request.method, request.params));
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
        send(res, await call(ctx, -1, method, uriParams(url, method)));
        return;
      }
      res.writeHead(405).end();
    })().catch((e: unknown) => {
      if (!res.headersSent) send(res, errorEnvelope(null, e));
    });
  });
}
