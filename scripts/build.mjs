// Bundles the programs with esbuild:
// - dist/provider/: the Terraform provider, self-contained (it is copied into plugin mirrors, away from
//   node_modules). ESM with code splitting: terraform starts the provider 3-4 times per command and waits for its
//   handshake, so main.mjs holds only the protocol; the akash provider (chain clients, SDL, resources) is a chunk
//   loaded after the handshake line is out.
// - dist/provider.js: a tiny CommonJS launcher for running the provider from a checkout.
// - dist/cli.js: the akash-cdktf command line; runs inside the installed package, so dependencies stay external.
import { build } from "esbuild";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
/** @type {import("esbuild").BuildOptions} */
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  sourcemap: false,
  logLevel: "warning",
  legalComments: "none",
  define: { __AKASH_CDKTF_VERSION__: JSON.stringify(pkg.version) },
};

// The provider is built beside the current one and swapped in at the end: tests that run the provider from dist/
// (and a release build running next to them) never see a half-written or missing dist/provider.
const next = `dist/provider.next-${process.pid}`;
rmSync(next, { recursive: true, force: true });
mkdirSync("dist", { recursive: true });
await Promise.all([
  build({
    ...common,
    entryPoints: { main: "src/provider/main.ts" },
    outdir: next,
    format: "esm",
    splitting: true,
    minify: true,
    outExtension: { ".js": ".mjs" },
    // Bundled CommonJS dependencies call require(); give each ESM chunk one.
    banner: {
      js: "import{createRequire as __akashRequire}from'node:module';const require=__akashRequire(import.meta.url);",
    },
  }),
  build({
    ...common,
    format: "cjs",
    entryPoints: ["src/cli/main.ts"],
    outfile: "dist/cli.js",
    packages: "external",
  }),
]);
const old = `dist/provider.old-${process.pid}`;
if (existsSync("dist/provider")) renameSync("dist/provider", old);
renameSync(next, "dist/provider");
rmSync(old, { recursive: true, force: true });
writeFileSync("dist/provider.js", '"use strict";\nimport("./provider/main.mjs");\n');
