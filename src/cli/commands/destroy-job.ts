/**
 * `akash-cdktf destroy` (npm run destroy): destroy what the main job deployed from this folder, on the network it
 * deployed to, report the escrow refund and — for the localnet — remove .localnet/. cdktf's full output goes to a
 * log file outside .localnet/, so it survives the removal.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CdktfLog, runCdktfLogged } from "../cdktf-log";
import { inWholeUnits } from "../cost-estimate";
import { measureRefund, watchRefund, type RefundWatch } from "../escrow-refund";
import { CDKTF_FLAGS, cdktfEnvironment, synthesizeApp } from "../hello-world-app";
import type { CommandIO } from "../io";
import { startJobLocalnet } from "../localnet-target";
import { networkAt, networkFromEnvironment, type NetworkAccess } from "../network-access";
import { readStackState } from "../stack-state";
import { mainWorkspace, shownPath, STACK, type MainWorkspace } from "../workspace";
import { readWorkspaceTarget, targetConflict, type WorkspaceTarget } from "../workspace-target";
import { checkFlagsForTarget, parseMainFlags, UsageError, type MainFlags } from "./main-flags";
import { DESTROY_USAGE } from "./main-usage";

interface Target {
  node: string;
  mnemonic: string;
  network: NetworkAccess;
  /** Stops the localnet this command started (undefined for an AKASH_NODE network). */
  stop?: () => Promise<void>;
}

function refuseOnConflict(ws: MainWorkspace, wanted: WorkspaceTarget): void {
  const problem = targetConflict(readWorkspaceTarget(ws), wanted, readStackState(ws).resources);
  if (problem) throw new Error(problem);
}

async function openTarget(ws: MainWorkspace, flags: MainFlags, io: CommandIO): Promise<Target> {
  const node = process.env.AKASH_NODE?.trim();
  if (!node) {
    refuseOnConflict(ws, { kind: "localnet" });
    const localnet = await startJobLocalnet(ws, flags.port, io);
    return {
      node: localnet.node,
      mnemonic: localnet.mnemonic,
      network: networkAt(localnet.node, localnet.mnemonic),
      stop: () => localnet.stop(),
    };
  }
  const mnemonic = process.env.AKASH_MNEMONIC?.trim();
  if (!mnemonic)
    throw new Error("AKASH_NODE is set, so destroy targets that network: set AKASH_MNEMONIC too.");
  const network = networkFromEnvironment(process.env);
  const chainId = await (await network.queries()).chainId();
  try {
    refuseOnConflict(ws, { kind: "network", chainId, node: network.node });
  } catch (error) {
    await network.close();
    throw error;
  }
  io.stdout(`▶ targeting ${network.node} (chain ${chainId}, from AKASH_NODE)`);
  return { node, mnemonic, network };
}

function printRefund(
  watch: RefundWatch | undefined,
  refunds: { address: string; amount: bigint }[],
  io: CommandIO,
): void {
  if (!watch) return;
  if (refunds.length === 0) {
    io.stdout(`  refund        none (the escrow held ${watch.escrowLeft} ${watch.denom})`);
    return;
  }
  for (const r of refunds)
    io.stdout(
      `  refund        ${r.amount} ${watch.denom} (${inWholeUnits(r.amount.toString(), watch.denom)}) from escrow back to ${r.address}`,
    );
}

async function destroy(ws: MainWorkspace, target: Target, log: CdktfLog, io: CommandIO): Promise<number> {
  io.stdout(`▶ building and synthesizing the ${STACK} app`);
  await synthesizeApp(ws, log);
  const { outputs } = readStackState(ws);
  const chain = await target.network.queries();
  const watch =
    outputs.owner && outputs.dseq ? await watchRefund(chain, outputs.owner, BigInt(outputs.dseq)) : undefined;
  io.stdout(`▶ cdktf destroy ${STACK} (full output: ${shownPath(log.path)})`);
  const run = await runCdktfLogged(
    ["destroy", STACK, ...CDKTF_FLAGS],
    { appDir: ws.app, cliConfig: ws.cliConfig, env: cdktfEnvironment(target.node, target.mnemonic) },
    { stack: STACK, log, show: (line) => io.stdout(line) },
  );
  if (run.code !== 0) {
    io.stderr(`cdktf destroy failed (exit ${run.code}):\n${run.errors.map((l) => `  ${l}`).join("\n")}`);
    io.stderr(`Full output: ${log.path}`);
    return run.code;
  }
  printRefund(watch, watch ? await measureRefund(chain, watch) : [], io);
  return 0;
}

export async function runDestroyCommand(args: string[], io: CommandIO): Promise<number> {
  const foreign = Boolean(process.env.AKASH_NODE?.trim());
  let flags: MainFlags;
  try {
    flags = parseMainFlags(args, "destroy");
    checkFlagsForTarget(flags, foreign);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`akash-cdktf destroy: ${error.message}\n\n${DESTROY_USAGE}`);
    return 2;
  }
  const ws = mainWorkspace(process.cwd());
  if (!existsSync(ws.app)) {
    io.stdout("Nothing to destroy: the main job has not run here.");
    return 0;
  }
  const target = await openTarget(ws, flags, io);
  const log = new CdktfLog(join(mkdtempSync(join(tmpdir(), "akash-cdktf-destroy-")), "destroy.log"));
  let code: number;
  try {
    code = await destroy(ws, target, log, io);
  } finally {
    await target.network.close();
    await target.stop?.();
  }
  if (code === 0 && target.stop) {
    io.stdout(`▶ removing ${shownPath(ws.root)} (the localnet's chain state and the terraform state)`);
    rmSync(ws.root, { recursive: true, force: true });
  }
  return code;
}
