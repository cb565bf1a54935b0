/**
 * providersSchemaJson() against the real thing: the akash provider (bundled from src/) and the zoo fixture are
 * installed in a filesystem mirror, and `terraform providers schema -json` must print exactly our bytes.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildSync } from "esbuild";
import { akashProvider as akashProviderOf } from "../../../src/provider/akash-provider";
import { CompositionRoot } from "../../../src/provider/composition-root";

const akashProvider = akashProviderOf(new CompositionRoot({}));
import { terraformPlatform } from "../../../src/cli/commands/install";
import {
  fullProviderAddress,
  goJsonText,
  providersSchemaJson,
  type ProvidersSchemaJson,
} from "../../../src/schema-export/terraform-schema-json";
import { terraformSandbox } from "../../support/terraform";
import { zooProvider } from "./zoo-provider";

const root = resolve(__dirname, "..", "..", "..");
const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
const work = mkdtempSync(join(tmpdir(), "schema-json-"));
const mirror = join(work, "mirror");
const sandbox = terraformSandbox();

function install(entry: string, namespace: string, type: string, providerVersion: string): void {
  const dir = join(mirror, "registry.terraform.io", namespace, type, providerVersion, terraformPlatform());
  mkdirSync(dir, { recursive: true });
  const bundle = join(dir, "provider.js");
  buildSync({
    entryPoints: [join(root, entry)],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    outfile: bundle,
    logLevel: "warning",
    define: { __AKASH_CDKTF_VERSION__: JSON.stringify(providerVersion) },
  });
  const wrapper = join(dir, `terraform-provider-${type}_v${providerVersion}`);
  writeFileSync(
    wrapper,
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} "$(dirname "$0")/provider.js" "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
}

let terraformOutput = "";

beforeAll(async () => {
  install("src/provider/main.ts", "akash-cdktf", "akash", version);
  install("test/unit/generate/zoo-main.ts", "test", "zoo", "1.2.3");
  const cliConfig = join(work, "mirror.tfrc");
  writeFileSync(
    cliConfig,
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["akash-cdktf/*", "test/*"]\n  }\n}\n`,
  );
  const dir = join(work, "config");
  mkdirSync(dir);
  writeFileSync(
    join(dir, "main.tf"),
    'terraform {\n  required_providers {\n    akash = { source = "akash-cdktf/akash" }\n    zoo = { source = "test/zoo" }\n  }\n}\n',
  );
  const env = { TF_CLI_CONFIG_FILE: cliConfig };
  const init = await sandbox.run(dir, ["init", "-no-color", "-input=false"], env);
  if (init.code !== 0) throw new Error(`terraform init failed:\n${init.stdout}\n${init.stderr}`);
  const schema = await sandbox.run(dir, ["providers", "schema", "-json"], env);
  if (schema.code !== 0) throw new Error(`terraform providers schema failed:\n${schema.stderr}`);
  terraformOutput = schema.stdout;
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

function combined(...parts: ProvidersSchemaJson[]): ProvidersSchemaJson {
  const schemas = Object.assign(
    {},
    ...parts.map((p) => p.provider_schemas),
  ) as ProvidersSchemaJson["provider_schemas"];
  const sorted = Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((k) => [k, schemas[k]!]),
  );
  return { format_version: "1.0", provider_schemas: sorted };
}

describe("providersSchemaJson", () => {
  test("prints exactly what terraform prints for the akash provider and the zoo fixture", () => {
    const ours = combined(
      providersSchemaJson(akashProvider, { source: "akash-cdktf/akash" }),
      providersSchemaJson(zooProvider, { source: "test/zoo" }),
    );
    expect(JSON.parse(terraformOutput)).toEqual(JSON.parse(goJsonText(ours)));
    expect(goJsonText(ours)).toBe(terraformOutput);
  });

  test("the zoo really exercises the tricky parts of the format", () => {
    const printed = JSON.parse(terraformOutput) as ProvidersSchemaJson;
    const gadget = printed.provider_schemas["registry.terraform.io/test/zoo"]!.resource_schemas!.zoo_gadget!;
    expect(gadget.version).toBe(2);
    expect(gadget.block.block_types!.timeouts!.nesting_mode).toBe("single");
    expect(gadget.block.block_types!.rule).toMatchObject({
      nesting_mode: "list",
      min_items: 1,
      max_items: 4,
    });
    expect(gadget.block.attributes!.token!.write_only).toBe(true);
    expect(gadget.block.attributes!.label!.description_kind).toBe("plain");
    expect(terraformOutput.includes("`\\u003csmall\\u003e` \\u0026 `large`")).toBe(true);
  });

  test("adds provider_versions (for the binding generator) only when asked", () => {
    const withVersion = providersSchemaJson(zooProvider, { source: "test/zoo", version: "1.2.3" });
    expect(withVersion.provider_versions).toEqual({ "registry.terraform.io/test/zoo": "1.2.3" });
    expect(providersSchemaJson(zooProvider, { source: "test/zoo" }).provider_versions).toBeUndefined();
  });

  test("source addresses are completed like terraform does", () => {
    expect(fullProviderAddress("akash-cdktf/akash")).toBe("registry.terraform.io/akash-cdktf/akash");
    expect(fullProviderAddress("example.com/Team/Thing")).toBe("example.com/team/thing");
    expect(() => fullProviderAddress("akash")).toThrow(/not a provider source address/);
  });
});
