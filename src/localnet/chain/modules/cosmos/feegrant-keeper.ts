/** x/feegrant state: allowances keyed by grantee and granter, with a by-granter index; spent by the ante handler. */
import { sdkError, wrapError } from "../../errors";
import { event } from "../../events";
import type { ChainError, Coin, KVStore, MsgContext } from "../../module";
import { accept, type AllowanceRecord, type AllowanceValue } from "./feegrant-allowances";

const allowanceKey = (granter: string, grantee: string) => `allowance/${grantee}/${granter}`;
const granterIndexKey = (granter: string, grantee: string) => `by_granter/${granter}/${grantee}`;

export class FeegrantKeeper {
  constructor(
    private readonly store: KVStore,
    private readonly emit: MsgContext["emit"],
  ) {}

  get(granter: string, grantee: string): AllowanceRecord | undefined {
    return this.store.get<AllowanceRecord>(allowanceKey(granter, grantee));
  }

  set(record: AllowanceRecord): void {
    this.store.set(allowanceKey(record.granter, record.grantee), record);
    this.store.set(granterIndexKey(record.granter, record.grantee), true);
  }

  remove(granter: string, grantee: string): void {
    this.store.delete(allowanceKey(granter, grantee));
    this.store.delete(granterIndexKey(granter, grantee));
  }

  /** The ante fee decorator's call; errors carry the SDK's "<granter> does not allow to pay fees for <grantee>". */
  useGrantedFees(granter: string, grantee: string, fee: Coin[], msgTypeUrls: string[], now: Date): void {
    try {
      const record = this.get(granter, grantee);
      if (!record) throw sdkError(38, "fee-grant not found");
      let result: { remove: boolean; updated: AllowanceValue };
      try {
        result = accept(record.typeUrl, record.value, fee, msgTypeUrls, now);
      } catch (e) {
        if ((e as ChainError).codespace === "feegrant" && (e as ChainError).code === 3)
          this.remove(granter, grantee);
        throw e;
      }
      if (result.remove) {
        this.remove(granter, grantee);
        this.emit(event("revoke_feegrant", { granter, grantee }));
      } else {
        this.set({ ...record, value: result.updated });
        this.emit(event("update_feegrant", { granter, grantee }));
      }
      this.emit(event("use_feegrant", { granter, grantee }));
    } catch (e) {
      if ((e as ChainError).codespace === undefined) throw e;
      throw wrapError(e as ChainError, `${granter} does not allow to pay fees for ${grantee}`);
    }
  }

  list(prefix: string): AllowanceRecord[] {
    return [...this.store.iterate<AllowanceRecord>(prefix)].map(([, r]) => r);
  }
}
