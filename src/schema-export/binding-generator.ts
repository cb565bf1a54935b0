/**
 * Loads a framework's binding generator (@cdktf/provider-generator or @cdktn/provider-generator) through its
 * public API only, and runs it the way `cdktf get` / `cdktn get` do: the same provider constraint they build from
 * cdktf.json, so that synthesized stacks say `source = "akash-cdktf/akash"` and pin the provider version.
 */
import { createRequire } from "node:module";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import type { CdkFramework } from "./cdk-framework";
import type { ProviderIdentity } from "./project-config";
import type { ProvidersSchemaJson } from "./terraform-schema-json";

/** The parts of a generator package that we use; both frameworks' generators have this shape. */
interface GeneratorModule {
  CodeMaker: new () => { save(dir: string): Promise<unknown> };
  TerraformProviderGenerator: new (
    code: InstanceType<GeneratorModule["CodeMaker"]>,
    schema: ProvidersSchemaJson,
  ) => { generate(target: unknown): void };
  escapeAttributeName(name: string): string;
}

interface CommonsModule {
  TerraformProviderConstraint: new (c: { name: string; source: string; version: string }) => unknown;
  ConstructsMakerProviderTarget: new (constraint: unknown, language: unknown) => unknown;
  Language: { TYPESCRIPT: unknown };
}

export interface BindingGenerator {
  framework: CdkFramework;
  /** `require` from inside the generator package (its own dependencies, e.g. its copy of codemaker). */
  fromGenerator: NodeJS.Require;
  /** The generator's camelCase (`gas_prices` -> `gasPrices`). */
  camelCase(terraformName: string): string;
  /** The member name the generator gives a schema name: camelCase, then its public escaping (`node` -> `nodeAttribute`). */
  propertyName(terraformName: string): string;
  /** Raw generated files, keyed by path relative to the output directory (with "/"). */
  run(schema: ProvidersSchemaJson, identity: ProviderIdentity): Promise<Map<string, string>>;
}

/**
 * The commons packages run `terraform version` when first loaded and report failures to HashiCorp's telemetry
 * endpoint. Generation needs neither: while they load, point the probe at a binary that does not exist; telemetry
 * stays off for the rest of the process (cdktn's commons reads CHECKPOINT_DISABLE when it reports, later).
 */
function withQuietLoad<T>(load: () => T): T {
  process.env.CHECKPOINT_DISABLE ??= "1";
  const saved = process.env.TERRAFORM_BINARY_NAME;
  process.env.TERRAFORM_BINARY_NAME = join(tmpdir(), "akash-cdktf-generation-needs-no-terraform");
  try {
    return load();
  } finally {
    if (saved === undefined) delete process.env.TERRAFORM_BINARY_NAME;
    else process.env.TERRAFORM_BINARY_NAME = saved;
  }
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}

export function loadBindingGenerator(framework: CdkFramework): BindingGenerator {
  const fromGenerator = createRequire(require.resolve(`${framework.generator}/package.json`));
  const { generator, commons, toCamelCase } = withQuietLoad(() => ({
    generator: fromGenerator(framework.generator) as GeneratorModule,
    // The generator's own copies (dependencies of it, not of ours).
    commons: fromGenerator(framework.commons) as CommonsModule,
    toCamelCase: (fromGenerator("codemaker") as { toCamelCase(s: string): string }).toCamelCase,
  }));
  return {
    framework,
    fromGenerator,
    camelCase: (name) => toCamelCase(name),
    propertyName: (name) => generator.escapeAttributeName(toCamelCase(name)),
    async run(schema, identity) {
      const scratch = mkdtempSync(join(tmpdir(), `akash-${framework.library}-bindings-`));
      try {
        const code = new generator.CodeMaker();
        const constraint = new commons.TerraformProviderConstraint({
          name: identity.name,
          source: identity.source,
          version: identity.version,
        });
        new generator.TerraformProviderGenerator(code, schema).generate(
          new commons.ConstructsMakerProviderTarget(constraint, commons.Language.TYPESCRIPT),
        );
        await code.save(scratch);
        const files = new Map<string, string>();
        for (const path of listFiles(scratch).sort()) {
          files.set(relative(scratch, path).split(sep).join("/"), readFileSync(path, "utf8"));
        }
        return files;
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    },
  };
}
