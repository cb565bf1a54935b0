/**
 * Deploying an example CDKTF app of this repository with the real cdktf CLI against a localnet, the way the main
 * job does: the app is bundled (with "akash-cdktf" resolving to constructs/), the built provider is installed into
 * a throwaway plugin mirror, and cdktf deploy/destroy run offline. Outputs are read from the stack's local state.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleCdktfApp, runCdktf, type CdktfResult } from "../../src/cli/cdktf-app";
import { cliConfigFor, installProvider } from "../../src/cli/commands/install";
import { packageInfo } from "../../src/cli/package-info";

export interface CdktfWorkspace {
  root: string;
  /** Terraform CLI configuration that installs our provider from the workspace's mirror. */
  cliConfig: string;
  /** Removes everything the workspace created. */
  remove(): void;
}

/** A temp folder with the built provider in a filesystem mirror and a CLI configuration pointing at it. */
export function cdktfWorkspace(): CdktfWorkspace {
  const root = mkdtempSync(join(tmpdir(), "akash-cdktf-apps-"));
  if (!existsSync(join(packageInfo().root, "dist", "provider.js"))) {
    throw new Error("dist/provider.js is missing: run `node scripts/build.mjs` before the e2e tests");
  }
  const mirror = join(root, "plugins");
  installProvider(mirror);
  const cliConfig = join(root, "terraform.rc");
  writeFileSync(cliConfig, cliConfigFor(mirror));
  return { root, cliConfig, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export interface ExampleApp {
  name: string;
  appDir: string;
  /** `cdktf deploy <stack> --auto-approve --skip-provider-lock`, output captured. */
  deploy(env?: NodeJS.ProcessEnv): Promise<CdktfResult>;
  /** `cdktf destroy <stack> --auto-approve --skip-provider-lock`, output captured. */
  destroy(env?: NodeJS.ProcessEnv): Promise<CdktfResult>;
  /** The stack's outputs from its local state (empty before the first deploy). */
  outputs(): Record<string, unknown>;
  /** Resources of the stack's local state: type, name and attributes of each instance. */
  resources(): { type: string; name: string; attributes: Record<string, unknown> }[];
}

/**
 * examples/<name>/main.ts, bundled into the workspace. The stack is named like the example. `env` (e.g.
 * AKASH_NODE, AKASH_MNEMONIC, TF_VAR_…) is passed to every cdktf run.
 */
export async function exampleApp(
  ws: CdktfWorkspace,
  name: string,
  env: NodeJS.ProcessEnv,
): Promise<ExampleApp> {
  const appDir = join(ws.root, name);
  await bundleCdktfApp(join(packageInfo().root, "examples", name, "main.ts"), appDir);
  const flags = ["--auto-approve", "--skip-provider-lock"];
  const run = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    runCdktf(args, { appDir, cliConfig: ws.cliConfig, env: { ...env, ...extra }, output: "pipe" });
  const state = () => {
    const file = join(appDir, `terraform.${name}.tfstate`);
    if (!existsSync(file)) return undefined;
    return JSON.parse(readFileSync(file, "utf8")) as {
      outputs?: Record<string, { value: unknown }>;
      resources?: { type: string; name: string; instances: { attributes: Record<string, unknown> }[] }[];
    };
  };
  return {
    name,
    appDir,
    deploy: (extra) => run(["deploy", name, ...flags], extra),
    destroy: (extra) => run(["destroy", name, ...flags], extra),
    outputs: () => Object.fromEntries(Object.entries(state()?.outputs ?? {}).map(([k, v]) => [k, v.value])),
    resources: () =>
      (state()?.resources ?? []).flatMap((r) =>
        r.instances.map((i) => ({ type: r.type, name: r.name, attributes: i.attributes })),
      ),
  };
}

/** cdktf prints terraform's output with ANSI colours even when piped; tests match on plain text. */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}
