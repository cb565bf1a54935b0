/**
 * Deployments (akash.deployment.v1beta4) with mainnet v2.x rules: new deployments are priced and funded in
 * uact (uakt only via later MsgAccountDeposit), deposits at least `min_deposits`, groups get gseq 1..N with one
 * market order each, and the deposit funds an escrow account. Closing only closes the escrow account; the
 * escrow hooks close the rest. A v2.1 deployment may require reclamation (a minimum window, within the market's
 * governance bounds), which every order of it carries. Queries are in queries.ts.
 */
import {
  EventDeploymentCreated,
  EventDeploymentUpdated,
  EventGroupClosed,
  EventGroupPaused,
  EventGroupStarted,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import {
  MsgCloseDeployment,
  MsgCloseDeploymentResponse,
  MsgCloseGroup,
  MsgCloseGroupResponse,
  MsgCreateDeploymentResponse,
  MsgPauseGroup,
  MsgPauseGroupResponse,
  MsgStartGroup,
  MsgStartGroupResponse,
  MsgUpdateDeployment,
  MsgUpdateDeploymentResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import type { ChainModule, MsgContext } from "../../../module";
import { deploymentAccountId } from "../escrow/ids";
import { ESCROW_MODULE } from "../escrow/keeper";
import type { EscrowModule } from "../escrow/module";
import { Scope } from "../escrow/records";
import { validateDepositSources } from "../escrow/deposit-rules";
import { closeGroupMarket, createOrder } from "../market/lifecycle";
import { marketParams } from "../market/params";
import { LeaseClosedReason, LeaseState } from "../market/store";
import { isAccountAddress } from "../shared/address";
import { registered, sdkErrors, unregistered, wrapped } from "../shared/errors";
import { deploymentIdJson, groupIdJson, type DeploymentKey, type GroupKey } from "../shared/event-json";
import { defineMsg } from "../shared/msg-definition";
import { MsgCreateDeploymentV21, type DeploymentReclamation } from "../v21/messages";
import { validateGroupSpec } from "./group-validation";
import { deploymentParams, initDeploymentGenesis, type DeploymentGenesis } from "./params";
import { deploymentQueries } from "./queries";
import {
  DEPLOYMENT_MODULE,
  DeploymentState,
  GroupState,
  getDeployment,
  getGroup,
  saveDeployment,
  saveGroup,
  type DeploymentRecord,
  type GroupRecord,
} from "./store";

export {
  DEFAULT_DEPLOYMENT_PARAMS,
  deploymentParams,
  type DeploymentGenesis,
  type DeploymentParams,
} from "./params";

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
  invalidReclamation: registered("deployment", 26, "invalid reclamation configuration"),
};

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

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

/** The node checks a deployment's minimum window against the market's governance bounds. */
function checkReclamationBounds(ctx: MsgContext, reclamation: DeploymentReclamation | undefined): void {
  if (!reclamation) return;
  const params = marketParams(ctx);
  if (reclamation.minWindowNs < 0n) throw wrapped(err.invalidReclamation, "min_window must be >= 0");
  if (reclamation.minWindowNs < params.minReclamationWindowNs)
    throw wrapped(err.invalidReclamation, "min_window below governance minimum");
  if (reclamation.minWindowNs > params.maxReclamationWindowNs)
    throw wrapped(err.invalidReclamation, "min_window above governance maximum");
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

const createDeploymentMsg = defineMsg({
  codec: MsgCreateDeploymentV21,
  response: MsgCreateDeploymentResponse,
  signers: (msg) => [msg.id?.owner ?? ""],
  validateBasic(msg) {
    validateDeploymentId(deploymentKeyOf(msg.id));
    const amount = msg.deposit?.amount;
    if (!amount || !/^[a-zA-Z][a-zA-Z0-9/:._-]{2,127}$/.test(amount.denom) || !/^\d+$/.test(amount.amount)) {
      throw unregistered(`invalid deposit: ${amount?.amount ?? ""}${amount?.denom ?? ""}`);
    }
    validateDepositSources(msg.deposit?.sources ?? []);
    if (msg.groups.length === 0) throw err.invalidGroups;
    validateHash(msg.hash);
    if (msg.reclamation && msg.reclamation.minWindowNs < 0n)
      throw wrapped(err.invalidReclamation, "min_window must be >= 0");
    for (const group of msg.groups) {
      validateGroupSpec(group);
      for (const unit of group.resources) {
        const priceDenom = unit.price?.denom ?? "";
        if (BigInt(amount.amount) > 0n && priceDenom !== amount.denom) {
          throw wrapped(err.depositInvalid, `Mismatched denominations (${amount.denom} != ${priceDenom})`);
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
      throw wrapped(err.depositInvalid, `Deposit too low - ${amount} < ${minimum.amount}${minimum.denom}`);
    }
    if (coin.denom !== DEPLOYMENT_DENOM) throw err.depositInvalid;
    checkReclamationBounds(ctx, msg.reclamation);

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
    if (first !== DEPLOYMENT_DENOM) throw wrapped(err.invalidPrice, `unsupported denomination ${first}`);

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
      ...(msg.reclamation ? { reclamation: { ...msg.reclamation } } : {}),
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
      createOrder(ctx, group, spec, msg.reclamation);
    });
    escrow.accountCreate(ctx, deploymentAccountId(id), id.owner, depositors);
    return {};
  },
});

const updateDeploymentMsg = defineMsg({
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
});

const closeDeploymentMsg = defineMsg({
  codec: MsgCloseDeployment,
  response: MsgCloseDeploymentResponse,
  signers: (msg) => [msg.id?.owner ?? ""],
  validateBasic: (msg) => validateDeploymentId(deploymentKeyOf(msg.id)),
  handle(ctx, msg) {
    const deployment = activeDeployment(ctx, deploymentKeyOf(msg.id));
    ctx.modules.get<EscrowModule>(ESCROW_MODULE).keeper.accountClose(ctx, deploymentAccountId(deployment));
    return {};
  },
});

const closeGroupMsg = defineMsg({
  codec: MsgCloseGroup,
  response: MsgCloseGroupResponse,
  signers: (msg) => [msg.id?.owner ?? ""],
  validateBasic: (msg) => validateGroupId(groupKeyOf(msg.id)),
  handle(ctx, msg) {
    const group = unclosedGroup(ctx, groupKeyOf(msg.id));
    stopGroup(ctx, group, GroupState.closed);
    return {};
  },
});

const pauseGroupMsg = defineMsg({
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
});

const startGroupMsg = defineMsg({
  codec: MsgStartGroup,
  response: MsgStartGroupResponse,
  signers: (msg) => [msg.id?.owner ?? ""],
  validateBasic: (msg) => validateGroupId(groupKeyOf(msg.id)),
  handle(ctx, msg) {
    const group = unclosedGroup(ctx, groupKeyOf(msg.id));
    if (group.state === GroupState.open) throw err.groupOpen;
    saveGroup(ctx, { ...group, state: GroupState.open });
    ctx.emitTyped(EventGroupStarted.$type, { id: groupIdJson(group) });
    createOrder(ctx, group, group.spec, getDeployment(ctx, group)?.reclamation);
    return {};
  },
});

export function deploymentModule(): ChainModule {
  return {
    name: DEPLOYMENT_MODULE,
    msgs: Object.fromEntries([
      createDeploymentMsg,
      updateDeploymentMsg,
      closeDeploymentMsg,
      closeGroupMsg,
      pauseGroupMsg,
      startGroupMsg,
    ]),
    queries: deploymentQueries,
    initGenesis: (ctx, genesis) => initDeploymentGenesis(ctx, genesis as DeploymentGenesis | undefined),
  };
}
