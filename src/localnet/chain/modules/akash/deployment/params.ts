/** Deployment params (akash.deployment.v1beta4.Params): the minimum initial deposit per denom. */
import type { MsgContext, QueryContext } from "../../../module";
import { DEPLOYMENT_MODULE } from "./store";

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

export function deploymentParams(ctx: MsgContext | QueryContext): DeploymentParams {
  return ctx.storeOf(DEPLOYMENT_MODULE).get<DeploymentParams>("params") ?? DEFAULT_DEPLOYMENT_PARAMS;
}

export function initDeploymentGenesis(ctx: MsgContext, genesis: DeploymentGenesis | undefined): void {
  const params = genesis?.params;
  if (!params) return;
  ctx.storeOf(DEPLOYMENT_MODULE).set<DeploymentParams>("params", {
    minDeposits: params.minDeposits.map((m) => ({ denom: m.denom, amount: BigInt(m.amount) })),
  });
}
