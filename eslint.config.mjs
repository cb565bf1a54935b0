// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import architecture from "./scripts/eslint-architecture.mjs";

/** Promises that are never awaited, async callbacks where a plain one is expected, switches missing a case. */
const typeAwareRules = {
  "@typescript-eslint/no-floating-promises": "error",
  "@typescript-eslint/no-misused-promises": "error",
  "@typescript-eslint/await-thenable": "error",
  "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
};

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
      "**/*.cjs",
      "examples/**/*.mjs",
    ],
  },
  js.configs.recommended,
  {
    // The build, test and release scripts are plain ES modules run by Node.
    files: ["**/*.mjs"],
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        fetch: "readonly",
        TextEncoder: "readonly",
        TextDecoder: "readonly",
        performance: "readonly",
      },
    },
  },
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
    // Type-aware rules for the shipped code: promises that are never awaited, async callbacks where a plain one is
    // expected, switches that miss a case of a union, and assertions the types already make.
    files: ["src/**/*.ts", "constructs/**/*.ts"],
    ignores: ["constructs/generated/**"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { ...typeAwareRules, "@typescript-eslint/no-unnecessary-type-assertion": "error" },
  },
  {
    // The same promise and switch rules for the scripts, typed by tsconfig.scripts.json (checkJs).
    files: ["scripts/**/*.mjs"],
    languageOptions: {
      parserOptions: { project: "./tsconfig.scripts.json", tsconfigRootDir: import.meta.dirname },
    },
    rules: typeAwareRules,
  },
  {
    // Small enough to see at once: a file that outgrows this is more than one concept, a function more than one step.
    files: ["src/**/*.ts", "constructs/**/*.ts"],
    ignores: ["constructs/generated/**"],
    rules: {
      "max-lines": ["error", { max: 400, skipBlankLines: true, skipComments: true }],
      "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ["test/**", "scripts/**", "src/cli/**", "examples/**"],
    rules: { "no-console": "off" },
  },
);
