/** The audit module's state: each provider's attributes as signed by each auditor, indexed both ways. */
import type { Attribute } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import type { MsgContext, QueryContext } from "../../../module";
import { moduleStore } from "../shared/module-store";

export const AUDIT_MODULE = "audit";

export interface AuditRecord {
  owner: string;
  auditor: string;
  attributes: Attribute[];
}

export const byOwnerKey = (owner: string, auditor: string) => `o/${owner}/${auditor}`;
export const byAuditorKey = (auditor: string, owner: string) => `a/${auditor}/${owner}`;

/** Every auditor's signed attributes for a provider. */
export function auditsOf(ctx: MsgContext | QueryContext, owner: string): AuditRecord[] {
  return [...moduleStore(ctx, AUDIT_MODULE).iterate<AuditRecord>(`o/${owner}/`)].map(([, v]) => v);
}

/** Writes the record, or deletes it (both index entries) when no attribute is left. */
export function saveAudit(ctx: MsgContext, record: AuditRecord): void {
  const store = moduleStore(ctx, AUDIT_MODULE);
  if (record.attributes.length === 0) {
    store.delete(byOwnerKey(record.owner, record.auditor));
    store.delete(byAuditorKey(record.auditor, record.owner));
    return;
  }
  store.set(byOwnerKey(record.owner, record.auditor), record);
  store.set(byAuditorKey(record.auditor, record.owner), true);
}
