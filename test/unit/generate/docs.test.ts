/** The docs renderer on the zoo fixture: every page, section and flag a reader relies on. */
import { ProviderServer } from "../../../src/framework/provider-server";
import { renderDocs, type DocsInput } from "../../../src/schema-export/docs/doc-pages";
import { typeLabel } from "../../../src/schema-export/docs/type-label";
import { zooProvider } from "./zoo-provider";

function zooDocs(overrides: Partial<DocsInput> = {}) {
  const server = new ProviderServer(zooProvider);
  const gadget = server.resources.get("zoo_gadget")!;
  const fixed = server.resources.get("zoo_fixed")!;
  const lookup = server.dataSources.get("zoo_lookup")!;
  return renderDocs({
    provider: { name: "zoo", source: "test/zoo", block: server.providerBlock, packageName: "zoo-cdktf" },
    resources: [
      {
        typeName: "zoo_gadget",
        block: gadget.block,
        importable: true,
        importHelp: "The import ID is `<shelf>/<name>`.",
        example: 'resource "zoo_gadget" "g" {\n  name = "g"\n}\n',
        cdktfClass: "Gadget",
      },
      { typeName: "zoo_fixed", block: fixed.block, importable: false },
    ],
    dataSources: [{ typeName: "zoo_lookup", block: lookup.block, cdktfClass: "DataZooLookup" }],
    ...overrides,
  });
}

describe("renderDocs", () => {
  const pages = zooDocs();
  const gadget = pages.get("resources/gadget.md")!;

  test("writes one page per resource and data source, named without the provider prefix", () => {
    expect([...pages.keys()]).toEqual([
      "index.md",
      "resources/fixed.md",
      "resources/gadget.md",
      "data-sources/lookup.md",
    ]);
    const index = pages.get("index.md")!;
    expect(index).toContain("- [`zoo_gadget`](resources/gadget.md)");
    expect(index).toContain("- [`zoo_lookup`](data-sources/lookup.md)");
    expect(index).toContain('source = "test/zoo"');
    expect(index).toContain("- `api_key` (String, Sensitive) Key.");
  });

  test("front matter carries the title and the first paragraph of the description", () => {
    expect(gadget.startsWith('---\npage_title: "zoo_gadget Resource - zoo"\nsubcategory: ""\n')).toBe(true);
    expect(gadget).toContain("description: |-\n  A gadget. Sizes are `<small>` & `large`");
    expect(gadget.split("---")[1]).not.toContain("Second paragraph");
  });

  test("arguments are split into required and optional, computed-only ones are attributes", () => {
    const args = gadget.slice(
      gadget.indexOf("## Argument Reference"),
      gadget.indexOf("## Attribute Reference"),
    );
    const attrs = gadget.slice(gadget.indexOf("## Attribute Reference"), gadget.indexOf("## Nested Blocks"));
    expect(args.indexOf("### Required")).toBeLessThan(args.indexOf("- `name` (String) Name."));
    expect(args).toContain("- `rule` (Block List, Min: 1, Max: 4) A rule. See [below](#nested--rule).");
    expect(args).toContain("- `size` (Number) Size. Defaults to `3`.");
    expect(args).toContain("- `enabled` (Boolean, Deprecated) **Deprecated.** Whether it runs.");
    expect(args).toContain("- `token` (String, Write-only) Never stored. Never stored in state or plans");
    expect(args).toContain("- `tags` (Map of String) Tags.");
    expect(args).toContain("- `ports` (Set of Number) Ports.");
    expect(args).toContain(
      "- `timeouts` (Block) Time limits for the operations of this resource. See [below](#timeouts).",
    );
    expect(args).not.toContain("`id`");
    expect(attrs).toContain("- `id` (String) `<shelf>/<name>`.");
    expect(attrs).toContain(
      "- `endpoints` (List of Object) Endpoints. Each object has:\n  - `meta` (Map of String)\n  - `port` (Number)\n  - `url` (String)",
    );
  });

  test("nested blocks, deeper nesting and timeouts have their own sections", () => {
    expect(gadget).toContain(
      '<a id="nested--rule"></a>\n\n### `rule`\n\n#### Required\n\n- `port` (Number) Port.',
    );
    expect(gadget).toContain('- `proto` (String) Protocol. Defaults to `"tcp"`.');
    expect(gadget).toContain('<a id="nested--rule--match"></a>\n\n### `rule.match`');
    expect(gadget).toContain("- `legacy` (Block) **Deprecated.** Old settings.");
    expect(gadget).toContain("- `env` (Block Map)");
    expect(gadget).toContain("- `label_set` (Block Set)");
    expect(gadget).toContain("## Timeouts");
    expect(gadget).toContain('timeouts {\n  create = "20m"\n  delete = "5m"\n}');
  });

  test("example, CDKTF class and import help appear where documented", () => {
    expect(gadget).toContain(
      '## Example Usage\n\n```terraform\nresource "zoo_gadget" "g" {\n  name = "g"\n}\n```',
    );
    expect(gadget).toContain('`import { Gadget } from "zoo-cdktf";`');
    expect(gadget).toContain("## Import\n\nThe import ID is `<shelf>/<name>`.");
    expect(gadget).toContain('terraform import zoo_gadget.example "<import ID>"');
    expect(pages.get("resources/fixed.md")).toContain("`zoo_fixed` cannot be imported");
    expect(pages.get("data-sources/lookup.md")).not.toContain("## Import");
  });

  test("a hand-written import block also sets the command-line example", () => {
    const server = new ProviderServer(zooProvider);
    const page = zooDocs({
      resources: [
        {
          typeName: "zoo_gadget",
          block: server.resources.get("zoo_gadget")!.block,
          importable: true,
          importExample: 'import {\n  to = zoo_gadget.main\n  id = "top/widget"\n}\n',
        },
      ],
    }).get("resources/gadget.md")!;
    expect(page).toContain('terraform import zoo_gadget.main "top/widget"');
    expect(page).toContain("The import ID is the value of the `id` attribute.");
  });

  test("type labels", () => {
    expect(typeLabel(["list", ["map", "bool"]])).toBe("List of Map of Boolean");
    expect(typeLabel(["tuple", ["string"]])).toBe("Tuple");
    expect(typeLabel("dynamic")).toBe("Dynamic");
  });
});
