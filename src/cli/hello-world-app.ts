/**
 * The steps `main` and `destroy` share before terraform runs: the provider in the workspace's plugin mirror, the
 * hello-world app bundled and synthesized (so its plan can be summarized before anything is applied), and a lock
 * file that matches the installed provider exactly.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, sep } from "node:path";
import { bundleCdktfApp } from "./cdktf-app";
import { runCdktfLogged, type CdktfLog } from "./cdktf-log";
import { cliConfigFor, installProvider, PROVIDER_NAMESPACE, PROVIDER_TYPE } from "./commands/install";
import { packageInfo } from "./package-info";
import { writeLockFile } from "./provider-lock";
import { readStackPlan, type StackPlan } from "./stack-plan";
import { STACK, type MainWorkspace } from "./workspace";

/** cdktf's flags for our runs: no registry lookups for a local provider, no colour codes. */
export const CDKTF_FLAGS = ["--auto-approve", "--skip-provider-lock", "--skip-synth", "--no-color"];

/** Environment for cdktf: the target network, and no colours from cdktf's own logger either. */
export function cdktfEnvironment(node: string, mnemonic: string): NodeJS.ProcessEnv {
  return { AKASH_NODE: node, AKASH_MNEMONIC: mnemonic, FORCE_COLOR: "0", NO_COLOR: "1" };
}

/** Installs the provider into the workspace mirror; returns the package directory terraform will use. */
function installIntoWorkspace(ws: MainWorkspace): { version: string; packageDir: string } {
  mkdirSync(ws.root, { recursive: true });
  const installed = installProvider(ws.pluginMirror);
  writeFileSync(ws.cliConfig, cliConfigFor(ws.pluginMirror));
  const packageDir = installed.packageDirs.find((dir) => dir.split(sep).includes("registry.terraform.io"));
  if (!packageDir)
    throw new Error(`the provider was not installed for registry.terraform.io in ${ws.pluginMirror}`);
  return { version: installed.version, packageDir };
}

/**
 * Bundles and synthesizes the app (`cdktf synth`, output into the log) and prepares terraform for it: the lock
 * file records the installed provider's checksum, and the copy terraform made of an older build is dropped.
 */
export async function synthesizeApp(ws: MainWorkspace, log: CdktfLog): Promise<StackPlan> {
  const provider = installIntoWorkspace(ws);
  await bundleCdktfApp(join(packageInfo().root, "examples", STACK, "main.ts"), ws.app);
  const synth = await runCdktfLogged(
    ["synth"],
    { appDir: ws.app, cliConfig: ws.cliConfig, env: { FORCE_COLOR: "0", NO_COLOR: "1" } },
    { stack: STACK, log, show: () => undefined },
  );
  if (synth.code !== 0) {
    throw new Error(
      `cdktf synth failed (exit ${synth.code}):\n${synth.errors.join("\n")}\nFull output: ${log.path}`,
    );
  }
  const plan = readStackPlan(ws.stackDir);
  writeLockFile(ws.stackDir, [
    {
      address: `registry.terraform.io/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}`,
      version: provider.version,
      ...(plan.providerConstraint ? { constraints: plan.providerConstraint } : {}),
      packageDir: provider.packageDir,
    },
  ]);
  rmSync(join(ws.stackDir, ".terraform", "providers"), { recursive: true, force: true });
  return plan;
}
