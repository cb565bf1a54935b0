// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import architecture from "./scripts/eslint-architecture.mjs";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      "release/",
      "coverage/",
      "**/cdktf.out/",
      "**/.gen/",
      "constructs/generated/",
      ".localnet/",
      "test/fixtures/jest-broken-suite/",
      "**/*.js",
      "**/*.mjs",
      "**/*.cjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { architecture },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["error", "warn"] }],
      "architecture/layers": "error",
      "architecture/no-cycle": "error",
      "architecture/no-unused-barrel": "error",
    },
  },
  {
    files: ["test/**", "scripts/**", "src/cli/**", "examples/**"],
    rules: { "no-console": "off" },
  },
);
