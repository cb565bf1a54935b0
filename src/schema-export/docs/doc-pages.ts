/**
 * The docs/ tree in the Terraform Registry layout (index.md, resources/<name>.md, data-sources/<name>.md, names
 * without the provider prefix), rendered from the schema plus hand-written examples. Pure: the caller reads the
 * example files and writes the result.
 */
import type { BlockSpec } from "../../framework/schema";
import { renderReference } from "./schema-reference";

export interface DocSubject {
  typeName: string;
  /** The block exactly as terraform sees it (with the framework's `timeouts` block). */
  block: BlockSpec;
  /** Resources only: whether `terraform import` works, and what the import ID looks like (Markdown). */
  importable?: boolean;
  importHelp?: string;
  /** HCL from examples/docs. */
  example?: string;
  importExample?: string;
  /** Class name in the generated CDKTF bindings. */
  cdktfClass?: string;
}

export interface ProviderDocSubject {
  name: string;
  source: string;
  block: BlockSpec;
  example?: string;
  cdktfClass?: string;
  /** npm package that exports the CDKTF classes. */
  packageName: string;
}

export interface DocsInput {
  provider: ProviderDocSubject;
  resources: DocSubject[];
  dataSources: DocSubject[];
}

/** Pages keyed by path relative to docs/. */
export type DocPages = Map<string, string>;

function shortName(providerName: string, typeName: string): string {
  const prefix = `${providerName}_`;
  return typeName.startsWith(prefix) ? typeName.slice(prefix.length) : typeName;
}

function frontMatter(title: string, description: string | undefined): string {
  const summary = (description ?? "").trim().split(/\n\s*\n/)[0] ?? "";
  const body = summary === "" ? '""' : `|-\n${summary.split("\n").map((l) => `  ${l}`).join("\n")}`;
  return `---\npage_title: ${JSON.stringify(title)}\nsubcategory: ""\ndescription: ${body}\n---`;
}

function codeBlock(language: string, code: string): string {
  return `\`\`\`${language}\n${code.trimEnd()}\n\`\`\``;
}

function page(sections: (string | undefined)[]): string {
  return `${sections.filter((s) => s !== undefined && s.trim() !== "").join("\n\n")}\n`;
}

function exampleSection(example: string | undefined, cdktf: string | undefined): string | undefined {
  if (example === undefined && cdktf === undefined) return undefined;
  return ["## Example Usage", example === undefined ? undefined : codeBlock("terraform", example), cdktf]
    .filter((s) => s !== undefined)
    .join("\n\n");
}

function cdktfNote(className: string | undefined, packageName: string): string | undefined {
  if (className === undefined) return undefined;
  return `With CDKTF (TypeScript), use \`${className}\`: \`import { ${className} } from "${packageName}";\`.`;
}

function importSection(subject: DocSubject): string {
  const title = "## Import";
  if (!subject.importable) {
    return `${title}\n\n\`${subject.typeName}\` cannot be imported; create it with Terraform instead.`;
  }
  const help =
    subject.importHelp?.trim() ||
    (subject.block.attributes.id
      ? "The import ID is the value of the `id` attribute."
      : "The import ID format is not documented yet.");
  // The command-line form uses the address and ID of the hand-written import block when there is one.
  const address = /^\s*to\s*=\s*(\S+)/m.exec(subject.importExample ?? "")?.[1] ?? `${subject.typeName}.example`;
  const id = /^\s*id\s*=\s*"([^"]*)"/m.exec(subject.importExample ?? "")?.[1] ?? "<import ID>";
  const block = subject.importExample ?? `import {\n  to = ${address}\n  id = "${id}"\n}`;
  return [
    title,
    help,
    "With an `import` block (Terraform 1.5 and later):",
    codeBlock("terraform", block),
    "Or with the command line:",
    codeBlock("shell", `terraform import ${address} "${id}"`),
  ].join("\n\n");
}

function subjectPage(kind: "Resource" | "Data Source", subject: DocSubject, input: DocsInput): string {
  const ref = renderReference(subject.block);
  return page([
    frontMatter(`${subject.typeName} ${kind} - ${input.provider.name}`, subject.block.description),
    `# ${subject.typeName} (${kind})`,
    subject.block.description,
    exampleSection(subject.example, cdktfNote(subject.cdktfClass, input.provider.packageName)),
    ref.reference,
    ref.nestedBlocks,
    ref.timeouts,
    kind === "Resource" ? importSection(subject) : undefined,
  ]);
}

function linkList(
  providerName: string,
  folder: "resources" | "data-sources",
  subjects: DocSubject[],
): string {
  return subjects
    .map((s) => `- [\`${s.typeName}\`](${folder}/${shortName(providerName, s.typeName)}.md)`)
    .join("\n");
}

function providerPage(input: DocsInput): string {
  const p = input.provider;
  const ref = renderReference(p.block, { isProvider: true });
  const requiredProviders = [
    "terraform {",
    "  required_providers {",
    `    ${p.name} = {`,
    `      source = "${p.source}"`,
    "    }",
    "  }",
    "}",
  ].join("\n");
  return page([
    frontMatter(`${p.name} Provider`, p.block.description),
    `# ${p.name} Provider`,
    p.block.description,
    "## Example Usage",
    codeBlock("terraform", p.example ?? `${requiredProviders}\n\nprovider "${p.name}" {}`),
    cdktfNote(p.cdktfClass, p.packageName),
    ref.reference.replace("## Argument Reference", "## Provider Arguments"),
    ref.nestedBlocks,
    input.resources.length > 0
      ? `## Resources\n\n${linkList(p.name, "resources", input.resources)}`
      : undefined,
    input.dataSources.length > 0
      ? `## Data Sources\n\n${linkList(p.name, "data-sources", input.dataSources)}`
      : undefined,
  ]);
}

export function renderDocs(unsorted: DocsInput): DocPages {
  const byName = (a: DocSubject, b: DocSubject) => (a.typeName < b.typeName ? -1 : 1);
  const input: DocsInput = {
    ...unsorted,
    resources: [...unsorted.resources].sort(byName),
    dataSources: [...unsorted.dataSources].sort(byName),
  };
  const pages: DocPages = new Map();
  pages.set("index.md", providerPage(input));
  for (const r of input.resources) {
    pages.set(`resources/${shortName(input.provider.name, r.typeName)}.md`, subjectPage("Resource", r, input));
  }
  for (const d of input.dataSources) {
    pages.set(
      `data-sources/${shortName(input.provider.name, d.typeName)}.md`,
      subjectPage("Data Source", d, input),
    );
  }
  return pages;
}
