/**
 * Auditor-signed provider attributes (akash.audit.v1). Orders may require attributes `signed_by` given
 * auditors; the market module checks bids against these entries. State is in store.ts, queries in queries.ts.
 */
import {
  EventTrustedAuditorCreated,
  EventTrustedAuditorDeleted,
  MsgDeleteProviderAttributes,
  MsgDeleteProviderAttributesResponse,
  MsgSignProviderAttributes,
  MsgSignProviderAttributesResponse,
  type Attribute,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import type { ChainModule, MsgContext } from "../../../module";
import { isAccountAddress } from "../shared/address";
import { copyAttributes, validateAttributes } from "../shared/attributes";
import { registered, sdkErrors } from "../shared/errors";
import { defineMsg } from "../shared/msg-definition";
import { moduleStore } from "../shared/module-store";
import { getProvider } from "../provider/module";
import { auditQueries } from "./queries";
import { AUDIT_MODULE, byOwnerKey, saveAudit, type AuditRecord } from "./store";

/** Genesis part: `modules.audit`. */
export interface AuditGenesis {
  providers: { owner: string; auditor: string; attributes: Attribute[] }[];
}

const errProviderNotFound = registered("audit", 1, "invalid provider: address not found");
const errAttributeNotFound = registered("audit", 3, "attribute not found");

function validateAddresses(msg: { owner: string; auditor: string }): void {
  if (!isAccountAddress(msg.owner))
    throw sdkErrors.invalidAddress("MsgSignProviderAttributes: Invalid Owner Address");
  if (!isAccountAddress(msg.auditor)) {
    throw sdkErrors.invalidAddress("MsgSignProviderAttributes: Invalid Auditor Address");
  }
}

/** Merges the signed attributes into the auditor's record for the provider (keys sorted). */
function signProviderAttributes(
  ctx: MsgContext,
  msg: MsgSignProviderAttributes,
): MsgSignProviderAttributesResponse {
  if (!getProvider(ctx, msg.owner)) throw errProviderNotFound;
  const existing = moduleStore(ctx, AUDIT_MODULE).get<AuditRecord>(byOwnerKey(msg.owner, msg.auditor));
  const merged = new Map((existing?.attributes ?? []).map((a) => [a.key, a.value]));
  for (const a of msg.attributes) merged.set(a.key, a.value);
  const attributes = [...merged.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => ({ key, value }));
  saveAudit(ctx, { owner: msg.owner, auditor: msg.auditor, attributes });
  ctx.emitTyped(EventTrustedAuditorCreated.$type, { owner: msg.owner, auditor: msg.auditor });
  return {};
}

/** Removes the given keys (each must exist), or the whole record when no key is given. */
function deleteProviderAttributes(
  ctx: MsgContext,
  msg: MsgDeleteProviderAttributes,
): MsgDeleteProviderAttributesResponse {
  const existing = moduleStore(ctx, AUDIT_MODULE).get<AuditRecord>(byOwnerKey(msg.owner, msg.auditor));
  if (!existing) throw errProviderNotFound;
  let attributes: Attribute[] = [];
  if (msg.keys.length > 0) {
    for (const key of msg.keys) {
      if (!existing.attributes.some((a) => a.key === key)) throw errAttributeNotFound;
    }
    attributes = copyAttributes(existing.attributes.filter((a) => !msg.keys.includes(a.key)));
  }
  saveAudit(ctx, { ...existing, attributes });
  ctx.emitTyped(EventTrustedAuditorDeleted.$type, { owner: msg.owner, auditor: msg.auditor });
  return {};
}

export function auditModule(): ChainModule {
  return {
    name: AUDIT_MODULE,
    msgs: Object.fromEntries([
      defineMsg({
        codec: MsgSignProviderAttributes,
        response: MsgSignProviderAttributesResponse,
        signers: (msg) => [msg.auditor],
        validateBasic(msg) {
          validateAddresses(msg);
          validateAttributes(msg.attributes);
        },
        handle: signProviderAttributes,
      }),
      defineMsg({
        codec: MsgDeleteProviderAttributes,
        response: MsgDeleteProviderAttributesResponse,
        signers: (msg) => [msg.auditor],
        validateBasic: (msg) => validateAddresses(msg),
        handle: deleteProviderAttributes,
      }),
    ]),
    queries: auditQueries,
    initGenesis(ctx, genesis) {
      for (const entry of (genesis as AuditGenesis | undefined)?.providers ?? []) {
        saveAudit(ctx, {
          owner: entry.owner,
          auditor: entry.auditor,
          attributes: copyAttributes(entry.attributes),
        });
      }
    },
  };
}
