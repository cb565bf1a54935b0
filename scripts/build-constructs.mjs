// Compiles the CDKTF package entry point (constructs/index.ts and what it imports) with tsc into CommonJS + .d.ts
// under dist/constructs, which package.json `main`/`types` point at. tsc keeps the source layout below the
// repository root (so L2 constructs may import from src/), and two small entry files re-export constructs/index.
// `--out DIR` builds elsewhere (the e2e test packs a throwaway copy of the package).
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outFlag = process.argv.indexOf("--out");
const out = outFlag >= 0 ? resolve(process.argv[outFlag + 1] ?? "") : join(root, "dist", "constructs");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

rmSync(out, { recursive: true, force: true });
const result = spawnSync(
  process.execPath,
  [tsc, "-p", join(root, "tsconfig.constructs.json"), "--outDir", out],
  {
    cwd: root,
    stdio: "inherit",
  },
);
if (result.status !== 0) {
  console.error("build-constructs: tsc failed (see above); dist/constructs is incomplete.");
  process.exit(result.status ?? 1);
}
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "index.js"), '"use strict";\nmodule.exports = require("./constructs/index.js");\n');
writeFileSync(join(out, "index.d.ts"), 'export * from "./constructs/index";\n');
