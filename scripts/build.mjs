// Bundles the two programs with esbuild:
// - dist/provider.js: the Terraform provider, self-contained (it is copied into plugin mirrors, away from
//   node_modules), minified because terraform starts it 3-4 times per command and parse time counts.
// - dist/cli.js: the akash-cdktf command line; runs inside the installed package, so dependencies stay external.
import { build } from "esbuild";
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: false,
  logLevel: "warning",
  legalComments: "none",
  define: { __AKASH_CDKTF_VERSION__: JSON.stringify(pkg.version) },
};

await Promise.all([
  build({ ...common, entryPoints: ["src/provider/main.ts"], outfile: "dist/provider.js", minify: true }),
  build({ ...common, entryPoints: ["src/cli/main.ts"], outfile: "dist/cli.js", packages: "external" }),
]);
