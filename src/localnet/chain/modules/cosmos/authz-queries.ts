/** cosmos.authz.v1beta1.Query: grants of a granter/grantee pair (optionally one msg type), of a granter, of a grantee. */
import { Grant } from "cosmjs-types/cosmos/authz/v1beta1/authz";
import {
  QueryGranteeGrantsRequest,
  QueryGranteeGrantsResponse,
  QueryGranterGrantsRequest,
  QueryGranterGrantsResponse,
  QueryGrantsRequest,
  QueryGrantsResponse,
} from "cosmjs-types/cosmos/authz/v1beta1/query";
import { isAddress } from "../../address";
import { queryError } from "../../errors";
import type { QueryContext, QueryHandler } from "../../module";
import { encodeAuthorization, toGrantAuthorization, toTimestamp } from "./authz-encoding";
import { authzKeeper } from "./authz-keeper";
import { paginate } from "./pagination";

function grants(ctx: QueryContext, data: Uint8Array): Uint8Array {
  const req = QueryGrantsRequest.decode(data);
  if (!isAddress(req.granter)) throw queryError("InvalidArgument", `invalid granter address: ${req.granter}`);
  if (!isAddress(req.grantee)) throw queryError("InvalidArgument", `invalid grantee address: ${req.grantee}`);
  const k = authzKeeper(ctx);
  if (req.msgTypeUrl !== "") {
    const authorization = k.get(req.granter, req.grantee, req.msgTypeUrl, ctx.time);
    if (!authorization) {
      throw queryError("NotFound", `authorization not found for ${req.msgTypeUrl} type`);
    }
    return QueryGrantsResponse.encode({
      grants: [
        Grant.fromPartial({
          authorization: encodeAuthorization(authorization),
          expiration: toTimestamp(authorization.expiration),
        }),
      ],
    }).finish();
  }
  const page = paginate(k.list({ granter: req.granter, grantee: req.grantee }), req.pagination);
  return QueryGrantsResponse.encode({
    grants: page.items.map((r) =>
      Grant.fromPartial({
        authorization: encodeAuthorization(r.authorization),
        expiration: toTimestamp(r.authorization.expiration),
      }),
    ),
    pagination: page.response,
  }).finish();
}

function granterGrants(ctx: QueryContext, data: Uint8Array): Uint8Array {
  const req = QueryGranterGrantsRequest.decode(data);
  if (!isAddress(req.granter)) throw queryError("InvalidArgument", `invalid granter address: ${req.granter}`);
  const page = paginate(authzKeeper(ctx).list({ granter: req.granter }), req.pagination);
  return QueryGranterGrantsResponse.encode({
    grants: page.items.map(toGrantAuthorization),
    pagination: page.response,
  }).finish();
}

function granteeGrants(ctx: QueryContext, data: Uint8Array): Uint8Array {
  const req = QueryGranteeGrantsRequest.decode(data);
  if (!isAddress(req.grantee)) throw queryError("InvalidArgument", `invalid grantee address: ${req.grantee}`);
  const page = paginate(authzKeeper(ctx).list({ grantee: req.grantee }), req.pagination);
  return QueryGranteeGrantsResponse.encode({
    grants: page.items.map(toGrantAuthorization),
    pagination: page.response,
  }).finish();
}

export const authzQueries: Record<string, QueryHandler> = {
  "/cosmos.authz.v1beta1.Query/Grants": grants,
  "/cosmos.authz.v1beta1.Query/GranterGrants": granterGrants,
  "/cosmos.authz.v1beta1.Query/GranteeGrants": granteeGrants,
};
