/**
 * The main job's working folder: everything it creates (chain data, plugin mirror, CLI configuration, the
 * synthesized app, its terraform state and the log of the last run) lives under one ignored folder, `.localnet/`,
 * so it can be inspected and thrown away in one piece.
 */
import { isAbsolute, join, relative } from "node:path";

export const STACK = "hello-world";

export interface MainWorkspace {
  root: string;
  chainData: string;
  pluginMirror: string;
  cliConfig: string;
  app: string;
  /** The synthesized stack (cdk.tf.json, lock file, .terraform). */
  stackDir: string;
  /** Which network the state in this folder belongs to (see workspace-target.ts). */
  targetFile: string;
  /** The full cdktf/terraform output of the last `main`. */
  mainLog: string;
}

export function mainWorkspace(cwd: string): MainWorkspace {
  const root = join(cwd, ".localnet");
  const app = join(root, "app");
  return {
    root,
    chainData: join(root, "chain"),
    pluginMirror: join(root, "plugins"),
    cliConfig: join(root, "terraform.rc"),
    app,
    stackDir: join(app, "cdktf.out", "stacks", STACK),
    targetFile: join(root, "target.json"),
    mainLog: join(root, "main.log"),
  };
}

/** A path as the user should see it: relative to the current folder when it is inside it. */
export function shownPath(path: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}
