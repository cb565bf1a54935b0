// The end-to-end tests again on other Node versions than the machine's (Node binaries from the npm registry, see
// node-runtime.mjs): jest, terraform's provider processes and the cdktf CLI all run on that Node. Ends with one
// `total: N passed, N failed` line that also counts the main run's results (.jest-results.json of `npm test`).
//
//   node scripts/test-node-versions.mjs 22 24 [-- extra jest arguments]
//
// Left out everywhere: release.test.ts (the release executables embed their own Node, whatever runs the tests),
// and scale.test.ts (400 leases test the lease logic and the localnet, not the Node version; 5 minutes each run).
// On Node 22, cdktn.test.ts too: it runs its app on Node 22 in the main run already. On Node 24 the CDK Terrain app
// runs on Node 24 as well. The cdktf 0.21 CLI's terminal library ships no build for Node 24's ABI (cdktf is
// archived): cdktf-terminal.mjs builds it first, against the headers of the Node package, as a user would.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { summarizeJest } from "./jest-summary.mjs";
import { ensureCdktfTerminal } from "./cdktf-terminal.mjs";
import { nodeForThisMachine } from "./node-runtime.mjs";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dash = process.argv.indexOf("--");
const majors = process.argv.slice(2, dash < 0 ? undefined : dash);
const extra = dash < 0 ? [] : process.argv.slice(dash + 1);
/** Left out on every Node version (see above); each plan may leave out more. */
const EVERYWHERE = ["release", "scale"];
const PLANS = {
  22: { exclude: ["cdktn"] },
  24: { exclude: [], env: { AKASH_CDKTN_TEST_NODE: "24" } },
};

let passed = 0;
let failed = 0;
let exitCode = 0;
const count = (file) => {
  if (!existsSync(file)) return undefined;
  const summary = summarizeJest(JSON.parse(readFileSync(file, "utf8")));
  passed += summary.passed;
  failed += summary.failed;
  return summary;
};

const main = count(join(root, ".jest-results.json"));
if (main) console.log(`machine node ${process.version}: ${main.line}`);
for (const major of majors) {
  const plan = PLANS[major] ?? { exclude: [] };
  const excluded = [...EVERYWHERE, ...plan.exclude].map((name) => `test/e2e/${name}\\.test\\.ts`);
  const bin = dirname(nodeForThisMachine(major));
  const env = {
    ...process.env,
    ...plan.env,
    PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`,
    CHECKPOINT_DISABLE: "1",
  };
  const results = join(root, `.jest-results-node${major}.json`);
  rmSync(results, { force: true });
  const version = spawnSync(join(bin, "node"), ["--version"], { encoding: "utf8" }).stdout.trim();
  console.log(`\n== end-to-end tests on Node ${version} ==`);
  console.log(`cdktf terminal library: ${ensureCdktfTerminal(join(bin, "node"), dirname(bin))}`);
  const jest = join(root, "node_modules", "jest", "bin", "jest.js");
  const run = spawnSync(
    join(bin, "node"),
    [
      jest,
      "test/e2e",
      "--testPathIgnorePatterns",
      ...excluded,
      "--json",
      `--outputFile=${results}`,
      ...extra,
    ],
    { cwd: root, env, stdio: "inherit" },
  );
  const summary = count(results);
  if (!summary) {
    console.error(`jest on Node ${version} wrote no results (exit ${run.status}).`);
    exitCode = 1;
    continue;
  }
  for (const s of summary.brokenSuites) console.error(`suite failed to run on Node ${version}: ${s.name}`);
  console.log(`node ${version}: ${summary.line}`);
  if (summary.failed > 0 || summary.ran === 0 || run.status !== 0) exitCode = 1;
}
console.log(`\ntotal: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : exitCode);
