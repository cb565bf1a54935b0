/**
 * A minimal, real in-memory implementation of the module contract (store, bank, auth, authz, contexts) to run
 * the Akash modules' handlers directly: each `deliver` runs validateBasic + handle on a copy of state and keeps
 * it only on success, like a msg inside FinalizeBlock. Not a mock of module logic: balances really move.
 */
import {
  ChainError,
  type Authorization,
  type AuthzKeeper,
  type BankKeeper,
  type ChainEvent,
  type ChainModule,
  type Coin,
  type KVStore,
  type MsgContext,
  type QueryContext,
} from "../../../../src/localnet/chain/module";

class MemoryStore implements KVStore {
  /** Keys kept sorted (binary-search insert) so prefix iteration costs O(log n + matches), like a real tree. */
  private readonly sorted: string[];

  constructor(readonly data = new Map<string, unknown>()) {
    this.sorted = [...data.keys()].sort();
  }
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  has(key: string): boolean {
    return this.data.has(key);
  }
  set<T>(key: string, value: T): void {
    if (!this.data.has(key)) this.sorted.splice(this.lowerBound(key), 0, key);
    this.data.set(key, value);
  }
  delete(key: string): void {
    if (!this.data.delete(key)) return;
    this.sorted.splice(this.lowerBound(key), 1);
  }
  *iterate<T>(prefix: string): IterableIterator<[string, T]> {
    const keys: string[] = [];
    for (let i = this.lowerBound(prefix); i < this.sorted.length; i++) {
      const key = this.sorted[i] ?? "";
      if (!key.startsWith(prefix)) break;
      keys.push(key);
    }
    for (const key of keys) if (this.data.has(key)) yield [key, this.data.get(key) as T];
  }
  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sorted[mid] ?? "") < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

interface State {
  stores: Map<string, MemoryStore>;
  balances: Map<string, Map<string, bigint>>;
  grants: Map<string, Authorization>;
}

const moduleAddress = (name: string) => `module:${name}`;

function cloneState(state: State): State {
  return {
    stores: new Map([...state.stores].map(([k, s]) => [k, new MemoryStore(new Map(s.data))])),
    balances: new Map([...state.balances].map(([k, m]) => [k, new Map(m)])),
    grants: new Map(state.grants),
  };
}

export interface DeliverResult<R = unknown> {
  events: ChainEvent[];
  response: R;
  gasUsed: number;
}

export class MemoryChain {
  height = 1n;
  time = new Date("2026-01-01T00:00:00Z");
  readonly chainId = "akash-localnet-1";
  private state: State = { stores: new Map(), balances: new Map(), grants: new Map() };
  private readonly byName = new Map<string, ChainModule>();

  /** `atomic: false` skips the per-msg state copy (benchmarks with large state). */
  constructor(
    readonly modules: ChainModule[],
    private readonly options: { atomic?: boolean } = {},
  ) {
    for (const m of modules) this.byName.set(m.name, m);
  }

  fund(address: string, coins: Coin[]): void {
    for (const c of coins) this.addBalance(address, c.denom, c.amount);
  }

  balance(address: string, denom: string): bigint {
    return this.state.balances.get(address)?.get(denom) ?? 0n;
  }

  moduleBalance(name: string, denom: string): bigint {
    return this.balance(moduleAddress(name), denom);
  }

  grant(granter: string, grantee: string, msgTypeUrl: string, authorization: Authorization): void {
    this.state.grants.set(`${granter}|${grantee}|${msgTypeUrl}`, authorization);
  }

  getGrant(granter: string, grantee: string, msgTypeUrl: string): Authorization | undefined {
    return this.state.grants.get(`${granter}|${grantee}|${msgTypeUrl}`);
  }

  initGenesis(parts: Record<string, unknown>): void {
    const events: ChainEvent[] = [];
    for (const m of this.modules) m.initGenesis?.(this.context(events, { used: 0 }), parts[m.name]);
  }

  /** Encodes `msg` with its type, decodes it through the module (as the core does), runs it atomically. */
  deliver<R = unknown>(
    typeUrl: string,
    codec: { encode(m: never): { finish(): Uint8Array }; fromPartial(o: never): unknown },
    msg: unknown,
    responseCodec?: { decode(b: Uint8Array): R },
  ): DeliverResult<R> {
    const handler = this.modules.map((m) => m.msgs[typeUrl]).find((h) => h !== undefined);
    if (!handler) throw new Error(`no handler for ${typeUrl}`);
    const decoded = handler.decode(codec.encode(codec.fromPartial(msg as never) as never).finish());
    handler.validateBasic?.(decoded);
    const saved = this.options.atomic === false ? this.state : cloneState(this.state);
    const events: ChainEvent[] = [];
    const gas = { used: 0 };
    try {
      const result = handler.handle(this.context(events, gas), decoded);
      return {
        events,
        response: responseCodec ? responseCodec.decode(result.value) : (undefined as R),
        gasUsed: gas.used,
      };
    } catch (error) {
      this.state = saved;
      throw error;
    }
  }

  query<R>(path: string, request: Uint8Array, responseCodec: { decode(b: Uint8Array): R }): R {
    const handler = this.modules.map((m) => m.queries[path]).find((h) => h !== undefined);
    if (!handler) throw new Error(`no query ${path}`);
    return responseCodec.decode(handler(this.queryContext(), request));
  }

  /** Advances one block (time +1 s) and runs every EndBlocker. */
  nextBlock(count = 1): ChainEvent[] {
    const events: ChainEvent[] = [];
    for (let i = 0; i < count; i++) {
      this.height += 1n;
      this.time = new Date(this.time.getTime() + 1000);
      for (const m of this.modules) m.endBlock?.(this.context(events, { used: 0 }));
    }
    return events;
  }

  private store(name: string): MemoryStore {
    let store = this.state.stores.get(name);
    if (!store) {
      store = new MemoryStore();
      this.state.stores.set(name, store);
    }
    return store;
  }

  private addBalance(address: string, denom: string, amount: bigint): void {
    let balances = this.state.balances.get(address);
    if (!balances) {
      balances = new Map();
      this.state.balances.set(address, balances);
    }
    balances.set(denom, (balances.get(denom) ?? 0n) + amount);
  }

  private move(from: string, to: string, coins: Coin[], events: ChainEvent[]): void {
    for (const c of coins) {
      const have = this.balance(from, c.denom);
      if (have < c.amount) {
        throw new ChainError(
          "sdk",
          5,
          `spendable balance ${have}${c.denom} is smaller than ${c.amount}${c.denom}: insufficient funds`,
        );
      }
      this.addBalance(from, c.denom, -c.amount);
      this.addBalance(to, c.denom, c.amount);
    }
    events.push({
      type: "transfer",
      attributes: [
        { key: "recipient", value: to },
        { key: "sender", value: from },
        { key: "amount", value: coins.map((c) => `${c.amount}${c.denom}`).join(",") },
      ],
    });
  }

  private bank(events: ChainEvent[]): BankKeeper {
    return {
      balance: (address, denom) => this.balance(address, denom),
      balances: (address) =>
        [...(this.state.balances.get(address) ?? new Map<string, bigint>())].map(([denom, amount]) => ({
          denom,
          amount,
        })),
      send: (from, to, coins) => this.move(from, to, coins, events),
      sendToModule: (from, module, coins) => this.move(from, moduleAddress(module), coins, events),
      sendFromModule: (module, to, coins) => this.move(moduleAddress(module), to, coins, events),
      mint: (module, coins) =>
        coins.forEach((c) => this.addBalance(moduleAddress(module), c.denom, c.amount)),
      burn: (module, coins) =>
        coins.forEach((c) => this.addBalance(moduleAddress(module), c.denom, -c.amount)),
      moduleBalance: (module, denom) => this.moduleBalance(module, denom),
    };
  }

  private authz(): AuthzKeeper {
    const live = (a: Authorization, now: Date) => !a.expiration || a.expiration > now;
    return {
      get: (granter, grantee, url, now) => {
        const a = this.state.grants.get(`${granter}|${grantee}|${url}`);
        return a && live(a, now) ? a : undefined;
      },
      set: (granter, grantee, url, a) => {
        const key = `${granter}|${grantee}|${url}`;
        if (a) this.state.grants.set(key, a);
        else this.state.grants.delete(key);
      },
      byGrantee: (grantee, url, now) =>
        [...this.state.grants]
          .filter(([key, a]) => key.endsWith(`|${grantee}|${url}`) && live(a, now))
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([key, authorization]) => ({ granter: key.split("|")[0] ?? "", authorization })),
    };
  }

  private queryContext(): QueryContext {
    return {
      storeOf: (name) => this.store(name),
      chainId: this.chainId,
      height: this.height,
      time: this.time,
      bank: this.bank([]),
      auth: { pubkey: () => undefined, exists: () => true, ensure: () => undefined },
      authz: this.authz(),
      modules: { get: <T extends ChainModule>(name: string) => this.byName.get(name) as T },
    };
  }

  private context(events: ChainEvent[], gas: { used: number }): MsgContext {
    return {
      ...this.queryContext(),
      bank: this.bank(events),
      gas: { consume: (amount) => void (gas.used += amount), used: () => gas.used },
      emit: (event) => events.push(event),
      emitTyped: (type, json) =>
        events.push({
          type,
          attributes: Object.keys(json)
            .sort()
            .map((key) => ({ key, value: JSON.stringify(json[key]) })),
        }),
    };
  }
}
