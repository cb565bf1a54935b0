/**
 * Deployments (akash.deployment.v1beta4) with mainnet v2.x rules: new deployments are priced and funded in
 * uact (uakt only via later MsgAccountDeposit), deposits at least `min_deposits`, groups get gseq 1..N with one
 * market order each, and the deposit funds an escrow account. Closing only closes the escrow account; the
 * escrow hooks close the rest.
 */
import { PageResponse } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import {
  Deployment,
  Types_Account,
  EventDeploymentCreated,
  EventDeploymentUpdated,
  EventGroupClosed,
  EventGroupPaused,
  EventGroupStarted,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import {
  Group,
  MsgCloseDeployment,
  MsgCloseDeploymentResponse,
  MsgCloseGroup,
  MsgCloseGroupResponse,
  MsgCreateDeployment,
  MsgCreateDeploymentResponse,
  MsgPauseGroup,
  MsgPauseGroupResponse,
  MsgStartGroup,
  MsgStartGroupResponse,
  MsgUpdateDeployment,
  MsgUpdateDeploymentResponse,
  QueryDeploymentRequest,
  QueryDeploymentsRequest,
  QueryGroupRequest,
  QueryGroupResponse,
  QueryParamsRequest,
  QueryParamsResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import type { ChainModule, MsgContext, QueryContext } from "../../../module";
import { deploymentAccountId } from "../escrow/ids";
import { ESCROW_MODULE } from "../escrow/keeper";
import type { EscrowModule } from "../escrow/module";
import { accountToProto, Scope } from "../escrow/records";
import { validateDepositSources } from "../escrow/deposit-rules";
import { closeGroupMarket, createOrder } from "../market/lifecycle";
import { LeaseClosedReason, LeaseState } from "../market/store";
import { isAccountAddress } from "../shared/address";
import { invalidArgument, notFound, registered, sdkErrors, unregistered, wrapped } from "../shared/errors";
import { deploymentIdJson, groupIdJson, type DeploymentKey, type GroupKey } from "../shared/event-json";
import { encodeOnce, messageBytes } from "../shared/encoded-cache";
import { defineMsg } from "../shared/msg-definition";
import { paginate } from "../shared/pagination";
import { validateGroupSpec } from "./group-validation";
import {
  DEPLOYMENT_MODULE,
  DeploymentState,
  GroupState,
  getDeployment,
  getGroup,
  getGroups,
  saveDeployment,
  saveGroup,
  type DeploymentRecord,
  type GroupRecord,
} from "./store";

export interface DeploymentParams {
  minDeposits: { denom: string; amount: bigint }[];
}

/** Genesis part: `modules.deployment` (optional). */
export interface DeploymentGenesis {
  params?: { minDeposits: { denom: string; amount: string }[] };
}

export const DEFAULT_DEPLOYMENT_PARAMS: DeploymentParams = {
  minDeposits: [
    { denom: "uact", amount: 500000n },
    { denom: "uakt", amount: 500000n },
  ],
};

/** The only denom new deployments may be priced and funded in since v2.0.0. */
const DEPLOYMENT_DENOM = "uact";

const err = {
  exists: registered("deployment", 3, "Deployment exists"),
  notFound: registered("deployment", 4, "Deployment not found"),
  closed: registered("deployment", 5, "Deployment closed"),
  invalidGroups: registered("deployment", 7, "Invalid groups"),
  emptyHash: registered("deployment", 9, "Invalid: empty hash"),
  invalidHash: registered("deployment", 10, "Invalid: deployment hash"),
  groupNotFound: registered("deployment", 14, "Group not found"),
  groupClosed: registered("deployment", 15, "Group already closed"),
  groupOpen: registered("deployment", 16, "Group open"),
  groupPaused: registered("deployment", 17, "Group paused"),
  depositInvalid: registered("deployment", 20, "Deposit invalid"),
  invalidPrice: registered("deployment", 24, "invalid price"),
  duplicateGroupName: registered("deployment", 25, "duplicate group name"),
};

const STATE_NAMES: Record<string, number> = {
  active: DeploymentState.active,
  closed: DeploymentState.closed,
};
const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

export function deploymentParams(ctx: MsgContext | QueryContext): DeploymentParams {
  return ctx.storeOf(DEPLOYMENT_MODULE).get<DeploymentParams>("params") ?? DEFAULT_DEPLOYMENT_PARAMS;
}

function deploymentKeyOf(id: { owner: string; dseq: { toString(): string } } | undefined): DeploymentKey {
  return { owner: id?.owner ?? "", dseq: BigInt(id?.dseq.toString() ?? "0") };
}

function groupKeyOf(id: { owner: string; dseq: { toString(): string }; gseq: number } | undefined): GroupKey {
  return { ...deploymentKeyOf(id), gseq: id?.gseq ?? 0 };
}

function validateDeploymentId(id: DeploymentKey): void {
  if (!isAccountAddress(id.owner)) throw sdkErrors.invalidAddress("DeploymentID: Invalid Owner Address");
  if (id.dseq === 0n) throw sdkErrors.invalidSequence("DeploymentID: Invalid Deployment Sequence");
}

function validateGroupId(id: GroupKey): void {
  validateDeploymentId(id);
  if (id.gseq === 0) throw sdkErrors.invalidSequence("GroupID: Invalid Group Sequence");
}

function validateHash(hash: Uint8Array): void {
  if (hash.length === 0) throw err.emptyHash;
  if (hash.length !== 32) throw err.invalidHash;
}

function activeDeployment(ctx: MsgContext, id: DeploymentKey): DeploymentRecord {
  const deployment = getDeployment(ctx, id);
  if (!deployment) throw err.notFound;
  if (deployment.state !== DeploymentState.active) throw err.closed;
  return deployment;
}

/** The group a group message is about: it must exist and not be closed (by its owner or for lack of funds). */
function unclosedGroup(ctx: MsgContext, id: GroupKey): GroupRecord {
  const group = getGroup(ctx, id);
  if (!group) throw err.groupNotFound;
  if (group.state === GroupState.closed || group.state === GroupState.insufficient_funds)
    throw err.groupClosed;
  return group;
}

const deploymentProto = (d: DeploymentRecord) =>
  Deployment.fromPartial({
    id: { owner: d.owner, dseq: d.dseq },
    state: d.state,
    hash: d.hash,
    createdAt: d.createdAt,
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
    [1, encodeOnce(deployment, () => Deployment.encode(deploymentProto(deployment)).finish())],
    ...getGroups(ctx, deployment).map(
      (g) => [2, encodeOnce(g, () => Group.encode(groupProto(g)).finish())] as [number, Uint8Array],
    ),
    [
      3,
      account ? encodeOnce(account, () => Types_Account.encode(accountToProto(account)).finish()) : undefined,
    ],
  ]);
}

/** Stops a group (close or pause) and everything the market holds for it, paying providers what they earned. */
function stopGroup(ctx: MsgContext, group: GroupRecord, state: number): void {
  saveGroup(ctx, { ...group, state });
  ctx.emitTyped(state === GroupState.paused ? EventGroupPaused.$type : EventGroupClosed.$type, {
    id: groupIdJson(group),
  });
  closeGroupMarket(ctx, group, {
    leaseState: LeaseState.closed,
    reason: LeaseClosedReason.owner,
    closePayment: true,
  });
}

export function deploymentModule(): ChainModule {
  return {
    name: DEPLOYMENT_MODULE,
    msgs: Object.fromEntries([
      defineMsg({
        codec: MsgCreateDeployment,
        response: MsgCreateDeploymentResponse,
        signers: (msg) => [msg.id?.owner ?? ""],
        validateBasic(msg) {
          validateDeploymentId(deploymentKeyOf(msg.id));
          const amount = msg.deposit?.amount;
          if (
            !amount ||
            !/^[a-zA-Z][a-zA-Z0-9/:._-]{2,127}$/.test(amount.denom) ||
            !/^\d+$/.test(amount.amount)
          ) {
            throw unregistered(`invalid deposit: ${amount?.amount ?? ""}${amount?.denom ?? ""}`);
          }
          validateDepositSources(msg.deposit?.sources ?? []);
          if (msg.groups.length === 0) throw err.invalidGroups;
          validateHash(msg.hash);
          for (const group of msg.groups) {
            validateGroupSpec(group);
            for (const unit of group.resources) {
              const priceDenom = unit.price?.denom ?? "";
              if (BigInt(amount.amount) > 0n && priceDenom !== amount.denom) {
                throw wrapped(
                  err.depositInvalid,
                  `Mismatched denominations (${amount.denom} != ${priceDenom})`,
                );
              }
            }
          }
        },
        handle(ctx, msg) {
          const id = deploymentKeyOf(msg.id);
          if (getDeployment(ctx, id)) throw err.exists;
          const coin = msg.deposit?.amount ?? { denom: "", amount: "0" };
          const amount = BigInt(coin.amount);
          const minimum = deploymentParams(ctx).minDeposits.find((m) => m.denom === coin.denom);
          if (!minimum) throw unregistered(`Deposit invalid: Invalid deposit denomination ${coin.denom}`);
          if (amount < minimum.amount) {
            throw wrapped(
              err.depositInvalid,
              `Deposit too low - ${amount} < ${minimum.amount}${minimum.denom}`,
            );
          }
          if (coin.denom !== DEPLOYMENT_DENOM) throw err.depositInvalid;

          const denoms = msg.groups.flatMap((g) => g.resources.map((r) => r.price?.denom ?? ""));
          const first = denoms[0] ?? "";
          const other = denoms.find((d) => d !== first);
          if (other !== undefined)
            throw wrapped(err.invalidPrice, `inconsistent group denomination (${first} != ${other})`);
          const names = new Set<string>();
          for (const group of msg.groups) {
            if (names.has(group.name)) throw err.duplicateGroupName;
            names.add(group.name);
          }
          if (first !== DEPLOYMENT_DENOM)
            throw wrapped(err.invalidPrice, `unsupported denomination ${first}`);

          const escrow = ctx.modules.get<EscrowModule>(ESCROW_MODULE).keeper;
          const depositors = escrow.authorizeDeposits(
            ctx,
            id.owner,
            { denom: coin.denom, amount, sources: msg.deposit?.sources ?? [] },
            Scope.deployment,
          );
          saveDeployment(ctx, {
            ...id,
            state: DeploymentState.active,
            hash: msg.hash.slice(),
            createdAt: ctx.height,
          });
          ctx.emitTyped(EventDeploymentCreated.$type, { hash: toBase64(msg.hash), id: deploymentIdJson(id) });
          msg.groups.forEach((spec, index) => {
            const group: GroupRecord = {
              ...id,
              gseq: index + 1,
              state: GroupState.open,
              spec,
              createdAt: ctx.height,
            };
            saveGroup(ctx, group);
            createOrder(ctx, group, spec);
          });
          escrow.accountCreate(ctx, deploymentAccountId(id), id.owner, depositors);
          return {};
        },
      }),
      defineMsg({
        codec: MsgUpdateDeployment,
        response: MsgUpdateDeploymentResponse,
        signers: (msg) => [msg.id?.owner ?? ""],
        validateBasic(msg) {
          validateDeploymentId(deploymentKeyOf(msg.id));
          validateHash(msg.hash);
        },
        handle(ctx, msg) {
          const deployment = activeDeployment(ctx, deploymentKeyOf(msg.id));
          if (Buffer.from(deployment.hash).equals(Buffer.from(msg.hash))) throw err.invalidHash;
          saveDeployment(ctx, { ...deployment, hash: msg.hash.slice() });
          ctx.emitTyped(EventDeploymentUpdated.$type, {
            hash: toBase64(msg.hash),
            id: deploymentIdJson(deployment),
          });
          return {};
        },
      }),
      defineMsg({
        codec: MsgCloseDeployment,
        response: MsgCloseDeploymentResponse,
        signers: (msg) => [msg.id?.owner ?? ""],
        validateBasic: (msg) => validateDeploymentId(deploymentKeyOf(msg.id)),
        handle(ctx, msg) {
          const deployment = activeDeployment(ctx, deploymentKeyOf(msg.id));
          ctx.modules
            .get<EscrowModule>(ESCROW_MODULE)
            .keeper.accountClose(ctx, deploymentAccountId(deployment));
          return {};
        },
      }),
      defineMsg({
        codec: MsgCloseGroup,
        response: MsgCloseGroupResponse,
        signers: (msg) => [msg.id?.owner ?? ""],
        validateBasic: (msg) => validateGroupId(groupKeyOf(msg.id)),
        handle(ctx, msg) {
          const group = unclosedGroup(ctx, groupKeyOf(msg.id));
          stopGroup(ctx, group, GroupState.closed);
          return {};
        },
      }),
      defineMsg({
        codec: MsgPauseGroup,
        response: MsgPauseGroupResponse,
        signers: (msg) => [msg.id?.owner ?? ""],
        validateBasic: (msg) => validateGroupId(groupKeyOf(msg.id)),
        handle(ctx, msg) {
          const group = unclosedGroup(ctx, groupKeyOf(msg.id));
          if (group.state === GroupState.paused) throw err.groupPaused;
          stopGroup(ctx, group, GroupState.paused);
          return {};
        },
      }),
      defineMsg({
        codec: MsgStartGroup,
        response: MsgStartGroupResponse,
        signers: (msg) => [msg.id?.owner ?? ""],
        validateBasic: (msg) => validateGroupId(groupKeyOf(msg.id)),
        handle(ctx, msg) {
          const group = unclosedGroup(ctx, groupKeyOf(msg.id));
          if (group.state === GroupState.open) throw err.groupOpen;
          saveGroup(ctx, { ...group, state: GroupState.open });
          ctx.emitTyped(EventGroupStarted.$type, { id: groupIdJson(group) });
          createOrder(ctx, group, group.spec);
          return {};
        },
      }),
    ]),
    queries: {
      "/akash.deployment.v1beta4.Query/Deployments"(ctx, request) {
        const req = QueryDeploymentsRequest.decode(request);
        const filters = req.filters;
        const stateText = filters?.state ?? "";
        const state = stateText === "" ? undefined : STATE_NAMES[stateText];
        if (stateText !== "" && state === undefined) throw invalidArgument("invalid state value");
        const offset = Number(req.pagination?.offset.toString() ?? "0");
        if (offset > 0 && state === undefined) {
          throw invalidArgument(
            "invalid request parameters. if offset is set, filter.state must be provided",
          );
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
    },
    initGenesis(ctx, genesis) {
      const params = (genesis as DeploymentGenesis | undefined)?.params;
      if (params) {
        ctx.storeOf(DEPLOYMENT_MODULE).set<DeploymentParams>("params", {
          minDeposits: params.minDeposits.map((m) => ({ denom: m.denom, amount: BigInt(m.amount) })),
        });
      }
    },
  };
}
