/**
 * Two jest projects: `unit` (in-process, fast, short timeouts so a hang shows up quickly) and `e2e` (a localnet,
 * terraform, the cdktf CLI: timeouts sized for a loaded 2-core machine). Jest runs TypeScript through esbuild
 * (scripts/jest-transform.cjs; transpile only — `npm run typecheck` checks types). Jest 29 has no per-project
 * testTimeout, so each project's setup file sets it (a test file's own jest.setTimeout still wins).
 */
const shared = {
  testEnvironment: "node",
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.(t|j)sx?$": "<rootDir>/scripts/jest-transform.cjs",
    "^.+\\.mjs$": "<rootDir>/scripts/jest-transform.cjs",
  },
  transformIgnorePatterns: ["/node_modules/(?!(@noble)/)"],
  moduleNameMapper: { "^akash-cdktf$": "<rootDir>/constructs/index.ts" },
};

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  projects: [
    {
      ...shared,
      displayName: "unit",
      roots: ["<rootDir>/test/unit"],
      setupFilesAfterEnv: ["<rootDir>/test/support/unit-timeout.ts"],
    },
    {
      ...shared,
      displayName: "e2e",
      roots: ["<rootDir>/test/e2e", "<rootDir>/test/localnet", "<rootDir>/test/integration"],
      setupFilesAfterEnv: ["<rootDir>/test/support/e2e-timeout.ts"],
    },
  ],
};
