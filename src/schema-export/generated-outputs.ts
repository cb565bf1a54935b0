/**
 * Everything `npm run generate` produces, computed in memory from the provider definition: the CDKTF bindings
 * (constructs/generated/) and the docs (docs/). Writing and drift checking are separate so both use one result.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import type { ProviderDefinition } from "../framework/provider";
import { ProviderServer } from "../framework/provider-server";
import { generateCdktfBindings, type GeneratedFiles } from "./cdktf-bindings";
import { renderDocs, type DocSubject } from "./docs/doc-pages";
import { readProviderIdentity } from "./project-config";
import { reservedNameWarnings } from "./reserved-names";
import { providersSchemaJson } from "./terraform-schema-json";

/** Directories that hold generated files (repository-relative). */
export const BINDINGS_DIR = "constructs/generated";
export const DOCS_DIR = "docs";
export const GENERATED_DIRS = [BINDINGS_DIR, DOCS_DIR] as const;
/** Hand-written pages inside docs/ (the registry's "guides" layout): never generated, never removed. */
export const GUIDES_DIR = "docs/guides";

/** Hand-written examples the docs embed. */
export const EXAMPLES_DIR = "examples/docs";

export interface GeneratedOutputs {
  /** Repository-relative path ("docs/index.md") to content. */
  files: Map<string, string>;
  /** Things a human should fix (e.g. a missing example); generation still succeeds. */
  warnings: string[];
}

/** Optional resource field proposed to the framework: Markdown describing the import ID. Read defensively. */
function importHelpOf(def: object): string | undefined {
  const help = (def as { importHelp?: unknown }).importHelp;
  return typeof help === "string" && help.trim() !== "" ? help : undefined;
}

/** typeName -> class name, read from the generated bindings (the generator owns the naming rules). */
export function cdktfClassNames(bindings: GeneratedFiles): {
  resources: Map<string, string>;
  dataSources: Map<string, string>;
  provider?: string;
} {
  const resources = new Map<string, string>();
  const dataSources = new Map<string, string>();
  let provider: string | undefined;
  const classPattern =
    /export class (\w+) extends cdktf\.(TerraformResource|TerraformDataSource|TerraformProvider) \{[\s\S]*?public static readonly tfResourceType = "([^"]+)"/g;
  for (const [path, text] of bindings) {
    if (!path.endsWith(".ts")) continue;
    for (const m of text.matchAll(classPattern)) {
      const [, className, base, typeName] = m as unknown as [string, string, string, string];
      if (base === "TerraformResource") resources.set(typeName, className);
      else if (base === "TerraformDataSource") dataSources.set(typeName, className);
      else provider = className;
    }
  }
  return { resources, dataSources, ...(provider ? { provider } : {}) };
}

function readOptional(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

export async function generateOutputs(
  root: string,
  def: ProviderDefinition<unknown>,
): Promise<GeneratedOutputs> {
  const identity = readProviderIdentity(root);
  if (def.typeName !== identity.name) {
    throw new Error(
      `cdktf.json names the provider "${identity.name}" but its definition says "${def.typeName}"`,
    );
  }
  const schema = providersSchemaJson(def, { source: identity.source, version: identity.version });
  const bindings = await generateCdktfBindings(schema, identity);
  const classes = cdktfClassNames(bindings);
  const server = new ProviderServer(def);
  const warnings: string[] = reservedNameWarnings(def);
  const packageName = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string }).name;

  const example = (kind: "resources" | "data-sources", typeName: string): string | undefined => {
    const relPath = `${EXAMPLES_DIR}/${kind}/${typeName}.tf`;
    const text = readOptional(join(root, relPath));
    if (text === undefined) warnings.push(`no example for ${typeName}: write ${relPath}`);
    return text;
  };

  const resources: DocSubject[] = [...server.resources.values()].map((e) => {
    const subject: DocSubject = {
      typeName: e.def.typeName,
      block: e.block,
      importable: typeof e.def.importState === "function",
    };
    const help = importHelpOf(e.def);
    const ex = example("resources", e.def.typeName);
    const importEx = readOptional(join(root, EXAMPLES_DIR, "resources", `${e.def.typeName}.import.tf`));
    const cls = classes.resources.get(e.def.typeName);
    if (subject.importable && !help && importEx === undefined) {
      warnings.push(
        `${e.def.typeName} can be imported but does not describe its import ID: write ${EXAMPLES_DIR}/resources/${e.def.typeName}.import.tf`,
      );
    }
    return {
      ...subject,
      ...(help ? { importHelp: help } : {}),
      ...(ex !== undefined ? { example: ex } : {}),
      ...(importEx !== undefined ? { importExample: importEx } : {}),
      ...(cls ? { cdktfClass: cls } : {}),
    };
  });
  const dataSources: DocSubject[] = [...server.dataSources.values()].map((e) => {
    const ex = example("data-sources", e.def.typeName);
    const cls = classes.dataSources.get(e.def.typeName);
    return {
      typeName: e.def.typeName,
      block: e.block,
      ...(ex !== undefined ? { example: ex } : {}),
      ...(cls ? { cdktfClass: cls } : {}),
    };
  });
  const providerExample = readOptional(join(root, EXAMPLES_DIR, "provider.tf"));
  if (providerExample === undefined) warnings.push(`no provider example: write ${EXAMPLES_DIR}/provider.tf`);
  const docs = renderDocs({
    provider: {
      name: identity.name,
      source: identity.source,
      block: server.providerBlock,
      packageName,
      ...(providerExample !== undefined ? { example: providerExample } : {}),
      ...(classes.provider ? { cdktfClass: classes.provider } : {}),
    },
    resources,
    dataSources,
  });

  const files = new Map<string, string>();
  for (const [path, text] of bindings) files.set(`${BINDINGS_DIR}/${path}`, text);
  for (const [path, text] of docs) files.set(`${DOCS_DIR}/${path}`, text);
  return { files, warnings };
}

/** Files under `dir`, leaving out the hand-written guides. */
function listFiles(dir: string, root: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (relative(root, path).split(sep).join("/") === GUIDES_DIR) continue;
    if (entry.isDirectory()) out.push(...listFiles(path, root));
    else out.push(path);
  }
  return out;
}

/** Generated files currently on disk, repository-relative. */
export function filesOnDisk(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const dir of GENERATED_DIRS) {
    for (const path of listFiles(join(root, dir), root)) {
      files.set(relative(root, path).split(sep).join("/"), readFileSync(path, "utf8"));
    }
  }
  return files;
}

/** Replaces the generated files with `files` (stale files disappear; docs/guides stays). */
export function writeOutputs(root: string, files: Map<string, string>): void {
  for (const dir of GENERATED_DIRS) {
    for (const path of listFiles(join(root, dir), root)) rmSync(path, { force: true });
  }
  for (const [path, text] of files) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
}
