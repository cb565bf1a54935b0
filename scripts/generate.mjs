// `npm run generate` / `npm run generate:check`: CDKTF L1 bindings (constructs/generated/) and docs (docs/) from the
// provider schema. The generator is TypeScript (src/schema-export), so it is bundled with esbuild first; its
// dependencies stay external and resolve from this repository's node_modules, which is why the bundle is written
// under node_modules/.cache rather than a system temp directory.
import { build } from "esbuild";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const cacheDir = join(root, "node_modules", ".cache", "akash-cdktf");
const bundle = join(cacheDir, `generate-${process.pid}.cjs`);

// Nothing here needs the network; keep cdktf's libraries from phoning home.
process.env.CHECKPOINT_DISABLE ??= "1";

mkdirSync(cacheDir, { recursive: true });
let code = 2;
try {
  await build({
    entryPoints: [join(root, "src/schema-export/main.ts")],
    outfile: bundle,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    packages: "external",
    logLevel: "warning",
    define: { __AKASH_CDKTF_VERSION__: JSON.stringify(pkg.version) },
  });
  const { runGenerate } = createRequire(import.meta.url)(bundle);
  code = await runGenerate(process.argv.slice(2), root);
} catch (error) {
  console.error(`generate failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  rmSync(bundle, { force: true });
}
process.exit(code);
