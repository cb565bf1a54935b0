// Compiles the constructs package entry point (constructs/index.ts and what it imports) with tsc into CommonJS +
// .d.ts. tsc keeps the source layout below the root it compiles (so L2 constructs may import from src/), and two
// small entry files re-export constructs/index.
//
//   node scripts/build-constructs.mjs [--framework cdktf|cdktn] [--out DIR]
//
// cdktf (default): the checked-in L1 bindings (constructs/generated) and the L2 constructs, into dist/constructs,
//   which package.json `main`/`types` point at.
// cdktn: the same L2 sources with their framework imports pointed at cdktn, and L1 bindings generated now by
//   cdktn's own generator, compiled in a staging copy (dist/cdktn/stage, so cdktn resolves from this repository)
//   into dist/cdktn/constructs; scripts/package-cdktn.mjs makes the akash-cdktn package of it.
// `--out DIR` builds elsewhere (the e2e tests pack throwaway copies of the package).
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { rewriteFrameworkImports } from "./framework-imports.mjs";
import { root, runTsEntry } from "./run-ts-entry.mjs";

const flag = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const framework = flag("--framework") ?? "cdktf";
if (framework !== "cdktf" && framework !== "cdktn") {
  console.error(`build-constructs: --framework must be cdktf or cdktn, not ${JSON.stringify(framework)}`);
  process.exit(2);
}
const defaultOut =
  framework === "cdktf" ? join(root, "dist", "constructs") : join(root, "dist", "cdktn", "constructs");
const outFlag = flag("--out");
const out = outFlag ? resolve(outFlag) : defaultOut;
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

function compile(tsconfig, cwd) {
  rmSync(out, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [tsc, "-p", tsconfig, "--outDir", out], {
    cwd,
    stdio: "inherit",
  });
  if (result.status !== 0) {
    console.error(`build-constructs: tsc failed (see above); ${out} is incomplete.`);
    process.exit(result.status ?? 1);
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "index.js"), '"use strict";\nmodule.exports = require("./constructs/index.js");\n');
  writeFileSync(join(out, "index.d.ts"), 'export * from "./constructs/index";\n');
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Fails if compiled output still loads `library` (a framework import the rewrite missed). */
function assertNoImportOf(library) {
  const pattern = new RegExp(`(require\\(|from |import\\()"${library}(/[^"]*)?"`);
  const offenders = listFiles(out).filter(
    (f) => /\.(js|d\.ts)$/.test(f) && pattern.test(readFileSync(f, "utf8")),
  );
  if (offenders.length > 0) {
    console.error(`build-constructs: these files still import ${library}:\n  ${offenders.join("\n  ")}`);
    process.exit(1);
  }
}

async function stageCdktn() {
  // Not under node_modules (tsc emits nothing for files there), but inside the repository so cdktn resolves.
  const stage = join(root, "dist", "cdktn", "stage");
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, "constructs"), { recursive: true });
  // The hand-written L2 files, subfolders included (constructs/generated is regenerated for cdktn below).
  const l2 = listFiles(join(root, "constructs"))
    .map((f) => relative(join(root, "constructs"), f))
    .filter((f) => f.endsWith(".ts") && !f.startsWith(`generated${sep}`));
  for (const file of l2) {
    const text = readFileSync(join(root, "constructs", file), "utf8");
    mkdirSync(dirname(join(stage, "constructs", file)), { recursive: true });
    writeFileSync(join(stage, "constructs", file), rewriteFrameworkImports(text, file, "cdktf", "cdktn"));
  }
  cpSync(join(root, "src"), join(stage, "src"), { recursive: true });
  const code = await runTsEntry("src/schema-export/cdktn-main.ts", "runCdktnBindings", [
    join(stage, "constructs", "generated"),
  ]);
  if (code !== 0) {
    console.error("build-constructs: the cdktn bindings could not be generated (see above).");
    process.exit(code);
  }
  const base = JSON.parse(readFileSync(join(root, "tsconfig.constructs.json"), "utf8"));
  const tsconfig = {
    extends: join(root, "tsconfig.constructs.json"),
    compilerOptions: { rootDir: stage, paths: {} },
    files: [join(stage, "constructs", "index.ts")],
    include: [],
    exclude: base.exclude,
  };
  writeFileSync(join(stage, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  return stage;
}

if (framework === "cdktf") {
  compile(join(root, "tsconfig.constructs.json"), root);
  assertNoImportOf("cdktn");
} else {
  const stage = await stageCdktn();
  compile(join(stage, "tsconfig.json"), stage);
  assertNoImportOf("cdktf");
}
