/** akash.audit.v1.Query: signed attributes by provider, by provider and auditor, by auditor, and all of them. */
import {
  AuditedProvider,
  QueryAllProvidersAttributesRequest,
  QueryAuditorAttributesRequest,
  QueryProviderAttributesRequest,
  QueryProviderAuditorRequest,
  QueryProvidersResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { ChainError, type QueryHandler } from "../../../module";
import { paginate } from "../shared/pagination";
import { AUDIT_MODULE, byOwnerKey, type AuditRecord } from "./store";

const toProto = (record: AuditRecord) => AuditedProvider.fromPartial(record);

export const auditQueries: Record<string, QueryHandler> = {
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
};
