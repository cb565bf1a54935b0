// Runs an exported function of a TypeScript entry point of this repository (e.g. src/schema-export/cdktn-main.ts):
// bundled with esbuild first, its dependencies external so they resolve from this repository's node_modules,
// which is why the bundle is written under node_modules/.cache rather than a system temp directory.
import { build } from "esbuild";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** Calls `exportName(args, root)` of `entry` (repository-relative) and returns its exit code. */
export async function runTsEntry(entry, exportName, args) {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const cacheDir = join(root, "node_modules", ".cache", "akash-cdktf");
  const bundle = join(cacheDir, `${exportName}-${process.pid}.cjs`);
  process.env.CHECKPOINT_DISABLE ??= "1";
  mkdirSync(cacheDir, { recursive: true });
  try {
    await build({
      entryPoints: [join(root, entry)],
      outfile: bundle,
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      packages: "external",
      logLevel: "warning",
      define: { __AKASH_CDKTF_VERSION__: JSON.stringify(pkg.version) },
    });
    const run = createRequire(import.meta.url)(bundle)[exportName];
    return await run(args, root);
  } finally {
    rmSync(bundle, { force: true });
  }
}
