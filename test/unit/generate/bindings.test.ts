/** CDKTF bindings generated for the zoo fixture: naming, pinning, the flat barrel, and a clean strict type check. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ts from "typescript";
import { generateCdktfBindings, type GeneratedFiles } from "../../../src/schema-export/cdktf-bindings";
import { cdktfClassNames } from "../../../src/schema-export/generated-outputs";
import { reservedNameWarnings } from "../../../src/schema-export/reserved-names";
import { providersSchemaJson } from "../../../src/schema-export/terraform-schema-json";
import { zooProvider } from "./zoo-provider";

const identity = { name: "zoo", source: "test/zoo", version: "1.2.3" };
const fullSchema = providersSchemaJson(zooProvider, { source: identity.source, version: identity.version });
/** The zoo without the two features CDKTF cannot represent (see the refusal test). */
const schema = structuredClone(fullSchema);
const gadgetBlock =
  schema.provider_schemas["registry.terraform.io/test/zoo"]!.resource_schemas!.zoo_gadget!.block;
delete gadgetBlock.attributes!.pair;
delete gadgetBlock.block_types!.legacy;
/** A copy that keeps its `provider` attribute, the name that collides with TerraformResource.provider. */
const colliding = structuredClone(schema);
delete gadgetBlock.attributes!.provider;
let files: GeneratedFiles;

beforeAll(async () => {
  files = await generateCdktfBindings(schema, identity);
});

describe("generateCdktfBindings", () => {
  test("one module per resource, data source and the provider, all re-exported flat from index.ts", () => {
    expect(
      files
        .get("index.ts")!
        .split("\n")
        .filter((l) => l.startsWith("export")),
    ).toEqual([
      'export * from "./providers/zoo/data-zoo-lookup";',
      'export * from "./providers/zoo/fixed";',
      'export * from "./providers/zoo/gadget";',
      'export * from "./providers/zoo/provider";',
    ]);
    const classes = cdktfClassNames(files);
    expect(Object.fromEntries(classes.resources)).toEqual({ zoo_fixed: "Fixed", zoo_gadget: "Gadget" });
    expect(Object.fromEntries(classes.dataSources)).toEqual({ zoo_lookup: "DataZooLookup" });
    expect(classes.provider).toBe("ZooProvider");
  });

  test("pins the provider source and exact version, as cdktf get does from cdktf.json", () => {
    const provider = files.get("providers/zoo/provider/index.ts")!;
    expect(provider).toContain("terraformProviderSource: 'test/zoo'");
    expect(files.get("providers/zoo/gadget/index.ts")).toContain("providerVersionConstraint: '1.2.3'");
  });

  test("an attribute named like a cdktf member is refused, naming it: the generator is not patched", async () => {
    await expect(generateCdktfBindings(colliding, identity)).rejects.toThrow(
      'zoo_gadget.provider: the generated member "provider" is already TerraformResource.provider',
    );
    expect(reservedNameWarnings(zooProvider)).toEqual([
      expect.stringMatching(/^resource zoo_gadget: "provider" is a Terraform meta-argument name/),
    ]);
  });

  test("type-checks under the repository's strict settings (noImplicitOverride included)", () => {
    const dir = mkdtempSync(join(tmpdir(), "zoo-bindings-"));
    try {
      for (const [path, text] of files) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
      const program = ts.createProgram([join(dir, "index.ts")], {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.Preserve,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        strict: true,
        noUncheckedIndexedAccess: true,
        noImplicitOverride: true,
        noFallthroughCasesInSwitch: true,
        isolatedModules: true,
        skipLibCheck: true,
        noEmit: true,
        types: [],
        paths: { cdktf: [packageDir("cdktf")], constructs: [packageDir("constructs")] },
      });
      const problems = ts
        .getPreEmitDiagnostics(program)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      expect(problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("refuses what CDKTF cannot represent, naming each place, instead of the generator's bare TypeError", async () => {
    await expect(generateCdktfBindings(fullSchema, identity)).rejects.toThrow(
      'CDKTF bindings cannot represent zoo_gadget.pair (a tuple type: use a list or an object type); zoo_gadget.legacy (a "group" nested block: use "single")',
    );
  });
});
