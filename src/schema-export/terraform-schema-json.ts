/**
 * The provider definition in the format of `terraform providers schema -json`, produced without running terraform
 * (the generators need it in well under a second). test/unit/generate compares it byte for byte with what
 * terraform 1.11 prints for the installed provider, so the field order and omissions below are terraform's own.
 */
import type { ProviderDefinition } from "../framework/provider";
import { ProviderServer } from "../framework/provider-server";
import type { BlockSpec, NestedBlockSpec, SchemaSpec, TfType } from "../framework/schema";

export interface AttributeJson {
  type: unknown;
  description?: string;
  description_kind: "plain" | "markdown";
  deprecated?: true;
  required?: true;
  optional?: true;
  computed?: true;
  sensitive?: true;
  write_only?: true;
}

export interface BlockTypeJson {
  nesting_mode: NestedBlockSpec["nesting"];
  block: BlockJson;
  min_items?: number;
  max_items?: number;
}

export interface BlockJson {
  attributes?: Record<string, AttributeJson>;
  block_types?: Record<string, BlockTypeJson>;
  description?: string;
  description_kind: "plain" | "markdown";
  deprecated?: true;
}

export interface SchemaJson {
  version: number;
  block: BlockJson;
}

export interface ProviderSchemaJson {
  provider: SchemaJson;
  resource_schemas?: Record<string, SchemaJson>;
  data_source_schemas?: Record<string, SchemaJson>;
}

export interface ProvidersSchemaJson {
  format_version: "1.0";
  provider_schemas: Record<string, ProviderSchemaJson>;
  /** Not printed by terraform: `cdktf get` adds it, and the binding generator reads the provider version from it. */
  provider_versions?: Record<string, string>;
}

/** "akash-cdktf/akash" -> "registry.terraform.io/akash-cdktf/akash" (terraform's key for the provider). */
export function fullProviderAddress(source: string): string {
  const parts = source.split("/");
  if (parts.length === 3) return source.toLowerCase();
  if (parts.length === 2) return `registry.terraform.io/${source.toLowerCase()}`;
  throw new Error(`"${source}" is not a provider source address such as "akash-cdktf/akash"`);
}

/** cty prints object attribute types in name order (they are a Go map). */
function canonicalType(type: TfType): unknown {
  if (typeof type === "string") return type;
  switch (type[0]) {
    case "list":
    case "set":
    case "map":
      return [type[0], canonicalType(type[1])];
    case "object":
      return ["object", sortedRecord(type[1], canonicalType)];
    case "tuple":
      return ["tuple", type[1].map(canonicalType)];
  }
}

function sortedRecord<T, U>(record: Record<string, T>, map: (value: T) => U): Record<string, U> {
  const out: Record<string, U> = {};
  for (const key of Object.keys(record).sort()) out[key] = map(record[key]!);
  return out;
}

function descriptionKind(description: string | undefined): "plain" | "markdown" {
  // The protocol layer marks every non-empty description as markdown (protocol/tfplugin6.ts).
  return description ? "markdown" : "plain";
}

export function blockToJson(block: BlockSpec): BlockJson {
  // Keys are added in terraform's field order; JSON.stringify keeps insertion order.
  const out: Partial<BlockJson> = {};
  if (Object.keys(block.attributes).length > 0) {
    out.attributes = sortedRecord(block.attributes, (a) => {
      const attr: Partial<AttributeJson> = { type: canonicalType(a.type) };
      if (a.description) attr.description = a.description;
      attr.description_kind = descriptionKind(a.description);
      if (a.deprecated) attr.deprecated = true;
      if (a.required) attr.required = true;
      if (a.optional) attr.optional = true;
      if (a.computed) attr.computed = true;
      if (a.sensitive) attr.sensitive = true;
      if (a.writeOnly) attr.write_only = true;
      return attr as AttributeJson;
    });
  }
  const blocks = block.blocks ?? {};
  if (Object.keys(blocks).length > 0) {
    out.block_types = sortedRecord(blocks, (nested) => {
      const bt: BlockTypeJson = { nesting_mode: nested.nesting, block: blockToJson(nested.block) };
      if (nested.minItems) bt.min_items = nested.minItems;
      if (nested.maxItems) bt.max_items = nested.maxItems;
      return bt;
    });
  }
  if (block.description) out.description = block.description;
  out.description_kind = descriptionKind(block.description);
  if (block.deprecated) out.deprecated = true;
  return out as BlockJson;
}

function schemaToJson(schema: SchemaSpec, block: BlockSpec = schema.block): SchemaJson {
  return { version: schema.version, block: blockToJson(block) };
}

export interface ProvidersSchemaOptions {
  /** Source address as written in `required_providers`, e.g. "akash-cdktf/akash". */
  source: string;
  /** Added as `provider_versions` (what `cdktf get` does) when given. */
  version?: string;
}

/**
 * What `terraform providers schema -json` prints for a configuration that uses only this provider. Resource
 * blocks are taken from the framework's ProviderServer, so additions it makes (the `timeouts` block) are included
 * exactly as terraform sees them.
 */
export function providersSchemaJson(
  def: ProviderDefinition<unknown>,
  options: ProvidersSchemaOptions,
): ProvidersSchemaJson {
  const server = new ProviderServer(def);
  const provider: ProviderSchemaJson = { provider: schemaToJson(def.schema, server.providerBlock) };
  const resources = [...server.resources.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const dataSources = [...server.dataSources.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  if (resources.length > 0) {
    provider.resource_schemas = Object.fromEntries(
      resources.map(([name, e]) => [name, schemaToJson(e.def.schema, e.block)]),
    );
  }
  if (dataSources.length > 0) {
    provider.data_source_schemas = Object.fromEntries(
      dataSources.map(([name, e]) => [name, schemaToJson(e.def.schema, e.block)]),
    );
  }
  const address = fullProviderAddress(options.source);
  const json: ProvidersSchemaJson = { format_version: "1.0", provider_schemas: { [address]: provider } };
  if (options.version !== undefined) json.provider_versions = { [address]: options.version };
  return json;
}

/**
 * JSON text as Go's encoding/json writes it (terraform's output): compact, with `<`, `>`, `&`, U+2028 and U+2029
 * escaped, and a final newline as the CLI prints it.
 */
export function goJsonText(value: unknown): string {
  const text = JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return `${text}\n`;
}
