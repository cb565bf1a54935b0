/**
 * The checked-in outputs of `npm run generate` (constructs/generated, docs) match the provider definition, and every
 * resource and data source has a hand-written, `terraform fmt`-clean example.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { akashProvider as akashProviderOf } from "../../../src/provider/akash-provider";
import { CompositionRoot } from "../../../src/provider/composition-root";

const akashProvider = akashProviderOf(new CompositionRoot({}));
import { describeDrift, findDrift } from "../../../src/schema-export/drift";
import { EXAMPLES_DIR, filesOnDisk, generateOutputs } from "../../../src/schema-export/generated-outputs";
import { terraformSandbox } from "../../support/terraform";

const root = resolve(__dirname, "..", "..", "..");

describe("generated files in the repository", () => {
  test("constructs/generated and docs are up to date (run `npm run generate` if not)", async () => {
    const { files } = await generateOutputs(root, akashProvider);
    const drift = findDrift(files, filesOnDisk(root));
    if (drift.length > 0) throw new Error(describeDrift(drift, "npm run generate"));
    expect(files.has("docs/index.md")).toBe(true);
    expect(files.has("docs/data-sources/sdl.md")).toBe(true);
    expect(files.has("constructs/generated/index.ts")).toBe(true);
  });

  test("every resource and data source has an example under examples/docs", () => {
    const missing = [
      ...akashProvider.resources.map((r) => `${EXAMPLES_DIR}/resources/${r.typeName}.tf`),
      ...akashProvider.dataSources.map((d) => `${EXAMPLES_DIR}/data-sources/${d.typeName}.tf`),
      `${EXAMPLES_DIR}/provider.tf`,
    ].filter((path) => !existsSync(join(root, path)));
    expect(missing).toEqual([]);
  });

  test("the examples are formatted as terraform fmt would", async () => {
    const result = await terraformSandbox().run(root, ["fmt", "-check", "-recursive", "-diff", EXAMPLES_DIR]);
    expect(result.stdout).toBe("");
    expect(result.code).toBe(0);
  });
});
