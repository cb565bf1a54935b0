/**
 * Auditor-signed provider attributes (akash.audit.v1). Orders may require attributes `signed_by` given
 * auditors; the market module checks bids against these entries.
 */
import {
  AuditedProvider,
  EventTrustedAuditorCreated,
  EventTrustedAuditorDeleted,
  MsgDeleteProviderAttributes,
  MsgDeleteProviderAttributesResponse,
  MsgSignProviderAttributes,
  MsgSignProviderAttributesResponse,
  QueryAllProvidersAttributesRequest,
  QueryAuditorAttributesRequest,
  QueryProviderAttributesRequest,
  QueryProviderAuditorRequest,
  QueryProvidersResponse,
  type Attribute,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { ChainError, type ChainModule, type MsgContext, type QueryContext } from "../../../module";
import { isAccountAddress } from "../shared/address";
import { copyAttributes, validateAttributes } from "../shared/attributes";
import { registered, sdkErrors } from "../shared/errors";
import { defineMsg } from "../shared/msg-definition";
import { moduleStore } from "../shared/module-store";
import { paginate } from "../shared/pagination";
import { getProvider } from "../provider/module";

export const AUDIT_MODULE = "audit";

/** Genesis part: `modules.audit`. */
export interface AuditGenesis {
  providers: { owner: string; auditor: string; attributes: Attribute[] }[];
}

export interface AuditRecord {
  owner: string;
  auditor: string;
  attributes: Attribute[];
}

const byOwnerKey = (owner: string, auditor: string) => `o/${owner}/${auditor}`;
const byAuditorKey = (auditor: string, owner: string) => `a/${auditor}/${owner}`;

const errProviderNotFound = registered("audit", 1, "invalid provider: address not found");
const errAttributeNotFound = registered("audit", 3, "attribute not found");

/** Every auditor's signed attributes for a provider. */
export function auditsOf(ctx: MsgContext | QueryContext, owner: string): AuditRecord[] {
  return [...moduleStore(ctx, AUDIT_MODULE).iterate<AuditRecord>(`o/${owner}/`)].map(([, v]) => v);
}

function save(ctx: MsgContext, record: AuditRecord): void {
  const store = moduleStore(ctx, AUDIT_MODULE);
  if (record.attributes.length === 0) {
    store.delete(byOwnerKey(record.owner, record.auditor));
    store.delete(byAuditorKey(record.auditor, record.owner));
    return;
  }
  store.set(byOwnerKey(record.owner, record.auditor), record);
  store.set(byAuditorKey(record.auditor, record.owner), true);
}

function validateAddresses(msg: { owner: string; auditor: string }): void {
  if (!isAccountAddress(msg.owner))
    throw sdkErrors.invalidAddress("MsgSignProviderAttributes: Invalid Owner Address");
  if (!isAccountAddress(msg.auditor)) {
    throw sdkErrors.invalidAddress("MsgSignProviderAttributes: Invalid Auditor Address");
  }
}

const toProto = (record: AuditRecord) => AuditedProvider.fromPartial(record);

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
        handle(ctx, msg) {
          if (!getProvider(ctx, msg.owner)) throw errProviderNotFound;
          const existing = moduleStore(ctx, AUDIT_MODULE).get<AuditRecord>(
            byOwnerKey(msg.owner, msg.auditor),
          );
          const merged = new Map((existing?.attributes ?? []).map((a) => [a.key, a.value]));
          for (const a of msg.attributes) merged.set(a.key, a.value);
          const attributes = [...merged.entries()]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([key, value]) => ({ key, value }));
          save(ctx, { owner: msg.owner, auditor: msg.auditor, attributes });
          ctx.emitTyped(EventTrustedAuditorCreated.$type, { owner: msg.owner, auditor: msg.auditor });
          return {};
        },
      }),
      defineMsg({
        codec: MsgDeleteProviderAttributes,
        response: MsgDeleteProviderAttributesResponse,
        signers: (msg) => [msg.auditor],
        validateBasic: (msg) => validateAddresses(msg),
        handle(ctx, msg) {
          const existing = moduleStore(ctx, AUDIT_MODULE).get<AuditRecord>(
            byOwnerKey(msg.owner, msg.auditor),
          );
          if (!existing) throw errProviderNotFound;
          let attributes: Attribute[] = [];
          if (msg.keys.length > 0) {
            for (const key of msg.keys) {
              if (!existing.attributes.some((a) => a.key === key)) throw errAttributeNotFound;
            }
            attributes = copyAttributes(existing.attributes.filter((a) => !msg.keys.includes(a.key)));
          }
          save(ctx, { ...existing, attributes });
          ctx.emitTyped(EventTrustedAuditorDeleted.$type, { owner: msg.owner, auditor: msg.auditor });
          return {};
        },
      }),
    ]),
    queries: {
      "/akash.audit.v1.Query/AllProvidersAttributes"(ctx, request) {
        const req = QueryAllProvidersAttributesRequest.decode(request);
        const page = paginate(ctx.storeOf(AUDIT_MODULE).iterate<AuditRecord>("o/"), req.pagination, (_k, v) =>
          toProto(v),
        );
        return QueryProvidersResponse.encode({ providers: page.items, pagination: page.pagination }).finish();
      },
      "/akash.audit.v1.Query/ProviderAttributes"(ctx, request) {
        const req = QueryProviderAttributesRequest.decode(request);
        const page = paginate(
          ctx.storeOf(AUDIT_MODULE).iterate<AuditRecord>(`o/${req.owner}/`),
          req.pagination,
          (_k, v) => toProto(v),
        );
        return QueryProvidersResponse.encode({ providers: page.items, pagination: page.pagination }).finish();
      },
      "/akash.audit.v1.Query/ProviderAuditorAttributes"(ctx, request) {
        const req = QueryProviderAuditorRequest.decode(request);
        const record = ctx.storeOf(AUDIT_MODULE).get<AuditRecord>(byOwnerKey(req.owner, req.auditor));
        if (!record) throw new ChainError("audit", 1, "invalid provider: address not found", "NotFound");
        return QueryProvidersResponse.encode({
          providers: [toProto(record)],
          pagination: undefined,
        }).finish();
      },
      "/akash.audit.v1.Query/AuditorAttributes"(ctx, request) {
        const req = QueryAuditorAttributesRequest.decode(request);
        const store = ctx.storeOf(AUDIT_MODULE);
        const page = paginate(store.iterate<true>(`a/${req.auditor}/`), req.pagination, (key) => {
          const owner = key.slice(`a/${req.auditor}/`.length);
          const record = store.get<AuditRecord>(byOwnerKey(owner, req.auditor));
          return record ? toProto(record) : undefined;
        });
        return QueryProvidersResponse.encode({ providers: page.items, pagination: page.pagination }).finish();
      },
    },
    initGenesis(ctx, genesis) {
      for (const entry of (genesis as AuditGenesis | undefined)?.providers ?? []) {
        save(ctx, {
          owner: entry.owner,
          auditor: entry.auditor,
          attributes: copyAttributes(entry.attributes),
        });
      }
    },
  };
}
