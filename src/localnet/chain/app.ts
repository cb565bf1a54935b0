/**
 * The ABCI application: committed state, check state, the msg router and query routes, genesis, FinalizeBlock,
 * Commit and queries. It knows nothing about time or networking; the node drives it.
 */
import { sha256 } from "@noble/hashes/sha2";
import { createContext, createQueryContext } from "./context";
import { toChainError } from "./errors";
import type { GenesisSpec } from "../genesis";
import type { BlockInputs } from "./block-log";
import { BasicGasMeter } from "./gas";
import {
  ChainError,
  type ChainEvent,
  type ChainModule,
  type ModuleRegistry,
  type MsgContext,
  type MsgHandler,
  type QueryHandler,
} from "./module";
import { MODULE_ACCOUNT_PERMISSIONS } from "./modules/cosmos/auth";
import { BranchStore, CommitStore } from "./store";
import { runTx, type TxEnv, type TxResult } from "./tx/run-tx";

export interface QueryResult {
  code: number;
  codespace: string;
  log: string;
  value: Uint8Array;
}

export interface FinalizedBlock {
  txResults: TxResult[];
  /** Events of end-block hooks (finalize_block_events). */
  events: ChainEvent[];
}

/** A query route served by the app itself (tx Service/Simulate, GetTx) rather than a module. */
export type AppQueryHandler = (request: Uint8Array) => Uint8Array;

const GRPC_TO_ABCI: Record<string, { code: number; description: string }> = {
  NotFound: { code: 22, description: "key not found" },
  InvalidArgument: { code: 18, description: "invalid request" },
  FailedPrecondition: { code: 18, description: "invalid request" },
  Unauthenticated: { code: 4, description: "unauthorized" },
  Unknown: { code: 6, description: "unknown request" },
};

/** baseapp gRPCErrorToSDKError: a status error prints as "rpc error: code = X desc = ..."; a registered one as its text. */
export function queryFailure(err: ChainError): QueryResult {
  const grpc = err.grpcCode ?? "Unknown";
  const mapped = GRPC_TO_ABCI[grpc] ?? GRPC_TO_ABCI.Unknown!;
  const isStatusError = err.codespace === "sdk" && err.code === 0;
  const text = isStatusError ? `rpc error: code = ${grpc} desc = ${err.log}` : err.log;
  return {
    code: mapped.code,
    codespace: "sdk",
    log: `${text}: ${mapped.description}`,
    value: new Uint8Array(),
  };
}

export class ChainApp {
  readonly store = new CommitStore();
  private checkState: BranchStore;
  private readonly router = new Map<string, MsgHandler<unknown>>();
  private readonly queries = new Map<string, QueryHandler>();
  private readonly appQueries = new Map<string, AppQueryHandler>();
  private readonly modulesByName = new Map<string, ChainModule>();
  readonly registry: ModuleRegistry;
  lastHeight = 0n;
  lastTime: Date;
  appHash: Uint8Array = new Uint8Array(32);
  /** Replaying the block log: signatures were verified when the blocks were made. */
  replaying = false;

  constructor(
    readonly chainId: string,
    readonly modules: ChainModule[],
    genesisTime: Date,
  ) {
    this.lastTime = genesisTime;
    for (const module of modules) {
      if (this.modulesByName.has(module.name)) throw new Error(`duplicate chain module "${module.name}"`);
      this.modulesByName.set(module.name, module);
      for (const [typeUrl, handler] of Object.entries(module.msgs)) {
        if (this.router.has(typeUrl)) throw new Error(`msg ${typeUrl} is registered twice`);
        this.router.set(typeUrl, handler);
      }
      for (const [path, handler] of Object.entries(module.queries)) this.queries.set(path, handler);
    }
    const byName = this.modulesByName;
    this.registry = {
      get<T extends ChainModule>(name: string): T {
        const module = byName.get(name);
        if (!module) throw new Error(`chain module "${name}" is not registered`);
        return module as T;
      },
    };
    this.checkState = this.store.branch();
  }

  lookup = (typeUrl: string): MsgHandler<unknown> | undefined => this.router.get(typeUrl);

  registerAppQuery(path: string, handler: AppQueryHandler): void {
    this.appQueries.set(path, handler);
  }

  private txEnv(height: bigint, time: Date): TxEnv {
    return {
      chainId: this.chainId,
      height,
      time,
      registry: this.registry,
      lookup: this.lookup,
      trustSignatures: this.replaying,
    };
  }

  initChain(genesis: GenesisSpec): void {
    const branch = this.store.branch();
    const ctx = createContext({
      chainId: this.chainId,
      height: 0n,
      time: genesis.genesisTime,
      store: branch,
      gas: new BasicGasMeter(undefined),
      registry: this.registry,
      emit: () => undefined,
    });
    for (const name of Object.keys(MODULE_ACCOUNT_PERMISSIONS)) ctx.auth.ensureModule(name);
    for (const account of genesis.accounts) {
      ctx.bank.genesisCredit(account.address, account.coins);
    }
    for (const module of this.modules) {
      if (module.initGenesis) module.initGenesis(ctx, genesis.modules[module.name]);
    }
    branch.write();
    this.lastTime = genesis.genesisTime;
    this.appHash = sha256(new TextEncoder().encode(`genesis ${this.chainId} ${this.store.size()}`));
    this.checkState = this.store.branch();
  }

  /** CheckTx against check state (sequences advance there until the next commit). */
  checkTx(bytes: Uint8Array): TxResult {
    return runTx(this.txEnv(this.lastHeight + 1n, this.lastTime), "check", bytes, this.checkState);
  }

  /** Simulate on a throwaway branch of check state, msgs included. */
  simulate(bytes: Uint8Array): TxResult {
    return runTx(
      this.txEnv(this.lastHeight + 1n, this.lastTime),
      "simulate",
      bytes,
      this.checkState.branch(),
    );
  }

  finalizeBlock(height: bigint, time: Date, txs: Uint8Array[], inputs: BlockInputs = {}): FinalizedBlock {
    const env = this.txEnv(height, time);
    const events: ChainEvent[] = [];
    for (const module of this.modules) {
      if (module.beginBlock) {
        const beginBlock = module.beginBlock.bind(module);
        this.runBlockHook(module.name, "begin", height, time, events, (ctx) =>
          beginBlock(ctx, inputs[module.name]),
        );
      }
    }
    const txResults = txs.map((bytes) => runTx(env, "deliver", bytes, this.store));
    for (const module of this.modules) {
      if (module.endBlock) {
        const endBlock = module.endBlock.bind(module);
        this.runBlockHook(module.name, "end", height, time, events, endBlock);
      }
    }
    this.lastHeight = height;
    this.lastTime = time;
    return { txResults, events };
  }

  /** One module's begin/end-block hook on a branch: kept with its events, or dropped whole if it throws. */
  private runBlockHook(
    name: string,
    phase: "begin" | "end",
    height: bigint,
    time: Date,
    events: ChainEvent[],
    hook: (ctx: MsgContext) => void,
  ): void {
    const branch = this.store.branch();
    const moduleEvents: ChainEvent[] = [];
    const ctx = createContext({
      chainId: this.chainId,
      height,
      time,
      store: branch,
      gas: new BasicGasMeter(undefined),
      registry: this.registry,
      emit: (e) => moduleEvents.push(e),
    });
    try {
      hook(ctx);
      branch.write();
      events.push(...moduleEvents);
    } catch (e) {
      // A failing hook must not halt the chain; its writes are dropped (deterministically, so replay agrees).
      console.error(`localnet: ${phase}-block hook of module ${name} failed: ${toChainError(e).log}`);
    }
  }

  /** Commit: new app hash (a hash chain over the block's results) and a fresh check state. */
  commit(block: FinalizedBlock): Uint8Array {
    const parts: string[] = [String(this.lastHeight), String(this.store.size())];
    for (const r of block.txResults) parts.push(`${r.code}:${r.gasUsed}:${r.events.length}`);
    const summary = new TextEncoder().encode(parts.join("|"));
    const input = new Uint8Array(this.appHash.length + summary.length);
    input.set(this.appHash);
    input.set(summary, this.appHash.length);
    this.appHash = sha256(input);
    this.checkState = this.store.branch();
    return this.appHash;
  }

  /** Every query route (gRPC method paths such as "/akash.deployment.v1beta4.Query/Deployment"). */
  queryPaths(): string[] {
    return [...new Set([...this.queries.keys(), ...this.appQueries.keys()])];
  }

  /**
   * Runs a known query route against committed state; failures throw a ChainError whose `grpcCode` and `log` are
   * what the node's gRPC server would answer with (unexpected errors become Unknown).
   */
  runQuery(path: string, data: Uint8Array): Uint8Array {
    const appHandler = this.appQueries.get(path);
    const handler = this.queries.get(path);
    try {
      if (appHandler) return appHandler(data);
      if (!handler) throw new ChainError("sdk", 6, `unknown query path: ${path}`, "Unknown");
      const ctx = createQueryContext({
        chainId: this.chainId,
        height: this.lastHeight,
        time: this.lastTime,
        store: this.store.branch(),
        registry: this.registry,
      });
      return handler(ctx, data);
    } catch (e) {
      if (e instanceof ChainError) throw e;
      throw new ChainError("sdk", 0, toChainError(e).log, "Unknown");
    }
  }

  query(path: string, data: Uint8Array): QueryResult {
    if (!this.appQueries.has(path) && !this.queries.has(path)) {
      return {
        code: 6,
        codespace: "sdk",
        log: `unknown query path: ${path}: unknown request`,
        value: new Uint8Array(),
      };
    }
    try {
      return { code: 0, codespace: "", log: "", value: this.runQuery(path, data) };
    } catch (e) {
      return queryFailure(e as ChainError);
    }
  }
}
