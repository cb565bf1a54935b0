// The cdktf 0.21 CLI loads a native terminal library (@cdktf/node-pty-prebuilt-multiarch) at start. Its package
// ships builds up to Node 22's ABI; cdktf is archived, so there will be none for Node 24. This builds the library
// from the sources in its package with node-gyp for the Node that lacks one (build/Release/pty.node, which the
// library loads only when it has no prebuilt file for the running ABI, so other Node versions are unaffected).
//
//   node scripts/cdktf-terminal.mjs                      for the Node running this script
//   node scripts/cdktf-terminal.mjs <bin/node> [nodedir] for another Node; nodedir holds its include/node headers
//                                                        (without it node-gyp downloads them from nodejs.org)
import { spawnSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const terminalPackage = join(root, "node_modules", "@cdktf", "node-pty-prebuilt-multiarch");

/** True when `node` can load the terminal library (a prebuilt file for its ABI, or one built here). */
export function cdktfTerminalLoads(node = process.execPath) {
  const probe = spawnSync(
    node,
    ["-e", `require(${JSON.stringify(join(terminalPackage, "lib", "index.js"))})`],
    {
      encoding: "utf8",
    },
  );
  return probe.status === 0;
}

/** node-gyp as npm bundles it (next to the npm on PATH), or the one npm names when it runs a script. */
function nodeGyp() {
  const candidates = [process.env.npm_config_node_gyp];
  const which = spawnSync("sh", ["-c", "command -v npm"], { encoding: "utf8" }).stdout.trim();
  if (which) {
    const npmRoot = dirname(dirname(realpathSync(which)));
    candidates.push(join(npmRoot, "node_modules", "node-gyp", "bin", "node-gyp.js"));
    candidates.push(
      join(npmRoot, "lib", "node_modules", "npm", "node_modules", "node-gyp", "bin", "node-gyp.js"),
    );
  }
  const found = candidates.find((c) => c && existsSync(c));
  if (!found)
    throw new Error("node-gyp was not found next to npm; install it with `npm install -g node-gyp`.");
  return found;
}

/** Makes the terminal library loadable by `node`, building it when needed. Returns what it did. */
export function ensureCdktfTerminal(node = process.execPath, nodedir) {
  if (!existsSync(terminalPackage)) throw new Error(`${terminalPackage} is missing: run npm ci first.`);
  if (cdktfTerminalLoads(node)) return "present";
  const args = [nodeGyp(), "rebuild", ...(nodedir ? [`--nodedir=${nodedir}`] : [])];
  const build = spawnSync(node, args, {
    cwd: terminalPackage,
    encoding: "utf8",
    // node-gyp runs `node -e "require('nan')"` through PATH: it must be the Node being built for.
    env: { ...process.env, PATH: `${dirname(node)}:${process.env.PATH ?? ""}` },
  });
  if (build.status !== 0) {
    throw new Error(
      `building the cdktf terminal library failed:\n${(build.stderr || build.stdout).slice(-3000)}`,
    );
  }
  if (!cdktfTerminalLoads(node)) throw new Error("the cdktf terminal library was built but does not load");
  return "built";
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const node = process.argv[2] ?? process.execPath;
  try {
    const outcome = ensureCdktfTerminal(node, process.argv[3]);
    console.log(`cdktf terminal library for ${node}: ${outcome}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
