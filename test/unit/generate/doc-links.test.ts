/**
 * Links in what we publish: relative links in the READMEs, guides and reference pages point at files that exist;
 * the links the binding generators write (to the provider's registry pages) name a page we generate for this
 * version and an attribute or block that page documents, so they resolve once the release is published
 * (docs/guides/publishing.md).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { packageInfo } from "../../../src/cli/package-info";

const { root, version } = packageInfo();

function files(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), ext) : e.name.endsWith(ext) ? [join(dir, e.name)] : [],
  );
}

const markdown = [
  join(root, "README.md"),
  ...["docs", "examples", "packaging"].flatMap((d) => files(join(root, d), ".md")),
];

test("relative links in README, guides, reference pages and examples point at files that exist", () => {
  const broken: string[] = [];
  for (const file of markdown) {
    for (const [, target] of readFileSync(file, "utf8").matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target!) || target!.startsWith("#")) continue;
      const path = target!.split("#")[0]!;
      if (!existsSync(join(dirname(file), path))) broken.push(`${relative(root, file)} -> ${target}`);
    }
  }
  expect(broken).toEqual([]);
});

test("registry links of the bindings and docs name a generated page of this version and what it documents", () => {
  const prefix = `https://registry.terraform.io/providers/akash-cdktf/akash/${version}/docs`;
  const sources = [
    ...files(join(root, "constructs", "generated"), ".ts"),
    ...files(join(root, "constructs", "generated"), ".md"),
    ...markdown,
  ];
  const links = new Set<string>();
  for (const file of sources) {
    for (const [url] of readFileSync(file, "utf8").matchAll(
      /https:\/\/registry\.terraform\.io\/providers\/[^\s)'"`]+/g,
    ))
      links.add(url);
  }
  expect(links.size).toBeGreaterThan(20);
  const problems: string[] = [];
  for (const url of links) {
    if (!url.startsWith(prefix)) {
      problems.push(`${url}: not under ${prefix}`);
      continue;
    }
    const [path, anchor] = url.slice(prefix.length).split("#") as [string, string | undefined];
    const page = join(root, "docs", path === "" ? "index.md" : `${path.slice(1)}.md`);
    if (!existsSync(page)) {
      problems.push(`${url}: no page ${relative(root, page)}`);
      continue;
    }
    const text = readFileSync(page, "utf8");
    // Anchors are headings (the registry's slugs) or documented attributes and blocks (list items).
    const headings = [...text.matchAll(/^#+ (.+)$/gm)].map((m) => m[1]!.toLowerCase().replace(/\s+/g, "-"));
    if (anchor && !text.includes(`- \`${anchor}\``) && !headings.includes(anchor))
      problems.push(`${url}: ${relative(root, page)} does not document ${anchor}`);
  }
  expect(problems).toEqual([]);
});
