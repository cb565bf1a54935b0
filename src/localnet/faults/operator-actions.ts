/**
 * Control-API actions on the chain's state, beyond faults (registered on the ControlPlane with `addRoute`):
 *   POST     /_localnet/providers/<addr>/start-reclaim {dseq, gseq?, oseq?, owner?, reason?}
 *            the provider starts reclaiming one of its active leases (MsgLeaseStartReclaim; reason 10000-19999,
 *            default 10001 decommission) and closes it once the window has passed
 *   GET/POST /_localnet/oracle {stalled?, aktPrice?}
 *            read / change the oracle's AKT price feed: stalled = no more prices, so the price turns unhealthy
 *            and the BME answers "price stalled"; the change applies from the next block
 * Errors are JSON `{ "error": "..." }` like the rest of the control API.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { OracleFeedInput } from "../chain/modules/akash/oracle/module";
import {
  ControlError,
  parseCloseLease,
  readJson,
  sendJson,
  type CloseLeaseRequest,
  type CloseLeaseResult,
} from "./control-api";

export interface StartReclaimResult extends CloseLeaseResult {
  /** When the reclamation window ends (RFC 3339), once the chain accepted the start. */
  deadline?: string;
}

/** What a running provider offers for reclamation. */
export interface ReclaimControl {
  address: string;
  startReclaim(request: CloseLeaseRequest): Promise<StartReclaimResult>;
}

export interface OracleFeedState {
  /** AKT price in USD (ACT is pegged at 1 USD), a decimal such as "3.25". */
  aktPrice: string;
  /** False while the feed is stalled: mints and the BME Status query fail with "price stalled". */
  healthy: boolean;
  /** A change queued for the next block, if any. */
  pending?: OracleFeedInput;
}

export interface OracleControl {
  feed(): OracleFeedState;
  /** Queues the change for the next block; throws Error for an invalid price. */
  setFeed(input: OracleFeedInput): OracleFeedState;
}

function parseOracleFeed(value: unknown): OracleFeedInput {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new ControlError(400, 'oracle needs a JSON object {"stalled"?: boolean, "aktPrice"?: "<decimal>"}');
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) {
    if (key !== "stalled" && key !== "aktPrice")
      throw new ControlError(400, `unknown field "${key}" (expected stalled, aktPrice)`);
  }
  if (v.stalled !== undefined && typeof v.stalled !== "boolean")
    throw new ControlError(400, "stalled must be true or false");
  if (v.aktPrice !== undefined && typeof v.aktPrice !== "string")
    throw new ControlError(400, 'aktPrice must be a decimal string, e.g. "3.25"');
  return {
    ...(v.stalled === undefined ? {} : { stalled: v.stalled }),
    ...(v.aktPrice === undefined ? {} : { aktPrice: v.aktPrice }),
  };
}

export class OperatorActions {
  private readonly reclaimers = new Map<string, ReclaimControl>();

  constructor(readonly oracle: OracleControl) {}

  addProvider(provider: ReclaimControl): void {
    this.reclaimers.set(provider.address, provider);
  }

  removeProvider(address: string): void {
    this.reclaimers.delete(address);
  }

  startReclaim(provider: string, request: CloseLeaseRequest): Promise<StartReclaimResult> {
    const control = this.reclaimers.get(provider);
    if (control === undefined) {
      const known = [...this.reclaimers.keys()].join(", ") || "none";
      return Promise.reject(new ControlError(404, `no localnet provider ${provider} (running: ${known})`));
    }
    return control.startReclaim(request);
  }

  readonly route = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    method: string,
  ): Promise<boolean> => {
    const allow = (methods: string[]) => {
      if (!methods.includes(method))
        throw new ControlError(405, `${method} is not supported here (use ${methods.join(", ")})`);
    };
    if (path === "oracle") {
      allow(["GET", "POST"]);
      if (method === "GET") sendJson(res, 200, this.oracle.feed());
      else {
        const input = parseOracleFeed(await readJson(req));
        try {
          sendJson(res, 200, this.oracle.setFeed(input));
        } catch (error) {
          throw new ControlError(400, error instanceof Error ? error.message : String(error));
        }
      }
      return true;
    }
    const reclaim = /^providers\/([^/]+)\/start-reclaim$/.exec(path);
    if (!reclaim) return false;
    allow(["POST"]);
    const result = await this.startReclaim(
      reclaim[1] as string,
      parseCloseLease(await readJson(req), "start-reclaim"),
    );
    sendJson(res, result.code === 0 ? 200 : 422, result);
    return true;
  };
}
