/**
 * cdktn L1 bindings from the zoo fixture with cdktn's own generator: a schema name that collides with a cdktn member
 * is refused before generating, naming the attribute; without one the bindings import cdktn and type-check strictly.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ts from "typescript";
import { loadBindingGenerator } from "../../../src/schema-export/binding-generator";
import { CDKTF, CDKTN } from "../../../src/schema-export/cdk-framework";
import { generateCdktnBindings } from "../../../src/schema-export/cdktn-bindings";
import { frameworkMembers } from "../../../src/schema-export/framework-members";
import { memberCollisions } from "../../../src/schema-export/member-collisions";
import type { GeneratedFiles } from "../../../src/schema-export/provider-bindings";
import {
  providersSchemaJson,
  type ProvidersSchemaJson,
} from "../../../src/schema-export/terraform-schema-json";
import { zooProvider } from "./zoo-provider";

const identity = { name: "zoo", source: "test/zoo", version: "1.2.3" };
const fullSchema = providersSchemaJson(zooProvider, { source: identity.source, version: identity.version });
const gadgetOf = (schema: ProvidersSchemaJson) =>
  schema.provider_schemas["registry.terraform.io/test/zoo"]!.resource_schemas!.zoo_gadget!.block;
/** The zoo without what no generator can render (a tuple, a group block). */
const renderable = structuredClone(fullSchema);
delete gadgetOf(renderable).attributes!.pair;
delete gadgetOf(renderable).block_types!.legacy;
/** ...and without its `provider` attribute, the name that collides with TerraformResource.provider. */
const clean = structuredClone(renderable);
delete gadgetOf(clean).attributes!.provider;

describe("generateCdktnBindings", () => {
  test("refuses a schema attribute that collides with a cdktn member, naming it and what to do", async () => {
    await expect(generateCdktnBindings(renderable, identity)).rejects.toThrow(
      [
        "CDK Terrain (cdktn) bindings would not compile: a schema name collides with members of the framework's base classes:",
        '  zoo_gadget.provider: the generated member "provider" is already TerraformResource.provider',
        'Rename the attribute in the provider schema (e.g. "provider" -> "provider_address"); the generator is not patched to hide it.',
      ].join("\n"),
    );
  });

  test("refuses what the generator cannot represent, like the cdktf one", async () => {
    await expect(generateCdktnBindings(fullSchema, identity)).rejects.toThrow(
      "CDK Terrain (cdktn) bindings cannot represent zoo_gadget.pair (a tuple type",
    );
  });

  describe("without collisions", () => {
    let files: GeneratedFiles;
    beforeAll(async () => {
      files = await generateCdktnBindings(clean, identity);
    });

    test("every module imports cdktn, and the barrel names the akash-cdktn package", () => {
      expect(files.get("index.ts")).toContain('from "akash-cdktn"');
      const modules = [...files].filter(([p]) => p.endsWith("/index.ts") && p.split("/").length === 4);
      expect(modules.map(([p]) => p).sort()).toEqual([
        "providers/zoo/data-zoo-lookup/index.ts",
        "providers/zoo/fixed/index.ts",
        "providers/zoo/gadget/index.ts",
        "providers/zoo/provider/index.ts",
      ]);
      for (const [, text] of modules) {
        expect(text).toContain("import * as cdktn from 'cdktn';");
        expect(text).not.toContain("'cdktf'");
      }
      expect(files.get("providers/zoo/gadget/index.ts")).toContain("providerVersionConstraint: '1.2.3'");
    });

    test("type-checks against cdktn under the repository's strict settings (noImplicitOverride included)", () => {
      const dir = mkdtempSync(join(tmpdir(), "zoo-cdktn-bindings-"));
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
          noImplicitOverride: true,
          skipLibCheck: true,
          noEmit: true,
          types: [],
          paths: { cdktn: [packageDir("cdktn")], constructs: [packageDir("constructs")] },
        });
        const problems = ts
          .getPreEmitDiagnostics(program)
          .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
        expect(problems).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe("memberCollisions", () => {
  const schema: ProvidersSchemaJson = {
    format_version: "1.0",
    provider_schemas: {
      "registry.terraform.io/test/zoo": {
        provider: {
          version: 0,
          block: {
            attributes: { alias: { type: "string", optional: true, description_kind: "plain" } },
            description_kind: "plain",
          },
        },
        resource_schemas: {
          zoo_thing: {
            version: 0,
            block: {
              attributes: {
                override_logical_id: { type: "string", optional: true, description_kind: "plain" },
                count: { type: "number", computed: true, description_kind: "plain" },
                node: { type: "string", optional: true, description_kind: "plain" },
              },
              block_types: {
                rule: {
                  nesting_mode: "list",
                  block: {
                    attributes: { fqn: { type: "string", optional: true, description_kind: "plain" } },
                    description_kind: "plain",
                  },
                },
              },
              description_kind: "plain",
            },
          },
        },
        data_source_schemas: {
          zoo_lookup: {
            version: 0,
            block: {
              attributes: { depends_on: { type: "string", optional: true, description_kind: "plain" } },
              description_kind: "plain",
            },
          },
        },
      },
    },
  };

  test.each([
    ["cdktn", CDKTN],
    ["cdktf", CDKTF],
  ])(
    "finds getters, reset/input members and nested-block getters that %s already has",
    (_name, framework) => {
      const found = memberCollisions(
        schema,
        loadBindingGenerator(framework).propertyName,
        frameworkMembers(framework),
      );
      expect(found).toEqual(
        expect.arrayContaining([
          {
            path: "zoo_thing.override_logical_id",
            member: "resetOverrideLogicalId",
            base: "TerraformResource",
          },
          { path: "zoo_thing.count", member: "count", base: "TerraformResource" },
          { path: "zoo_thing.rule.fqn", member: "fqn", base: "ComplexObject" },
          { path: "data.zoo_lookup.depends_on", member: "dependsOn", base: "TerraformDataSource" },
        ]),
      );
      // The generator's own escaping (node -> nodeAttribute) avoids Construct.node; the provider's alias getter
      // overrides TerraformProvider.alias on purpose (the generator writes it so).
      expect(found.map((c) => c.path)).not.toContain("zoo_thing.node");
    },
  );
});
