/**
 * `akash-cdktf main` (npm start): deploy the hello-world example with `cdktf deploy` to the embedded localnet — or,
 * after the user's consent, to the network in AKASH_NODE — and print in a few lines what runs where and what it
 * costs. cdktf's full output goes to .localnet/main.log.
 */
import { existsSync, rmSync } from "node:fs";
import { CdktfLog, runCdktfLogged } from "../cdktf-log";
import { seekConsent } from "../consent";
import type { BlockTime } from "../cost-estimate";
import { CDKTF_FLAGS, cdktfEnvironment, synthesizeApp } from "../hello-world-app";
import type { CommandIO } from "../io";
import { LOCALNET_BLOCK_TIME, startJobLocalnet } from "../localnet-target";
import { networkAt, networkFromEnvironment, type NetworkAccess } from "../network-access";
import { planSummary } from "../plan-summary";
import { readStackState } from "../stack-state";
import { mainWorkspace, shownPath, STACK, type MainWorkspace } from "../workspace";
import {
  readWorkspaceTarget,
  targetConflict,
  writeWorkspaceTarget,
  type WorkspaceTarget,
} from "../workspace-target";
import { checkFlagsForTarget, parseMainFlags, UsageError, type MainFlags } from "./main-flags";
import { printDeploymentSummary } from "./main-summary";
import { MAIN_USAGE } from "./main-usage";

interface Deploy {
  ws: MainWorkspace;
  log: CdktfLog;
  /** AKASH_NODE for cdktf and the provider. */
  node: string;
  mnemonic: string;
  network: NetworkAccess;
  blockTime: BlockTime;
  localnet: boolean;
}

/** Runs cdktf deploy, then the summary. Returns the exit code. */
async function deployAndSummarize(d: Deploy, io: CommandIO): Promise<number> {
  io.stdout(`▶ cdktf deploy ${STACK} (full output: ${shownPath(d.log.path)})`);
  const run = await runCdktfLogged(
    ["deploy", STACK, ...CDKTF_FLAGS],
    { appDir: d.ws.app, cliConfig: d.ws.cliConfig, env: cdktfEnvironment(d.node, d.mnemonic) },
    { stack: STACK, log: d.log, show: (line) => io.stdout(line) },
  );
  if (run.code !== 0) {
    io.stderr(`cdktf deploy failed (exit ${run.code}):\n${run.errors.map((l) => `  ${l}`).join("\n")}`);
    io.stderr(`Full output: ${shownPath(d.log.path)}`);
    return run.code;
  }
  await printDeploymentSummary(d.ws, d.network, { blockTime: d.blockTime, localnet: d.localnet }, io);
  return 0;
}

function refuseOnConflict(ws: MainWorkspace, wanted: WorkspaceTarget): void {
  const problem = targetConflict(readWorkspaceTarget(ws), wanted, readStackState(ws).resources);
  if (problem) throw new Error(problem);
}

/** Resolves on Ctrl-C or SIGTERM. */
function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off("SIGINT", done);
      process.off("SIGTERM", done);
      resolve();
    };
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
  });
}

async function deployToLocalnet(ws: MainWorkspace, flags: MainFlags, io: CommandIO): Promise<number> {
  refuseOnConflict(ws, { kind: "localnet" });
  const log = new CdktfLog(ws.mainLog);
  io.stdout(`▶ building and synthesizing the ${STACK} app`);
  const plan = await synthesizeApp(ws, log);
  for (const line of planSummary(plan, {
    stack: STACK,
    blockTime: LOCALNET_BLOCK_TIME,
    compareWithMainnet: true,
  }))
    io.stdout(`  ${line}`);
  const localnet = await startJobLocalnet(ws, flags.port, io);
  const network = networkAt(localnet.node, localnet.mnemonic);
  try {
    writeWorkspaceTarget(ws, { kind: "localnet" });
    const code = await deployAndSummarize(
      {
        ws,
        log,
        node: localnet.node,
        mnemonic: localnet.mnemonic,
        network,
        blockTime: LOCALNET_BLOCK_TIME,
        localnet: true,
      },
      io,
    );
    io.stdout("");
    if (code === 0 && flags.keepRunning) {
      io.stdout(
        `The localnet keeps running at ${localnet.node} (chain ${localnet.chainId}) until you press Ctrl-C.`,
      );
      await untilInterrupted();
      io.stdout("Stopping the localnet; its state stays in .localnet/.");
    } else {
      io.stdout(
        "The localnet stopped with this command; its state stays in .localnet/. `npm start` resumes it,\n" +
          "`npm start -- --keep-running` keeps it running, `npm run destroy` removes it all.",
      );
    }
    return code;
  } finally {
    await network.close();
    await localnet.stop();
  }
}

async function deployToNetwork(ws: MainWorkspace, flags: MainFlags, io: CommandIO): Promise<number> {
  const mnemonic = process.env.AKASH_MNEMONIC?.trim();
  if (!mnemonic)
    throw new Error("AKASH_NODE is set, so the main job targets that network: set AKASH_MNEMONIC too.");
  const network = networkFromEnvironment(process.env);
  const workspaceExisted = existsSync(ws.root);
  let consented = false;
  try {
    const chain = await network.queries();
    const [chainId, account, blockSeconds] = await Promise.all([
      chain.chainId(),
      network.address(),
      chain.averageBlockSeconds(),
    ]);
    if (network.expectedChainId && network.expectedChainId !== chainId)
      throw new Error(
        `AKASH_CHAIN_ID is ${network.expectedChainId}, but ${network.node} is chain ${chainId}. Nothing was created.`,
      );
    refuseOnConflict(ws, { kind: "network", chainId, node: network.node });
    const blockTime = { seconds: blockSeconds, source: `${chainId}'s measured` };
    const log = new CdktfLog(ws.mainLog);
    io.stdout(`▶ building and synthesizing the ${STACK} app`);
    const plan = await synthesizeApp(ws, log);
    const consent = await seekConsent(
      {
        stack: STACK,
        node: network.node,
        chainId,
        account,
        balances: await chain.balances(account),
        ...(network.depositGranter ? { depositGranter: network.depositGranter } : {}),
        planLines: planSummary(plan, { stack: STACK, blockTime, compareWithMainnet: false }),
      },
      flags.confirmChain,
      io,
    );
    if (!consent.given) {
      io.stderr(consent.reason);
      return 1;
    }
    consented = true;
    writeWorkspaceTarget(ws, { kind: "network", chainId, node: network.node });
    // cdktf gets AKASH_NODE as the user set it (all fail-over URLs), not just the one shown.
    const node = process.env.AKASH_NODE!;
    return await deployAndSummarize({ ws, log, node, mnemonic, network, blockTime, localnet: false }, io);
  } finally {
    await network.close();
    // A run that stopped before consent leaves no trace, not even the folder.
    if (!consented && !workspaceExisted) rmSync(ws.root, { recursive: true, force: true });
  }
}

export async function runMainCommand(args: string[], io: CommandIO): Promise<number> {
  const foreign = Boolean(process.env.AKASH_NODE?.trim());
  let flags: MainFlags;
  try {
    flags = parseMainFlags(args, "main");
    checkFlagsForTarget(flags, foreign);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`akash-cdktf main: ${error.message}\n\n${MAIN_USAGE}`);
    return 2;
  }
  const ws = mainWorkspace(process.cwd());
  return foreign ? deployToNetwork(ws, flags, io) : deployToLocalnet(ws, flags, io);
}
