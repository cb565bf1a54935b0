/**
 * The faults a test can inject into a running localnet, as one JSON document (`POST /_localnet/faults`, or
 * `Localnet.faults.set()` in-process): RPC errors and latency, dropped txs, halted block production, and per
 * provider no bids, gateway errors, latency and timeouts. Faults hit outside clients only: the localnet's own
 * providers reach the RPC unaffected (a real provider runs its own node), except that a halted chain halts for all.
 */

import {
  parseProviderBehaviour,
  PROVIDER_BEHAVIOUR_KEYS,
  type ProviderBehaviour,
} from "./provider-behaviour";

/** Fail the next `next` matching requests, then each further one with probability `rate`. */
export interface ErrorFault {
  next?: number;
  rate?: number;
  /** HTTP status of the injected failure (default 503). */
  status?: number;
}

export interface RpcFaults {
  /** Added before every answer. */
  latencyMs?: number;
  /** HTTP errors instead of answers; `methods` limits them to these JSON-RPC methods (default: all). */
  errors?: ErrorFault & { methods?: string[] };
}

export interface TxFaults {
  /** Broadcasts that pass CheckTx and are acknowledged, but never reach a block (like a mempool eviction). */
  drop?: { next?: number; rate?: number };
}

export interface GatewayFaults {
  latencyMs?: number;
  errors?: ErrorFault;
  /** Accept requests and never answer them (the client's own timeout fires). */
  timeout?: boolean;
  /**
   * Cut the next `next` WebSocket streams (logs, kubeevents, shell), then each further one with probability `rate`,
   * `afterMs` after they opened, without a close frame: what a provider restart or a proxy does to open streams.
   */
  dropStreams?: { afterMs: number; next?: number; rate?: number };
}

/** Faults and behaviour settings (software, failing images, rollout time, hash lag) of a provider. */
export interface ProviderFaults extends ProviderBehaviour {
  /** false: the provider stops bidding on new orders (bids resume, on still-open orders too, when set back). */
  bidding?: boolean;
  gateway?: GatewayFaults;
}

export interface FaultPlan {
  rpc?: RpcFaults;
  txs?: TxFaults;
  blocks?: { halted?: boolean };
  /** Keyed by provider address, or "*" for every provider. */
  providers?: Record<string, ProviderFaults>;
}

export class FaultPlanError extends Error {}

type Json = Record<string, unknown>;

function object(value: unknown, where: string): Json {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new FaultPlanError(`${where} must be a JSON object`);
  return value as Json;
}

function only(value: Json, where: string, keys: string[]): void {
  for (const key of Object.keys(value)) {
    if (!keys.includes(key))
      throw new FaultPlanError(`unknown field ${where}.${key} (expected one of: ${keys.join(", ")})`);
  }
}

function count(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0)
    throw new FaultPlanError(`${where} must be a whole number >= 0`);
  return value;
}

function rate(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !(value >= 0 && value <= 1))
    throw new FaultPlanError(`${where} must be a number between 0 and 1`);
  return value;
}

function flag(value: unknown, where: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") throw new FaultPlanError(`${where} must be true or false`);
  return value;
}

function latency(value: unknown, where: string): number | undefined {
  const ms = count(value, where);
  if (ms !== undefined && ms > 600_000) throw new FaultPlanError(`${where} must be at most 600000 ms`);
  return ms;
}

function errorFault(
  value: unknown,
  where: string,
  methods: boolean,
): (ErrorFault & { methods?: string[] }) | undefined {
  if (value === undefined) return undefined;
  const v = object(value, where);
  only(v, where, methods ? ["next", "rate", "status", "methods"] : ["next", "rate", "status"]);
  const status = count(v.status, `${where}.status`);
  if (status !== undefined && (status < 400 || status > 599))
    throw new FaultPlanError(`${where}.status must be an HTTP error status (400-599)`);
  const out: ErrorFault & { methods?: string[] } = {
    next: count(v.next, `${where}.next`),
    rate: rate(v.rate, `${where}.rate`),
    status,
  };
  if (methods && v.methods !== undefined) {
    if (!Array.isArray(v.methods) || v.methods.some((m) => typeof m !== "string"))
      throw new FaultPlanError(`${where}.methods must be a list of JSON-RPC method names`);
    out.methods = v.methods as string[];
  }
  return out;
}

function dropStreams(value: unknown, where: string): GatewayFaults["dropStreams"] {
  if (value === undefined) return undefined;
  const v = object(value, where);
  only(v, where, ["afterMs", "next", "rate"]);
  const afterMs = latency(v.afterMs, `${where}.afterMs`);
  if (afterMs === undefined) throw new FaultPlanError(`${where}.afterMs is required`);
  return { afterMs, next: count(v.next, `${where}.next`), rate: rate(v.rate, `${where}.rate`) };
}

/** Parses and checks a plan (JSON from the control API); unknown fields are errors, so typos do not pass silently. */
export function parseFaultPlan(value: unknown): FaultPlan {
  const v = object(value, "faults");
  only(v, "faults", ["rpc", "txs", "blocks", "providers"]);
  const plan: FaultPlan = {};
  if (v.rpc !== undefined) {
    const rpc = object(v.rpc, "rpc");
    only(rpc, "rpc", ["latencyMs", "errors"]);
    plan.rpc = {
      latencyMs: latency(rpc.latencyMs, "rpc.latencyMs"),
      errors: errorFault(rpc.errors, "rpc.errors", true),
    };
  }
  if (v.txs !== undefined) {
    const txs = object(v.txs, "txs");
    only(txs, "txs", ["drop"]);
    if (txs.drop !== undefined) {
      const drop = object(txs.drop, "txs.drop");
      only(drop, "txs.drop", ["next", "rate"]);
      plan.txs = {
        drop: { next: count(drop.next, "txs.drop.next"), rate: rate(drop.rate, "txs.drop.rate") },
      };
    } else plan.txs = {};
  }
  if (v.blocks !== undefined) {
    const blocks = object(v.blocks, "blocks");
    only(blocks, "blocks", ["halted"]);
    plan.blocks = { halted: flag(blocks.halted, "blocks.halted") };
  }
  if (v.providers !== undefined) {
    const providers = object(v.providers, "providers");
    plan.providers = {};
    for (const [address, raw] of Object.entries(providers)) {
      const where = `providers["${address}"]`;
      const p = object(raw, where);
      only(p, where, ["bidding", "gateway", ...PROVIDER_BEHAVIOUR_KEYS]);
      const out: ProviderFaults = {
        bidding: flag(p.bidding, `${where}.bidding`),
        ...parseProviderBehaviour(p, where, (text) => new FaultPlanError(text)),
      };
      if (p.gateway !== undefined) {
        const g = object(p.gateway, `${where}.gateway`);
        only(g, `${where}.gateway`, ["latencyMs", "errors", "timeout", "dropStreams"]);
        out.gateway = {
          latencyMs: latency(g.latencyMs, `${where}.gateway.latencyMs`),
          errors: errorFault(g.errors, `${where}.gateway.errors`, false),
          timeout: flag(g.timeout, `${where}.gateway.timeout`),
          dropStreams: dropStreams(g.dropStreams, `${where}.gateway.dropStreams`),
        };
      }
      plan.providers[address] = out;
    }
  }
  return plan;
}
