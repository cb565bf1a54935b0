/**
 * The localnet's control API, on the RPC port under /_localnet/ (no CometBFT route starts with "_"):
 *   GET/POST/DELETE /_localnet/faults                      read / add / clear injected faults (FaultPlan JSON)
 *   GET/DELETE      /_localnet/stats                       RPC request counts by method / reset them
 *   POST            /_localnet/providers/<addr>/close-lease {dseq, gseq?, oseq?, owner?, reason?}
 *   and the routes added with `addRoute` (operator-actions.ts: start-reclaim, oracle)
 * Errors are JSON `{ "error": "..." }` with 400 (bad input), 404 (unknown provider or lease), 405 or 422 (the
 * chain rejected the provider's transaction).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestStats } from "../chain/rpc/request-stats";
import { FaultPlanError } from "./fault-plan";
import type { LocalnetFaults } from "./faults";
import { readRequestBody } from "../read-request-body";

/** Requests carrying this header come from the localnet's own providers: counted apart, never faulted. */
export const LOCALNET_CLIENT_HEADER = "x-akash-localnet-client";

export const CONTROL_PREFIX = "/_localnet/";

/** A lease a provider is asked to close; `owner` may be left out when (dseq, gseq, oseq) is unambiguous. */
export interface CloseLeaseRequest {
  owner?: string;
  dseq: string;
  gseq: number;
  oseq: number;
  /** akash.market.v1 LeaseClosedReason in 10000..19999 (provider-initiated); default 10002 (unspecified). */
  reason?: number;
}

export interface CloseLeaseResult {
  code: number;
  rawLog: string;
  transactionHash?: string;
  height?: number;
  lease: { owner: string; dseq: string; gseq: number; oseq: number; provider: string };
}

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** What a running provider offers the control API. */
export interface ProviderControl {
  address: string;
  closeLease(request: CloseLeaseRequest): Promise<CloseLeaseResult>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = (await readRequestBody(req)).trim();
  if (text === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ControlError(400, "request body is not valid JSON");
  }
}

/** The body of close-lease (and of start-reclaim, which takes the same shape): names one lease of the provider. */
export function parseCloseLease(value: unknown, action = "close-lease"): CloseLeaseRequest {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new ControlError(400, `${action} needs a JSON object {dseq, gseq?, oseq?, owner?, reason?}`);
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) {
    if (!["owner", "dseq", "gseq", "oseq", "reason"].includes(key))
      throw new ControlError(400, `unknown field "${key}" (expected dseq, gseq, oseq, owner, reason)`);
  }
  const dseq = typeof v.dseq === "number" ? String(v.dseq) : v.dseq;
  if (typeof dseq !== "string" || !/^\d+$/.test(dseq) || dseq === "0")
    throw new ControlError(400, "dseq must be a positive whole number (number or decimal string)");
  const small = (name: string, fallback: number | undefined): number | undefined => {
    const n = v[name];
    if (n === undefined) return fallback;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > 0xffffffff)
      throw new ControlError(400, `${name} must be a positive whole number`);
    return n;
  };
  if (v.owner !== undefined && (typeof v.owner !== "string" || !v.owner.startsWith("akash1")))
    throw new ControlError(400, "owner must be an akash1... address");
  const reason = small("reason", undefined);
  if (reason !== undefined && (reason < 10000 || reason > 19999))
    throw new ControlError(400, "reason must be a provider-initiated LeaseClosedReason (10000-19999)");
  return {
    owner: v.owner,
    dseq,
    gseq: small("gseq", 1)!,
    oseq: small("oseq", 1)!,
    reason,
  };
}

/** An extra control route: answers and returns true when `path` (below /_localnet/) is its own. */
export type ControlRoute = (
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  method: string,
) => Promise<boolean>;

export class ControlPlane {
  private readonly providers = new Map<string, ProviderControl>();
  private readonly routes: ControlRoute[] = [];

  constructor(
    readonly faults: LocalnetFaults,
    readonly stats: RequestStats,
  ) {}

  addProvider(provider: ProviderControl): void {
    this.providers.set(provider.address, provider);
  }

  removeProvider(address: string): void {
    this.providers.delete(address);
  }

  addRoute(route: ControlRoute): void {
    this.routes.push(route);
  }

  /** Asks a running localnet provider to close one of its leases (it sends MsgCloseBid, as real providers do). */
  closeLease(provider: string, request: CloseLeaseRequest): Promise<CloseLeaseResult> {
    const control = this.providers.get(provider);
    if (control === undefined) {
      const known = [...this.providers.keys()].join(", ") || "none";
      return Promise.reject(new ControlError(404, `no localnet provider ${provider} (running: ${known})`));
    }
    return control.closeLease(request);
  }

  /** The HTTP route for the RPC server: true when the request was a control request (and answered). */
  readonly route = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (!url.pathname.startsWith(CONTROL_PREFIX)) return false;
    try {
      await this.handle(req, res, url.pathname.slice(CONTROL_PREFIX.length));
    } catch (error) {
      if (error instanceof ControlError) sendJson(res, error.status, { error: error.message });
      else if (error instanceof FaultPlanError) sendJson(res, 400, { error: error.message });
      else sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) });
    }
    return true;
  };

  private async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? "GET";
    const allow = (methods: string[]) => {
      if (!methods.includes(method))
        throw new ControlError(405, `${method} is not supported here (use ${methods.join(", ")})`);
    };
    if (path === "faults") {
      allow(["GET", "POST", "DELETE"]);
      if (method === "POST") return sendJson(res, 200, this.faults.set((await readJson(req)) as object));
      if (method === "DELETE") this.faults.clear();
      return sendJson(res, 200, this.faults.get());
    }
    if (path === "stats") {
      allow(["GET", "DELETE"]);
      if (method === "DELETE") this.stats.reset();
      return sendJson(res, 200, this.stats.snapshot());
    }
    const close = /^providers\/([^/]+)\/close-lease$/.exec(path);
    if (close) {
      allow(["POST"]);
      const result = await this.closeLease(close[1] as string, parseCloseLease(await readJson(req)));
      return sendJson(res, result.code === 0 ? 200 : 422, result);
    }
    for (const route of this.routes) if (await route(req, res, path, method)) return;
    throw new ControlError(
      404,
      `unknown control route /_localnet/${path} (faults, stats, providers/<address>/close-lease, ` +
        "providers/<address>/start-reclaim, oracle)",
    );
  }
}
