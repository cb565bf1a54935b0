/** Runs the real terraform binary in a sandboxed HOME, so tests never read or write the user's plugins or config. */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TerraformResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TerraformSandbox {
  /** Fake HOME: its ~/.terraform.d/plugins is terraform's implied local mirror. */
  home: string;
  env: NodeJS.ProcessEnv;
  run(cwd: string, args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<TerraformResult>;
}

export function terraformSandbox(): TerraformSandbox {
  const home = mkdtempSync(join(tmpdir(), "akash-cdktf-home-"));
  const cliConfig = join(home, "empty.tfrc");
  writeFileSync(cliConfig, "");
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    TF_CLI_CONFIG_FILE: cliConfig,
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
  };
  return {
    home,
    env,
    run(cwd, args, extraEnv = {}) {
      return new Promise((resolve, reject) => {
        const child = spawn("terraform", args, {
          cwd,
          env: { ...env, ...extraEnv },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
      });
    },
  };
}

/** A fresh working directory holding one main.tf. */
export function workspace(mainTf: string): string {
  const dir = mkdtempSync(join(tmpdir(), "akash-cdktf-tf-"));
  writeFileSync(join(dir, "main.tf"), mainTf);
  return dir;
}
