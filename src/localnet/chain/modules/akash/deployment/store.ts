/** Deployment and group state with a by-state index, so listing by owner or by state never scans everything. */
import type { GroupSpec } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import type { MsgContext, QueryContext } from "../../../module";
import type { DeploymentKey, GroupKey } from "../shared/event-json";
import { moduleStore } from "../shared/module-store";
import { u32Key, u64Key } from "../shared/store-keys";
import type { DeploymentReclamation } from "../v21/messages";

export const DEPLOYMENT_MODULE = "deployment";

/** akash.deployment.v1.Deployment.State */
export const DeploymentState = { active: 1, closed: 2 } as const;
/** akash.deployment.v1beta4.Group.State */
export const GroupState = { open: 1, paused: 2, insufficient_funds: 3, closed: 4 } as const;

export interface DeploymentRecord extends DeploymentKey {
  state: number;
  hash: Uint8Array;
  createdAt: bigint;
  /** The tenant's reclamation requirement (v2.1); orders created later (StartGroup) copy it too. */
  reclamation?: DeploymentReclamation;
}

export interface GroupRecord extends GroupKey {
  state: number;
  spec: GroupSpec;
  createdAt: bigint;
}

export const deploymentKey = (id: DeploymentKey) => `d/${id.owner}/${u64Key(id.dseq)}`;
export const deploymentStateKey = (state: number, id: DeploymentKey) =>
  `ds/${state}/${id.owner}/${u64Key(id.dseq)}`;
export const groupPrefix = (id: DeploymentKey) => `g/${id.owner}/${u64Key(id.dseq)}/`;
export const groupKey = (id: GroupKey) => `${groupPrefix(id)}${u32Key(id.gseq)}`;

type Ctx = MsgContext | QueryContext;

export function getDeployment(ctx: Ctx, id: DeploymentKey): DeploymentRecord | undefined {
  return moduleStore(ctx, DEPLOYMENT_MODULE).get<DeploymentRecord>(deploymentKey(id));
}

export function saveDeployment(ctx: MsgContext, record: DeploymentRecord, previousState?: number): void {
  const store = moduleStore(ctx, DEPLOYMENT_MODULE);
  if (previousState !== undefined && previousState !== record.state) {
    store.delete(deploymentStateKey(previousState, record));
  }
  store.set(deploymentKey(record), record);
  store.set(deploymentStateKey(record.state, record), true);
}

export function getGroup(ctx: Ctx, id: GroupKey): GroupRecord | undefined {
  return moduleStore(ctx, DEPLOYMENT_MODULE).get<GroupRecord>(groupKey(id));
}

export function getGroups(ctx: Ctx, id: DeploymentKey): GroupRecord[] {
  return [...moduleStore(ctx, DEPLOYMENT_MODULE).iterate<GroupRecord>(groupPrefix(id))].map(([, g]) => g);
}

export function saveGroup(ctx: MsgContext, record: GroupRecord): void {
  moduleStore(ctx, DEPLOYMENT_MODULE).set(groupKey(record), record);
}
