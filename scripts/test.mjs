// `npm test`: build, type-check, lint, then jest; ends with one plain "jest: N passed, N failed" line that CI reads.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";

const run = (cmd, args) =>
  spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, CHECKPOINT_DISABLE: "1" } }).status ?? 1;
const step = (name, cmd, args) => {
  const code = run(cmd, args);
  if (code !== 0) {
    console.error(`\n${name} failed (exit ${code}).`);
    process.exit(code);
  }
};

step("build", "node", ["scripts/build.mjs"]);
step("generated bindings and docs are up to date", "node", ["scripts/generate.mjs", "--check"]);
step("typecheck", "npx", ["tsc", "--noEmit", "-p", "tsconfig.json"]);
step("lint", "npx", ["eslint", "."]);
step("format check", "npx", ["prettier", "--check", "."]);

const results = ".jest-results.json";
rmSync(results, { force: true });
const code = run("npx", ["jest", "--json", `--outputFile=${results}`, ...process.argv.slice(2)]);
if (existsSync(results)) {
  const r = JSON.parse(readFileSync(results, "utf8"));
  console.log(`\njest: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  if (r.numTotalTests === 0) {
    console.error("No test ran.");
    process.exit(1);
  }
}
process.exit(code);
