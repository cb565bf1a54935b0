/** Jest runs TypeScript through esbuild (scripts/jest-transform.cjs; transpile only — `npm run typecheck` checks types). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.(t|j)sx?$": "<rootDir>/scripts/jest-transform.cjs",
    "^.+\\.mjs$": "<rootDir>/scripts/jest-transform.cjs",
  },
  transformIgnorePatterns: ["/node_modules/(?!(@noble)/)"],
  moduleNameMapper: { "^akash-cdktf$": "<rootDir>/constructs/index.ts" },
  testTimeout: 120000,
  maxWorkers: 2,
};
