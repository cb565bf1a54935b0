/** cosmos.feegrant.v1beta1.Query: one allowance, a grantee's allowances, a granter's allowances. */
import {
  QueryAllowanceRequest,
  QueryAllowanceResponse,
  QueryAllowancesByGranterRequest,
  QueryAllowancesByGranterResponse,
  QueryAllowancesRequest,
  QueryAllowancesResponse,
} from "cosmjs-types/cosmos/feegrant/v1beta1/query";
import { isAddress } from "../../address";
import { queryError, sdkError } from "../../errors";
import type { QueryContext, QueryHandler } from "../../module";
import { toGrant, type AllowanceRecord } from "./feegrant-allowances";
import { FeegrantKeeper } from "./feegrant-keeper";
import { paginate } from "./pagination";

/** Queries emit nothing. */
function readKeeper(ctx: QueryContext): FeegrantKeeper {
  return new FeegrantKeeper(ctx.storeOf("feegrant"), () => undefined);
}

function allowance(ctx: QueryContext, data: Uint8Array): Uint8Array {
  const req = QueryAllowanceRequest.decode(data);
  if (!isAddress(req.granter) || !isAddress(req.grantee))
    throw queryError("InvalidArgument", "invalid address");
  const record = readKeeper(ctx).get(req.granter, req.grantee);
  if (!record) throw sdkError(38, "fee-grant not found");
  return QueryAllowanceResponse.encode({ allowance: toGrant(record) }).finish();
}

function allowances(ctx: QueryContext, data: Uint8Array): Uint8Array {
  const req = QueryAllowancesRequest.decode(data);
  if (!isAddress(req.grantee)) throw queryError("InvalidArgument", "invalid address");
  const page = paginate(readKeeper(ctx).list(`allowance/${req.grantee}/`), req.pagination);
  return QueryAllowancesResponse.encode({
    allowances: page.items.map(toGrant),
    pagination: page.response,
  }).finish();
}

function allowancesByGranter(ctx: QueryContext, data: Uint8Array): Uint8Array {
  const req = QueryAllowancesByGranterRequest.decode(data);
  if (!isAddress(req.granter)) throw queryError("InvalidArgument", "invalid address");
  const keeper = readKeeper(ctx);
  const records: AllowanceRecord[] = [];
  for (const [key] of ctx.storeOf("feegrant").iterate(`by_granter/${req.granter}/`)) {
    const grantee = key.slice(`by_granter/${req.granter}/`.length);
    const record = keeper.get(req.granter, grantee);
    if (record) records.push(record);
  }
  const page = paginate(records, req.pagination);
  return QueryAllowancesByGranterResponse.encode({
    allowances: page.items.map(toGrant),
    pagination: page.response,
  }).finish();
}

export const feegrantQueries: Record<string, QueryHandler> = {
  "/cosmos.feegrant.v1beta1.Query/Allowance": allowance,
  "/cosmos.feegrant.v1beta1.Query/Allowances": allowances,
  "/cosmos.feegrant.v1beta1.Query/AllowancesByGranter": allowancesByGranter,
};
