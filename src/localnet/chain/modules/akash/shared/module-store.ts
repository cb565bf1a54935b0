/** Picks a module's store from a msg or query context; msg contexts get gas metering. */
import type { KVStore, MsgContext, QueryContext } from "../../../module";
import { meteredStore } from "./metered-store";

export function moduleStore(ctx: MsgContext | QueryContext, module: string): KVStore {
  const store = ctx.storeOf(module);
  return "gas" in ctx ? meteredStore(store, ctx.gas) : store;
}
