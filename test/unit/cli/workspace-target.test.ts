/**
 * The folder's state belongs to one network: the job refuses to use it against another while it holds anything,
 * because terraform would not find the resources there and would forget them (still running and paying).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mainWorkspace } from "../../../src/cli/workspace";
import {
  readWorkspaceTarget,
  targetConflict,
  writeWorkspaceTarget,
  type WorkspaceTarget,
} from "../../../src/cli/workspace-target";

const localnet: WorkspaceTarget = { kind: "localnet" };
const mainnet: WorkspaceTarget = {
  kind: "network",
  chainId: "akashnet-2",
  node: "https://rpc.akashnet.net:443",
};
const sandbox: WorkspaceTarget = {
  kind: "network",
  chainId: "sandbox-2",
  node: "https://rpc.sandbox-2.aksh.pw:443",
};

test("the target is recorded without secrets and read back", () => {
  const cwd = mkdtempSync(join(tmpdir(), "akash-ws-target-"));
  try {
    const ws = mainWorkspace(cwd);
    expect(readWorkspaceTarget(ws)).toBeUndefined();
    mkdirSync(ws.root);
    writeWorkspaceTarget(ws, mainnet);
    expect(readWorkspaceTarget(ws)).toEqual(mainnet);
    writeWorkspaceTarget(ws, localnet);
    expect(readWorkspaceTarget(ws)).toEqual(localnet);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});

test("the same network, an empty state or an unrecorded folder are fine", () => {
  expect(targetConflict(localnet, localnet, 2)).toBeUndefined();
  expect(targetConflict(mainnet, { ...mainnet, node: "https://other-rpc.example:443" }, 2)).toBeUndefined();
  expect(targetConflict(mainnet, localnet, 0)).toBeUndefined();
  expect(targetConflict(undefined, mainnet, 2)).toBeUndefined();
});

test("a state on mainnet is not used against the localnet, and the refusal says how to clean up", () => {
  expect(targetConflict(mainnet, localnet, 2)).toBe(
    "The state in .localnet/ belongs to hello-world on chain akashnet-2 (https://rpc.akashnet.net:443), but this run " +
      "targets the embedded localnet. Using it there would lose track of what runs on chain akashnet-2 " +
      "(https://rpc.akashnet.net:443). First run `akash-cdktf destroy` with AKASH_NODE=https://rpc.akashnet.net:443 " +
      "and the same AKASH_MNEMONIC, or run from another folder. Nothing was changed.",
  );
});

test("a localnet state is not used against a network, nor one network's state against another", () => {
  expect(targetConflict(localnet, mainnet, 1)).toContain("run `akash-cdktf destroy` without AKASH_NODE");
  expect(targetConflict(sandbox, mainnet, 1)).toContain("belongs to hello-world on chain sandbox-2");
});
