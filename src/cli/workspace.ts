/**
 * The main job's working folder: everything it creates (chain data, plugin mirror, CLI configuration, the
 * synthesized app and its terraform state) lives under one ignored folder, `.localnet/`, so it can be inspected
 * and thrown away in one piece.
 */
import { join } from "node:path";

export interface MainWorkspace {
  root: string;
  chainData: string;
  pluginMirror: string;
  cliConfig: string;
  app: string;
}

export function mainWorkspace(cwd: string): MainWorkspace {
  const root = join(cwd, ".localnet");
  return {
    root,
    chainData: join(root, "chain"),
    pluginMirror: join(root, "plugins"),
    cliConfig: join(root, "terraform.rc"),
    app: join(root, "app"),
  };
}
