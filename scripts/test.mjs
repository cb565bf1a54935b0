// `npm test`: build, type-check, lint, then jest; ends with one plain "jest: N passed, N failed" line that CI reads.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { summarizeJest } from "./jest-summary.mjs";

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
step("typecheck scripts", "npx", ["tsc", "-p", "tsconfig.scripts.json"]);
step("lint", "npx", ["eslint", "."]);
step("format check", "npx", ["prettier", "--check", "."]);

const results = ".jest-results.json";
rmSync(results, { force: true });
const code = run("npx", ["jest", "--json", `--outputFile=${results}`, ...process.argv.slice(2)]);
if (existsSync(results)) {
  const summary = summarizeJest(JSON.parse(readFileSync(results, "utf8")));
  for (const s of summary.brokenSuites)
    console.error(`\nsuite failed to run: ${s.name}\n${s.message.split("\n").slice(0, 8).join("\n")}`);
  console.log(`\n${summary.line}`);
  if (summary.ran === 0 && summary.failed === 0) {
    console.error("No test ran.");
    process.exit(1);
  }
  if (summary.failed > 0 && code === 0) process.exit(1);
} else if (code === 0) {
  console.error("jest wrote no results.");
  process.exit(1);
}
process.exit(code);
