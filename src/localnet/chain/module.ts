/**
 * The contract between the localnet's chain core (tx pipeline, RPC, store, bank/auth/authz/feegrant) and its
 * modules (deployment, market, escrow, cert, provider, audit, bme, ...). A module only sees these interfaces, so
 * the core and the modules can change independently.
 *
 * State lives in a per-module KVStore that the core can branch and roll back (a failed msg discards its writes,
 * simulate runs on a throwaway branch). Values are plain JS data and are treated as immutable: never mutate an
 * object you read — write a new one with `set`. Persistence is by replaying the block log from genesis, so modules
 * must be deterministic: use only `ctx` (height, time) — never Date.now() or Math.random() inside handlers.
 */

/** Key-value state of one module. Keys are strings; iteration is in ascending key order. */
export interface KVStore {
  get<T>(key: string): T | undefined;
  has(key: string): boolean;
  set<T>(key: string, value: T): void;
  delete(key: string): void;
  /** Entries whose key starts with `prefix`, ascending by key. */
  iterate<T>(prefix: string): IterableIterator<[string, T]>;
}

/** A Cosmos SDK error: codespace + code + the registered description; `log` is the full wrapped text. */
export class ChainError extends Error {
  constructor(
    readonly codespace: string,
    readonly code: number,
    /** Full log text as the SDK prints it, e.g. "account sequence mismatch, expected 5, got 4: incorrect account sequence". */
    readonly log: string,
    /** gRPC status for query errors (NotFound → ABCI 22 "key not found", InvalidArgument → 18, ...). */
    readonly grpcCode?: "NotFound" | "InvalidArgument" | "FailedPrecondition" | "Unauthenticated" | "Unknown",
  ) {
    super(log);
    this.name = "ChainError";
  }
}

export interface Coin {
  denom: string;
  /** Integer amount as a bigint (uakt/uact amounts exceed 2^53). */
  amount: bigint;
}

/** One ABCI event attribute list; typed events use `typedEvent()` from the core to get the SDK's JSON encoding. */
export interface ChainEvent {
  type: string;
  attributes: { key: string; value: string }[];
}

/** Gas metering: modules charge for reads/writes like the SDK's KV store gas config does, roughly. */
export interface GasMeter {
  consume(amount: number, descriptor: string): void;
  used(): number;
}

export interface BankKeeper {
  balance(address: string, denom: string): bigint;
  balances(address: string): Coin[];
  /** Account to account; honours SendEnabled (uact is not transferable) only for MsgSend, not for module moves. */
  send(from: string, to: string, coins: Coin[]): void;
  /** Account → module account (e.g. escrow). Throws ChainError insufficient funds (sdk 5) with the SDK's text. */
  sendToModule(from: string, module: string, coins: Coin[]): void;
  sendFromModule(module: string, to: string, coins: Coin[]): void;
  mint(module: string, coins: Coin[]): void;
  burn(module: string, coins: Coin[]): void;
  moduleBalance(module: string, denom: string): bigint;
}

export interface AuthKeeper {
  /** Compressed secp256k1 public key (33 bytes) once the account has signed a tx, else undefined. */
  pubkey(address: string): Uint8Array | undefined;
  exists(address: string): boolean;
  /** Creates the account (next account number) if missing, as the SDK does when coins are first received. */
  ensure(address: string): void;
}

export interface Authorization {
  typeUrl: string;
  /** The decoded authorization message (e.g. akash.escrow.v1.DepositAuthorization, chain-sdk types). */
  value: unknown;
  expiration?: Date;
}

export interface AuthzKeeper {
  /** The grant from granter to grantee for msgTypeUrl, if present and not expired at ctx time. */
  get(granter: string, grantee: string, msgTypeUrl: string, now: Date): Authorization | undefined;
  /** Replace (after spending) or delete (undefined) a grant. */
  set(granter: string, grantee: string, msgTypeUrl: string, authorization: Authorization | undefined): void;
  /** All grants whose grantee is `grantee` for msgTypeUrl (used to find deposit grants). */
  byGrantee(
    grantee: string,
    msgTypeUrl: string,
    now: Date,
  ): { granter: string; authorization: Authorization }[];
}

export interface MsgContext {
  chainId: string;
  height: bigint;
  time: Date;
  gas: GasMeter;
  bank: BankKeeper;
  auth: AuthKeeper;
  authz: AuthzKeeper;
  /** A module's state by module name (each module has its own namespace; cross-module calls pass ctx along). */
  storeOf(module: string): KVStore;
  /** Emit an event; the core appends `msg_index`. */
  emit(event: ChainEvent): void;
  /** Emit a typed event the way the SDK does (type = full proto name, one attribute per JSON field, sorted). */
  emitTyped(protoName: string, jsonObject: Record<string, unknown>): void;
  /** Other modules, for cross-module calls (e.g. market → escrow). */
  modules: ModuleRegistry;
}

export interface QueryContext {
  /** Read-only use expected; writes in a query are discarded. */
  storeOf(module: string): KVStore;
  chainId: string;
  height: bigint;
  time: Date;
  bank: BankKeeper;
  auth: AuthKeeper;
  authz: AuthzKeeper;
  modules: ModuleRegistry;
}

export interface MsgHandler<M = unknown> {
  /** Decode the Any value bytes into a message object (chain-sdk generated `X.decode`). */
  decode(bytes: Uint8Array): M;
  /** Amino JSON `{type, value}` of the message, for LEGACY_AMINO_JSON sign-bytes. */
  toAmino(msg: M): { type: string; value: unknown };
  /** Signer addresses (custom GetSigners rules, chain-rules.md §2.2). */
  signers(msg: M): string[];
  /** Stateless checks; throw ChainError (runs in CheckTx). */
  validateBasic?(msg: M): void;
  /** Execute; return the encoded response message and its type URL (goes into TxMsgData.msg_responses). */
  handle(ctx: MsgContext, msg: M): { typeUrl: string; value: Uint8Array };
}

export interface QueryHandler {
  /** `path` like "/akash.deployment.v1beta4.Query/Deployments"; request is protobuf bytes; returns protobuf bytes. */
  (ctx: QueryContext, request: Uint8Array): Uint8Array;
}

export interface ChainModule {
  name: string;
  /** Keyed by type URL, e.g. "/akash.deployment.v1beta4.MsgCreateDeployment". */
  msgs: Record<string, MsgHandler<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Keyed by full gRPC method path. */
  queries: Record<string, QueryHandler>;
  /**
   * Called at the start of every block with this module's input from outside the chain, or undefined: localnet
   * operator actions (e.g. the oracle price feed stalling) that the node records in the block log, so a replay
   * repeats them in the same block.
   */
  beginBlock?(ctx: MsgContext, input: unknown): void;
  /** Called at the end of every block (e.g. BME epoch mints, escrow housekeeping). */
  endBlock?(ctx: MsgContext): void;
  /** Called once at genesis with this module's part of the genesis spec. */
  initGenesis?(ctx: MsgContext, genesis: unknown): void;
}

export interface ModuleRegistry {
  get<T extends ChainModule>(name: string): T;
}
