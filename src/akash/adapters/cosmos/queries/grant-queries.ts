/**
 * x/authz deposit authorizations (akash.escrow.v1.DepositAuthorization, decoded by our own codec) and x/feegrant
 * fee allowances, listed by granter and/or grantee.
 */
import type { Coin, DepositGrant, FeeAllowance, FeeAllowancePeriod } from "../../../ports/chain";
import { ChainError } from "../../../ports/errors";
import * as convert from "../convert";
import {
  ACCOUNT_DEPOSIT_TYPE_URL,
  DEPOSIT_AUTHORIZATION_TYPE_URL,
  decodeDepositAuthorization,
} from "../deposit-authorization";
import { loadProtos, type Protos } from "../protos";
import type { QueryRunner } from "./query-runner";

type GrantLike = {
  granter?: string;
  grantee?: string;
  authorization?: { typeUrl: string; value: Uint8Array };
  expiration?: Date;
};

type ProtoAllowance = {
  granter: string;
  grantee: string;
  allowance?: { typeUrl: string; value: Uint8Array };
};

function describeAllowance(
  protos: Protos,
  any: { typeUrl: string; value: Uint8Array } | undefined,
): { kind: string; spendLimit: Coin[]; expiration?: Date; period?: FeeAllowancePeriod } {
  if (!any) return { kind: "unknown", spendLimit: [] };
  const basic = (b: { spendLimit: { denom: string; amount: string }[]; expiration?: Date } | undefined) => ({
    spendLimit: convert.coins(b?.spendLimit),
    ...(b?.expiration ? { expiration: b.expiration } : {}),
  });
  switch (any.typeUrl) {
    case "/cosmos.feegrant.v1beta1.BasicAllowance":
      return { kind: "basic", ...basic(protos.cosmos.BasicAllowance.decode(any.value)) };
    case "/cosmos.feegrant.v1beta1.PeriodicAllowance": {
      const periodic = protos.cosmos.PeriodicAllowance.decode(any.value);
      return {
        kind: "periodic",
        ...basic(periodic.basic),
        period: {
          seconds: Number(periodic.period?.seconds?.toString() ?? "0"),
          spendLimit: convert.coins(periodic.periodSpendLimit),
          canSpend: convert.coins(periodic.periodCanSpend),
          ...(periodic.periodReset ? { reset: periodic.periodReset } : {}),
        },
      };
    }
    case "/cosmos.feegrant.v1beta1.AllowedMsgAllowance": {
      const inner = protos.cosmos.AllowedMsgAllowance.decode(any.value).allowance;
      return { ...describeAllowance(protos, inner), kind: "allowed-msg" };
    }
    default:
      return { kind: any.typeUrl, spendLimit: [] };
  }
}

export class GrantQueries {
  constructor(private readonly runner: QueryRunner) {}

  private async depositGrantList(granter?: string, grantee?: string): Promise<GrantLike[]> {
    if (granter && grantee) {
      const grants = await this.runner
        .list(
          "/cosmos.authz.v1beta1.Query/Grants",
          (p) => p.cosmos.QueryGrantsRequest,
          { granter, grantee, msgTypeUrl: ACCOUNT_DEPOSIT_TYPE_URL },
          (p) => p.cosmos.QueryGrantsResponse,
          (r) => r.grants,
        )
        .catch((error: unknown) => {
          // authz answers "authorization not found" as an error when there is none.
          if (error instanceof ChainError && ["grant-unavailable", "not-found"].includes(error.code))
            return [];
          throw error;
        });
      return grants.map((g) => ({ ...g, granter, grantee }));
    }
    if (granter) {
      return this.runner.list(
        "/cosmos.authz.v1beta1.Query/GranterGrants",
        (p) => p.cosmos.QueryGranterGrantsRequest,
        { granter },
        (p) => p.cosmos.QueryGranterGrantsResponse,
        (r) => r.grants,
      );
    }
    if (grantee) {
      return this.runner.list(
        "/cosmos.authz.v1beta1.Query/GranteeGrants",
        (p) => p.cosmos.QueryGranteeGrantsRequest,
        { grantee },
        (p) => p.cosmos.QueryGranteeGrantsResponse,
        (r) => r.grants,
      );
    }
    throw new ChainError("invalid-request", "Deposit grants can only be listed by granter and/or grantee.");
  }

  async depositGrants(filter: { granter?: string; grantee?: string }): Promise<DepositGrant[]> {
    const grants = await this.depositGrantList(filter.granter, filter.grantee);
    return grants.flatMap((g) => {
      if (g.authorization?.typeUrl !== DEPOSIT_AUTHORIZATION_TYPE_URL) return [];
      const decoded = decodeDepositAuthorization(g.authorization.value);
      return [
        {
          granter: g.granter ?? "",
          grantee: g.grantee ?? "",
          spendLimits: decoded.spendLimits,
          scopes: decoded.scopes,
          ...(g.expiration ? { expiration: g.expiration } : {}),
        },
      ];
    });
  }

  private async allowanceList(granter?: string, grantee?: string): Promise<ProtoAllowance[]> {
    if (granter && grantee) {
      const res = await this.runner.lookup(
        "/cosmos.feegrant.v1beta1.Query/Allowance",
        (p) => [p.cosmos.QueryAllowanceRequest, { granter, grantee }],
        (p) => p.cosmos.QueryAllowanceResponse,
      );
      return res?.value.allowance ? [res.value.allowance] : [];
    }
    if (grantee) {
      return this.runner.list(
        "/cosmos.feegrant.v1beta1.Query/Allowances",
        (p) => p.cosmos.QueryAllowancesRequest,
        { grantee },
        (p) => p.cosmos.QueryAllowancesResponse,
        (r) => r.allowances,
      );
    }
    if (granter) {
      return this.runner.list(
        "/cosmos.feegrant.v1beta1.Query/AllowancesByGranter",
        (p) => p.cosmos.QueryAllowancesByGranterRequest,
        { granter },
        (p) => p.cosmos.QueryAllowancesByGranterResponse,
        (r) => r.allowances,
      );
    }
    throw new ChainError("invalid-request", "Fee allowances can only be listed by granter and/or grantee.");
  }

  async feeAllowances(filter: { granter?: string; grantee?: string }): Promise<FeeAllowance[]> {
    const [protos, grants] = await Promise.all([
      loadProtos(),
      this.allowanceList(filter.granter, filter.grantee),
    ]);
    return grants.map((g) => ({
      granter: g.granter,
      grantee: g.grantee,
      ...describeAllowance(protos, g.allowance),
    }));
  }
}
