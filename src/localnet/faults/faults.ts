/**
 * The live fault state of a localnet and the decisions the RPC server, the block producer, the bid engines and
 * the gateways ask it for. One instance is shared by the chain and its providers.
 */
import type { ProviderBehaviour } from "./provider-behaviour";
import {
  parseFaultPlan,
  type ErrorFault,
  type FaultPlan,
  type GatewayFaults,
  type ProviderFaults,
} from "./fault-plan";

export interface InjectedFailure {
  status: number;
  message: string;
}

export interface GatewayDecision {
  latencyMs: number;
  /** Answer with this error instead of handling the request. */
  failure?: InjectedFailure;
  /** Never answer. */
  timeout: boolean;
}

const ALL_PROVIDERS = "*";

/** Drops `undefined` fields, so merging and GET output only show what is set. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export class LocalnetFaults {
  private plan: FaultPlan = {};

  constructor(private readonly random: () => number = Math.random) {}

  /**
   * Adds faults: each section given (`rpc`, `txs`, `blocks`) replaces that section; `providers` entries replace
   * the entry of that address. Throws FaultPlanError (with the offending field) for an invalid plan.
   */
  set(plan: FaultPlan): FaultPlan {
    const parsed = parseFaultPlan(JSON.parse(JSON.stringify(plan)) as unknown);
    const next: FaultPlan = { ...this.plan };
    if (parsed.rpc) next.rpc = parsed.rpc;
    if (parsed.txs) next.txs = parsed.txs;
    if (parsed.blocks) next.blocks = parsed.blocks;
    if (parsed.providers) next.providers = { ...this.plan.providers, ...parsed.providers };
    this.plan = next;
    return this.get();
  }

  clear(): void {
    this.plan = {};
  }

  /** The active plan, with the remaining `next` counts. */
  get(): FaultPlan {
    return JSON.parse(JSON.stringify(this.plan)) as FaultPlan;
  }

  /** Consumes one draw from an error fault: true when this request is to fail. */
  private draw(fault: { next?: number; rate?: number } | undefined): boolean {
    if (fault === undefined) return false;
    if (fault.next !== undefined && fault.next > 0) {
      fault.next--;
      return true;
    }
    return fault.rate !== undefined && fault.rate > 0 && this.random() < fault.rate;
  }

  private failure(fault: ErrorFault, what: string): InjectedFailure {
    const status = fault.status ?? 503;
    return { status, message: `localnet fault injection: ${what} failed with HTTP ${status}` };
  }

  rpcLatencyMs(): number {
    return this.plan.rpc?.latencyMs ?? 0;
  }

  /** Whether an outside RPC request calling `methods` fails (consumes a `next` only when one of them matches). */
  rpcFailure(methods: string[]): InjectedFailure | undefined {
    const errors = this.plan.rpc?.errors;
    if (errors === undefined) return undefined;
    if (errors.methods !== undefined && !methods.some((m) => errors.methods!.includes(m))) return undefined;
    return this.draw(errors) ? this.failure(errors, `RPC ${methods.join(",") || "request"}`) : undefined;
  }

  /** Whether an accepted outside broadcast is silently dropped. */
  dropTx(): boolean {
    return this.draw(this.plan.txs?.drop);
  }

  blocksHalted(): boolean {
    return this.plan.blocks?.halted === true;
  }

  private provider(address: string): ProviderFaults {
    const all = this.plan.providers?.[ALL_PROVIDERS];
    const own = this.plan.providers?.[address];
    const gateway: GatewayFaults | undefined =
      all?.gateway || own?.gateway
        ? { ...defined(all?.gateway ?? {}), ...defined(own?.gateway ?? {}) }
        : undefined;
    return { ...defined(all ?? {}), ...defined(own ?? {}), gateway };
  }

  biddingEnabled(address: string): boolean {
    return this.provider(address).bidding !== false;
  }

  /** The provider's behaviour settings: the address entry's fields override those of "*". */
  behaviour(address: string): ProviderBehaviour {
    const { software, images, rolloutMs, hashLagMs } = this.provider(address);
    return defined({ software, images, rolloutMs, hashLagMs });
  }

  /** For a WebSocket stream that just opened: after how many ms to cut it, or undefined to leave it. */
  streamDrop(address: string): number | undefined {
    const drop =
      this.plan.providers?.[address]?.gateway?.dropStreams ??
      this.plan.providers?.[ALL_PROVIDERS]?.gateway?.dropStreams;
    return drop && this.draw(drop) ? drop.afterMs : undefined;
  }

  gateway(address: string): GatewayDecision {
    // Draw from the entry that defines the errors, so `next` counts down where it was set.
    const own = this.plan.providers?.[address]?.gateway;
    const all = this.plan.providers?.[ALL_PROVIDERS]?.gateway;
    const errors = own?.errors ?? all?.errors;
    const merged = this.provider(address).gateway ?? {};
    return {
      latencyMs: merged.latencyMs ?? 0,
      timeout: merged.timeout === true,
      failure: errors && this.draw(errors) ? this.failure(errors, `gateway of ${address}`) : undefined,
    };
  }
}
