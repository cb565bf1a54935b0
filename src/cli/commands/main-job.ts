/**
 * `akash-cdktf main` (npm start) and `akash-cdktf destroy` (npm run destroy): deploy the hello-world example with
 * `cdktf deploy` to the embedded localnet — or to the network in AKASH_NODE — and print what runs where.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundleCdktfApp, runCdktf } from "../cdktf-app";
import type { CommandIO } from "../io";
import { packageInfo } from "../package-info";
import { mainWorkspace, type MainWorkspace } from "../workspace";
import { cliConfigFor, installProvider } from "./install";
import { printDeploymentSummary } from "./main-summary";

const STACK = "hello-world";
const DEFAULT_PORT = 26657;

interface Target {
  node: string;
  mnemonic: string;
  /** Stops the embedded localnet (undefined when targeting a real network). */
  stop?: () => Promise<void>;
}

function step(io: CommandIO, text: string): void {
  io.stdout(`▶ ${text}`);
}

async function startTarget(ws: MainWorkspace, io: CommandIO): Promise<Target> {
  const node = process.env.AKASH_NODE;
  if (node) {
    const mnemonic = process.env.AKASH_MNEMONIC;
    if (!mnemonic)
      throw new Error("AKASH_NODE is set, so the main job targets that network: set AKASH_MNEMONIC too.");
    step(io, `targeting ${node} (AKASH_NODE)`);
    return { node, mnemonic };
  }
  step(io, `starting the embedded localnet (state in ${ws.chainData})`);
  const { startLocalnet } = await import("../../localnet/network");
  const port = Number(process.env.AKASH_LOCALNET_PORT ?? DEFAULT_PORT);
  const localnet = await startLocalnet({ dataDir: ws.chainData, port, blockTimeMs: 1000, providers: 3 });
  io.stdout(`  chain ${localnet.chainId} at ${localnet.node}, ${localnet.providers.length} providers`);
  return { node: localnet.node, mnemonic: localnet.mnemonic, stop: () => localnet.stop() };
}

async function buildApp(ws: MainWorkspace): Promise<void> {
  await bundleCdktfApp(join(packageInfo().root, "examples", STACK, "main.ts"), ws.app);
}

async function cdktf(args: string[], ws: MainWorkspace, target: Target): Promise<number> {
  const env = { AKASH_NODE: target.node, AKASH_MNEMONIC: target.mnemonic };
  return (await runCdktf(args, { appDir: ws.app, cliConfig: ws.cliConfig, env })).code;
}

function prepare(ws: MainWorkspace, io: CommandIO): void {
  step(io, "installing the akash provider into the workspace plugin mirror");
  mkdirSync(ws.root, { recursive: true });
  installProvider(ws.pluginMirror);
  writeFileSync(ws.cliConfig, cliConfigFor(ws.pluginMirror));
  // A rebuilt provider under the same version no longer matches the lock file's checksum. This workspace is ours
  // and the mirror is local, so re-locking on every run is cheap and never fails `terraform init`.
  const stackDir = join(ws.app, "cdktf.out", "stacks", STACK);
  rmSync(join(stackDir, ".terraform.lock.hcl"), { force: true });
  rmSync(join(stackDir, ".terraform", "providers"), { recursive: true, force: true });
}

export async function runMainCommand(_args: string[], io: CommandIO): Promise<number> {
  const ws = mainWorkspace(process.cwd());
  prepare(ws, io);
  const target = await startTarget(ws, io);
  try {
    step(io, `building the ${STACK} app`);
    await buildApp(ws);
    step(io, `cdktf deploy ${STACK}`);
    const code = await cdktf(["deploy", STACK, "--auto-approve", "--skip-provider-lock"], ws, target);
    if (code !== 0) {
      io.stderr(`cdktf deploy failed (exit ${code}).`);
      return code;
    }
    await printDeploymentSummary(join(ws.app, "cdktf.out", "stacks", STACK), target.node, io);
    return 0;
  } finally {
    await target.stop?.();
  }
}

export async function runDestroyCommand(_args: string[], io: CommandIO): Promise<number> {
  const ws = mainWorkspace(process.cwd());
  if (!existsSync(ws.app)) {
    io.stdout("Nothing to destroy: the main job has not run here.");
    return 0;
  }
  prepare(ws, io);
  const target = await startTarget(ws, io);
  let code: number;
  try {
    await buildApp(ws);
    step(io, `cdktf destroy ${STACK}`);
    code = await cdktf(["destroy", STACK, "--auto-approve", "--skip-provider-lock"], ws, target);
  } finally {
    await target.stop?.();
  }
  if (code === 0 && target.stop) {
    step(io, `removing ${ws.root}`);
    rmSync(ws.root, { recursive: true, force: true });
  }
  return code;
}
