/** The closing line of `npm test` counts a suite that failed to run as a failure (real jest on a fixture project). */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { summarizeJest } from "../../../scripts/jest-summary.mjs";

const fixture = resolve(__dirname, "../../fixtures/jest-broken-suite");

test("a suite that cannot load is a failure, and is named", () => {
  const out = join(mkdtempSync(join(tmpdir(), "jest-summary-")), "results.json");
  const jest = require.resolve("jest/bin/jest");
  const run = spawnSync(
    process.execPath,
    [
      jest,
      "--rootDir",
      fixture,
      "--config",
      join(fixture, "jest.config.js"),
      "--json",
      `--outputFile=${out}`,
    ],
    { encoding: "utf8" },
  );
  expect(run.status).not.toBe(0);
  const summary = summarizeJest(JSON.parse(readFileSync(out, "utf8")));
  expect(summary.passed).toBe(1);
  expect(summary.failed).toBe(1);
  expect(summary.line).toBe("jest: 1 passed, 1 failed (1 of them suites that failed to run)");
  expect(summary.brokenSuites.map((s) => s.name)).toEqual([join(fixture, "cannot-load.test.js")]);
  expect(summary.brokenSuites[0]!.message).toContain("a-module-that-is-not-there");
}, 60_000);

test("a clean run says so", () => {
  const summary = summarizeJest({
    numPassedTests: 3,
    numFailedTests: 0,
    numTotalTests: 3,
    testResults: [{ name: "a", status: "passed", message: "", assertionResults: [{}, {}, {}] }],
  });
  expect(summary.line).toBe("jest: 3 passed, 0 failed");
});
