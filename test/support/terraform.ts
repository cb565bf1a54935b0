/** Runs the real terraform binary in a sandboxed HOME, so tests never read or write the user's plugins or config. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProcess, type ProcessResult } from "./run-process";

export type TerraformResult = ProcessResult;

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
      return runProcess("terraform", args, { cwd, env: { ...env, ...extraEnv } });
    },
  };
}

/** A fresh working directory holding one main.tf. */
export function workspace(mainTf: string): string {
  const dir = mkdtempSync(join(tmpdir(), "akash-cdktf-tf-"));
  writeFileSync(join(dir, "main.tf"), mainTf);
  return dir;
}
