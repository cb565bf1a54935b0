/** The build points the L2 constructs' framework imports at cdktn: module specifiers only, found by the parser. */
import { rewriteFrameworkImports } from "../../../scripts/framework-imports.mjs";

test("imports, re-exports, type imports and subpaths of cdktf become cdktn; nothing else changes", () => {
  const source = [
    '// cdktf\'s token encodings; see "cdktf" docs',
    'import { Token, type ITerraformDependable } from "cdktf";',
    'import type { TerraformProvider } from "cdktf";',
    'import * as testing from "cdktf/lib/testing";',
    'export { Fn } from "cdktf";',
    'export * from "./generated";',
    'import { Construct } from "constructs";',
    'import cli from "cdktf-cli";',
    'type P = import("cdktf").TerraformStack;',
    'const name = "cdktf";',
    "",
  ].join("\n");
  expect(rewriteFrameworkImports(source, "x.ts", "cdktf", "cdktn")).toBe(
    [
      '// cdktf\'s token encodings; see "cdktf" docs',
      'import { Token, type ITerraformDependable } from "cdktn";',
      'import type { TerraformProvider } from "cdktn";',
      'import * as testing from "cdktn/lib/testing";',
      'export { Fn } from "cdktn";',
      'export * from "./generated";',
      'import { Construct } from "constructs";',
      'import cli from "cdktf-cli";',
      'type P = import("cdktn").TerraformStack;',
      'const name = "cdktf";',
      "",
    ].join("\n"),
  );
});
