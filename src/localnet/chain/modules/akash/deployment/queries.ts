/**
 * akash.deployment.v1beta4.Query: deployments (by id, or by owner/state with pagination), groups and params, with
 * the node's error texts (`x/deployment/keeper/grpc_query.go`).
 */
import { PageResponse } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import { Deployment, Types_Account } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import {
  Group,
  QueryDeploymentRequest,
  QueryDeploymentsRequest,
  QueryGroupRequest,
  QueryGroupResponse,
  QueryParamsRequest,
  QueryParamsResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import type { QueryContext, QueryHandler } from "../../../module";
import { deploymentAccountId } from "../escrow/ids";
import { ESCROW_MODULE } from "../escrow/keeper";
import type { EscrowModule } from "../escrow/module";
import { accountToProto } from "../escrow/records";
import { encodeOnce, messageBytes } from "../shared/encoded-cache";
import { invalidArgument, notFound } from "../shared/errors";
import type { DeploymentKey, GroupKey } from "../shared/event-json";
import { paginate } from "../shared/pagination";
import { withDeploymentReclamation } from "../v21/records";
import { deploymentParams } from "./params";
import {
  DEPLOYMENT_MODULE,
  DeploymentState,
  getDeployment,
  getGroup,
  getGroups,
  type DeploymentRecord,
  type GroupRecord,
} from "./store";

const STATE_NAMES: Record<string, number> = {
  active: DeploymentState.active,
  closed: DeploymentState.closed,
};

function deploymentKeyOf(id: { owner: string; dseq: { toString(): string } } | undefined): DeploymentKey {
  return { owner: id?.owner ?? "", dseq: BigInt(id?.dseq.toString() ?? "0") };
}

function groupKeyOf(id: { owner: string; dseq: { toString(): string }; gseq: number } | undefined): GroupKey {
  return { ...deploymentKeyOf(id), gseq: id?.gseq ?? 0 };
}

/** Deployment bytes with the v2.1 reclamation requirement (field 5) that chain-sdk does not encode. */
const deploymentBytes = (d: DeploymentRecord) =>
  encodeOnce(d, () => {
    const base = Deployment.fromPartial({
      id: { owner: d.owner, dseq: d.dseq },
      state: d.state,
      hash: d.hash,
      createdAt: d.createdAt,
    });
    return withDeploymentReclamation(Deployment.encode(base).finish(), d.reclamation);
  });

const groupProto = (g: GroupRecord) =>
  Group.fromPartial({
    id: { owner: g.owner, dseq: g.dseq, gseq: g.gseq },
    state: g.state,
    groupSpec: g.spec,
    createdAt: g.createdAt,
  });

/** QueryDeploymentResponse bytes {1: deployment, 2: groups, 3: escrow_account} from cached parts. */
function deploymentResponseBytes(ctx: QueryContext, deployment: DeploymentRecord): Uint8Array {
  const account = ctx.modules
    .get<EscrowModule>(ESCROW_MODULE)
    .keeper.getAccount(ctx, deploymentAccountId(deployment));
  return messageBytes([
    [1, deploymentBytes(deployment)],
    ...getGroups(ctx, deployment).map(
      (g) => [2, encodeOnce(g, () => Group.encode(groupProto(g)).finish())] as [number, Uint8Array],
    ),
    [
      3,
      account ? encodeOnce(account, () => Types_Account.encode(accountToProto(account)).finish()) : undefined,
    ],
  ]);
}

export const deploymentQueries: Record<string, QueryHandler> = {
  "/akash.deployment.v1beta4.Query/Deployments"(ctx, request) {
    const req = QueryDeploymentsRequest.decode(request);
    const filters = req.filters;
    const stateText = filters?.state ?? "";
    const state = stateText === "" ? undefined : STATE_NAMES[stateText];
    if (stateText !== "" && state === undefined) throw invalidArgument("invalid state value");
    const offset = Number(req.pagination?.offset.toString() ?? "0");
    if (offset > 0 && state === undefined) {
      throw invalidArgument("invalid request parameters. if offset is set, filter.state must be provided");
    }
    const owner = filters?.owner ?? "";
    const dseq = BigInt(filters?.dseq.toString() ?? "0");
    const store = ctx.storeOf(DEPLOYMENT_MODULE);
    const ownerPrefix = owner === "" ? "" : `${owner}/`;
    const entries =
      state === undefined
        ? store.iterate<DeploymentRecord>(`d/${ownerPrefix}`)
        : (function* () {
            for (const [key] of store.iterate<true>(`ds/${state}/${ownerPrefix}`)) {
              const record = store.get<DeploymentRecord>(`d/${key.slice(`ds/${state}/`.length)}`);
              if (record) yield [key, record] as [string, DeploymentRecord];
            }
          })();
    const page = paginate(entries, req.pagination, (_key, d) =>
      dseq !== 0n && d.dseq !== dseq ? undefined : deploymentResponseBytes(ctx, d),
    );
    return messageBytes([
      ...page.items.map((item) => [1, item] as [number, Uint8Array]),
      [2, PageResponse.encode(page.pagination).finish()],
    ]);
  },
  "/akash.deployment.v1beta4.Query/Deployment"(ctx, request) {
    const req = QueryDeploymentRequest.decode(request);
    const deployment = getDeployment(ctx, deploymentKeyOf(req.id));
    if (!deployment) throw notFound("deployment", 4, "Deployment not found");
    return deploymentResponseBytes(ctx, deployment);
  },
  "/akash.deployment.v1beta4.Query/Group"(ctx, request) {
    const req = QueryGroupRequest.decode(request);
    const group = getGroup(ctx, groupKeyOf(req.id));
    if (!group) throw notFound("deployment", 14, "Group not found");
    return QueryGroupResponse.encode({ group: groupProto(group) }).finish();
  },
  "/akash.deployment.v1beta4.Query/Params"(ctx, request) {
    QueryParamsRequest.decode(request);
    const params = deploymentParams(ctx);
    return QueryParamsResponse.encode({
      params: {
        minDeposits: params.minDeposits.map((m) => ({ denom: m.denom, amount: m.amount.toString() })),
      },
    }).finish();
  },
};
