/**
 * Builds the MsgContext / QueryContext handed to modules: keepers bound to one branch of state, one gas meter and
 * one event sink. A fresh context is made per msg so events get that msg's `msg_index`.
 */
import { typedEvent } from "./events";
import type { ChainEvent, GasMeter, KVStore, ModuleRegistry, MsgContext, QueryContext } from "./module";
import { AuthKeeperImpl } from "./modules/cosmos/auth";
import { AuthzKeeperImpl } from "./modules/cosmos/authz-keeper";
import { BankKeeperImpl } from "./modules/cosmos/bank-keeper";
import { ModuleStore } from "./store";

export interface ContextEnv {
  chainId: string;
  height: bigint;
  time: Date;
  /** The branch this context reads and writes (all modules, keys prefixed by module name). */
  store: KVStore;
  /** Undefined for queries: no metering. */
  gas: GasMeter | undefined;
  registry: ModuleRegistry;
  emit(event: ChainEvent): void;
}

const UNMETERED: GasMeter = { consume: () => undefined, used: () => 0 };

/** A MsgContext plus the concrete keepers the core modules use. */
export interface CoreContext extends MsgContext {
  auth: AuthKeeperImpl;
  bank: BankKeeperImpl;
  authz: AuthzKeeperImpl;
}

export function createContext(env: ContextEnv): CoreContext {
  const stores = new Map<string, KVStore>();
  const storeOf = (module: string): KVStore => {
    let store = stores.get(module);
    if (store === undefined) {
      store = new ModuleStore(env.store, module, env.gas);
      stores.set(module, store);
    }
    return store;
  };
  const auth = new AuthKeeperImpl(storeOf("auth"));
  const bank = new BankKeeperImpl(storeOf("bank"), auth, env.emit);
  const authz = new AuthzKeeperImpl(storeOf("authz"));
  return {
    chainId: env.chainId,
    height: env.height,
    time: env.time,
    gas: env.gas ?? UNMETERED,
    auth,
    bank,
    authz,
    storeOf,
    emit: env.emit,
    emitTyped: (protoName, json) => env.emit(typedEvent(protoName, json)),
    modules: env.registry,
  };
}

export function createQueryContext(env: Omit<ContextEnv, "gas" | "emit">): QueryContext & CoreContext {
  return createContext({ ...env, gas: undefined, emit: () => undefined });
}
