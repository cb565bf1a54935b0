/**
 * Which network the state in the main job's folder belongs to. Running the job against another network with
 * that state would make terraform find none of its resources there and forget them — real deployments left
 * running and paying, with no state to destroy them. So the job records its target next to the state and refuses
 * to mix networks while the state holds anything.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { MainWorkspace } from "./workspace";

export type WorkspaceTarget = { kind: "localnet" } | { kind: "network"; chainId: string; node: string };

export function readWorkspaceTarget(ws: MainWorkspace): WorkspaceTarget | undefined {
  if (!existsSync(ws.targetFile)) return undefined;
  const json = JSON.parse(readFileSync(ws.targetFile, "utf8")) as Partial<{
    kind: string;
    chainId: string;
    node: string;
  }>;
  if (json.kind === "localnet") return { kind: "localnet" };
  if (json.kind === "network" && json.chainId && json.node)
    return { kind: "network", chainId: json.chainId, node: json.node };
  return undefined;
}

/** Only the node URL and chain id: no key, nothing secret. */
export function writeWorkspaceTarget(ws: MainWorkspace, target: WorkspaceTarget): void {
  writeFileSync(ws.targetFile, `${JSON.stringify(target, null, 2)}\n`);
}

function describe(target: WorkspaceTarget): string {
  return target.kind === "localnet" ? "the embedded localnet" : `chain ${target.chainId} (${target.node})`;
}

/** Why `wanted` must not be used with this folder's state, or undefined when it may. */
export function targetConflict(
  recorded: WorkspaceTarget | undefined,
  wanted: WorkspaceTarget,
  stateResources: number,
): string | undefined {
  if (!recorded || stateResources === 0) return undefined;
  const same =
    recorded.kind === wanted.kind &&
    (recorded.kind === "localnet" || recorded.chainId === (wanted as typeof recorded).chainId);
  if (same) return undefined;
  const how =
    recorded.kind === "localnet"
      ? "run `akash-cdktf destroy` without AKASH_NODE"
      : `run \`akash-cdktf destroy\` with AKASH_NODE=${recorded.node} and the same AKASH_MNEMONIC`;
  return (
    `The state in .localnet/ belongs to hello-world on ${describe(recorded)}, but this run targets ` +
    `${describe(wanted)}. Using it there would lose track of what runs on ${describe(recorded)}. First ${how}, ` +
    "or run from another folder. Nothing was changed."
  );
}
