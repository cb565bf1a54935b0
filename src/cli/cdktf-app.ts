/**
 * Running a CDKTF app of this repository (an example) with the real cdktf CLI, offline: the app's TypeScript is
 * bundled with esbuild into a plain-node program in which "akash-cdktf" resolves to this checkout's constructs, and
 * cdktf runs it with a terraform CLI configuration that installs our provider from a local mirror. The main job
 * and the example tests share this.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
// Static: this module is itself loaded only by the commands that run an app (the CLI loads commands lazily).
import { build } from "esbuild";
import { packageInfo } from "./package-info";

/** Bundles `entry` (a CDKTF app's main.ts) into `appDir/main.js` and writes the cdktf.json that runs it. */
export async function bundleCdktfApp(entry: string, appDir: string): Promise<void> {
  const { root } = packageInfo();
  mkdirSync(appDir, { recursive: true });
  await build({
    entryPoints: [entry],
    outfile: join(appDir, "main.js"),
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    logLevel: "warning",
    alias: { "akash-cdktf": join(root, "constructs", "index.ts") },
    external: ["cdktf", "constructs"],
    nodePaths: [join(root, "node_modules")],
  });
  writeFileSync(
    join(appDir, "cdktf.json"),
    JSON.stringify(
      { language: "typescript", app: "node main.js", output: "cdktf.out", sendCrashReports: "false" },
      null,
      2,
    ),
  );
}

export interface CdktfRun {
  /** The app folder (holding cdktf.json and main.js). */
  appDir: string;
  /** Terraform CLI configuration file (provider installation from the local mirror). */
  cliConfig: string;
  /** Extra environment, e.g. AKASH_NODE / AKASH_MNEMONIC / TF_VAR_… (never logged). */
  env?: NodeJS.ProcessEnv;
  /** "inherit" shows cdktf's output; "pipe" captures it into the result. Default "inherit". */
  output?: "inherit" | "pipe";
  /** With "pipe": called with each chunk of output as it arrives (stdout and stderr interleaved). */
  onOutput?: (text: string) => void;
}

export interface CdktfResult {
  code: number;
  /** Captured stdout and stderr (empty with output "inherit"). */
  output: string;
}

/**
 * Why the cdktf CLI cannot start on this Node, or undefined. Its terminal library ships builds up to Node 22's ABI
 * (cdktf is archived); scripts/cdktf-terminal.mjs builds one for a newer Node.
 */
export function cdktfTerminalProblem(root: string): string | undefined {
  const terminal = join(root, "node_modules", "@cdktf", "node-pty-prebuilt-multiarch");
  if (!existsSync(terminal)) return undefined; // a layout we do not know: let cdktf report it
  const abi = process.versions.modules;
  const prebuilt = join(terminal, "prebuilds", `${process.platform}-${process.arch}`, `node.abi${abi}.node`);
  if (existsSync(prebuilt) || existsSync(join(terminal, "build", "Release", "pty.node"))) return undefined;
  return (
    `cdktf 0.21's CLI cannot start on Node ${process.version}: its terminal library has no build for this Node ` +
    `(ABI ${abi}). Build it once with \`node scripts/cdktf-terminal.mjs\` (node-gyp, a C++ compiler and Python ` +
    `are needed), or run on Node 22.`
  );
}

/** Runs this repository's cdktf CLI with `args` (e.g. `deploy hello-world --auto-approve --skip-provider-lock`). */
export function runCdktf(args: string[], run: CdktfRun): Promise<CdktfResult> {
  const { root } = packageInfo();
  const cdktf = join(root, "node_modules", "cdktf-cli", "bundle", "bin", "cdktf");
  const pipe = run.output === "pipe";
  const problem = cdktfTerminalProblem(root);
  if (problem) return Promise.reject(new Error(problem));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cdktf, ...args], {
      cwd: run.appDir,
      stdio: ["ignore", pipe ? "pipe" : "inherit", pipe ? "pipe" : "inherit"],
      env: {
        ...process.env,
        NODE_PATH: join(root, "node_modules"),
        TF_CLI_CONFIG_FILE: run.cliConfig,
        CHECKPOINT_DISABLE: "1",
        DISABLE_VERSION_CHECK: "1",
        CDKTF_DISABLE_PLUGIN_CACHE_ENV: "1",
        CI: process.env.CI ?? "1",
        ...run.env,
      },
    });
    let output = "";
    const collect = (d: Buffer) => {
      const text = d.toString();
      output += text;
      run.onOutput?.(text);
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}
