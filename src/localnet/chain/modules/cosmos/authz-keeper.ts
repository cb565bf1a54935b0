/**
 * x/authz state: grants keyed by granter, grantee and msg type, plus a by-grantee index in the SDK's store order.
 */
import { addressBytes } from "../../address";
import type { Authorization, AuthzKeeper, KVStore } from "../../module";

export interface GrantRecord {
  granter: string;
  grantee: string;
  msgTypeUrl: string;
  authorization: Authorization;
}

const grantKey = (granter: string, grantee: string, msgTypeUrl: string) =>
  `grant/${granter}/${grantee}/${msgTypeUrl}`;

/**
 * The SDK keys grants by length-prefixed address bytes, so walking a grantee's grants visits granters in
 * (length, address bytes) order, not in bech32 text order; the index key sorts the same way.
 */
function addressOrder(address: string): string {
  const bytes = addressBytes(address);
  return `${bytes.length.toString(16).padStart(2, "0")}${Buffer.from(bytes).toString("hex")}`;
}

const granteeIndexKey = (granter: string, grantee: string, msgTypeUrl: string) =>
  `by_grantee/${grantee}/${msgTypeUrl}/${addressOrder(granter)}`;

function expired(authorization: Authorization, now: Date): boolean {
  return authorization.expiration !== undefined && authorization.expiration.getTime() <= now.getTime();
}

export class AuthzKeeperImpl implements AuthzKeeper {
  constructor(private readonly store: KVStore) {}

  get(granter: string, grantee: string, msgTypeUrl: string, now: Date): Authorization | undefined {
    const record = this.store.get<GrantRecord>(grantKey(granter, grantee, msgTypeUrl));
    if (!record || expired(record.authorization, now)) return undefined;
    return record.authorization;
  }

  set(granter: string, grantee: string, msgTypeUrl: string, authorization: Authorization | undefined): void {
    if (authorization === undefined) {
      this.store.delete(grantKey(granter, grantee, msgTypeUrl));
      this.store.delete(granteeIndexKey(granter, grantee, msgTypeUrl));
      return;
    }
    this.store.set<GrantRecord>(grantKey(granter, grantee, msgTypeUrl), {
      granter,
      grantee,
      msgTypeUrl,
      authorization,
    });
    this.store.set(granteeIndexKey(granter, grantee, msgTypeUrl), granter);
  }

  has(granter: string, grantee: string, msgTypeUrl: string): boolean {
    return this.store.has(grantKey(granter, grantee, msgTypeUrl));
  }

  /** Unexpired grants to `grantee` for `msgTypeUrl`, in the SDK's store order (granter address bytes). */
  byGrantee(
    grantee: string,
    msgTypeUrl: string,
    now: Date,
  ): { granter: string; authorization: Authorization }[] {
    const result: { granter: string; authorization: Authorization }[] = [];
    for (const [, granter] of this.store.iterate<string>(`by_grantee/${grantee}/${msgTypeUrl}/`)) {
      const authorization = this.get(granter, grantee, msgTypeUrl, now);
      if (authorization) result.push({ granter, authorization });
    }
    return result;
  }

  /** All grants (expired included, like the SDK until pruning), optionally filtered. */
  list(filter: { granter?: string; grantee?: string; msgTypeUrl?: string }): GrantRecord[] {
    const prefix = filter.granter ? `grant/${filter.granter}/` : "grant/";
    const records: GrantRecord[] = [];
    for (const [, record] of this.store.iterate<GrantRecord>(prefix)) {
      if (filter.grantee && record.grantee !== filter.grantee) continue;
      if (filter.msgTypeUrl && record.msgTypeUrl !== filter.msgTypeUrl) continue;
      records.push(record);
    }
    return records;
  }
}

/** The chain's authz keeper, with the methods only the authz module itself uses. */
export function authzKeeper(ctx: { authz: AuthzKeeper }): AuthzKeeperImpl {
  return ctx.authz as AuthzKeeperImpl;
}
