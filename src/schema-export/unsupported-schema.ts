/**
 * Schema features the binding generators (cdktf's and its fork cdktn's) cannot render: they fail with an unhelpful
 * TypeError. Each is reported as "<type>.<path> (<why and what to use instead>)".
 */
import type { BlockJson, ProvidersSchemaJson } from "./terraform-schema-json";

function hasTuple(type: unknown): boolean {
  if (!Array.isArray(type)) return false;
  if (type[0] === "tuple") return true;
  const inner: unknown = type[1];
  if (type[0] === "object" && typeof inner === "object" && inner !== null)
    return Object.values(inner).some(hasTuple);
  return hasTuple(inner);
}

export function unsupportedByGenerators(schema: ProvidersSchemaJson): string[] {
  const found: string[] = [];
  const walk = (prefix: string, block: BlockJson) => {
    for (const [name, attr] of Object.entries(block.attributes ?? {})) {
      if (hasTuple(attr.type)) found.push(`${prefix}.${name} (a tuple type: use a list or an object type)`);
    }
    for (const [name, nested] of Object.entries(block.block_types ?? {})) {
      if (nested.nesting_mode === "group") {
        found.push(`${prefix}.${name} (a "group" nested block: use "single")`);
      }
      walk(`${prefix}.${name}`, nested.block);
    }
  };
  for (const provider of Object.values(schema.provider_schemas)) {
    walk("provider", provider.provider.block);
    for (const [type, s] of Object.entries(provider.resource_schemas ?? {})) walk(type, s.block);
    for (const [type, s] of Object.entries(provider.data_source_schemas ?? {})) walk(`data.${type}`, s.block);
  }
  return found;
}
