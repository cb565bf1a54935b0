import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface PackageInfo {
  /** Absolute path of the akash-cdktf package (the folder holding its package.json). */
  root: string;
  version: string;
}

let cached: PackageInfo | undefined;

/**
 * Finds our own package root by walking up from this file. Works both from the bundle (dist/cli.js) and from
 * the TypeScript sources under jest, which keeps one code path for tests and users.
 */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) {
      const json = JSON.parse(readFileSync(candidate, "utf8")) as { name?: string; version?: string };
      if (json.name === "akash-cdktf" && json.version) {
        cached = { root: dir, version: json.version };
        return cached;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the akash-cdktf package.json above " + __dirname);
    dir = parent;
  }
}
