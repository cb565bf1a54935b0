/**
 * Top-level names Terraform uses for meta-arguments. Terraform core still accepts a computed attribute with such a
 * name, but it cannot be set in configuration, terraform-plugin-framework refuses it, and CDKTF bindings must
 * rename it. Reported as a warning so the schema owner renames it (e.g. `provider` -> `provider_address`).
 */
import type { ProviderDefinition } from "../framework/provider";

const RESOURCE_META_ARGUMENTS = [
  "connection",
  "count",
  "depends_on",
  "for_each",
  "lifecycle",
  "provider",
  "provisioner",
];
const DATA_SOURCE_META_ARGUMENTS = ["count", "depends_on", "for_each", "lifecycle", "provider"];

export function reservedNameWarnings(def: ProviderDefinition<unknown>): string[] {
  const warnings: string[] = [];
  const check = (kind: string, typeName: string, names: string[], reserved: string[]) => {
    for (const name of names.filter((n) => reserved.includes(n)).sort()) {
      warnings.push(
        `${kind} ${typeName}: "${name}" is a Terraform meta-argument name; rename the attribute ` +
          `(e.g. "${name}_address" or "${name}_name"); the CDKTF and cdktn bindings cannot be generated with it.`,
      );
    }
  };
  for (const r of def.resources) {
    const b = r.schema.block;
    check(
      "resource",
      r.typeName,
      [...Object.keys(b.attributes), ...Object.keys(b.blocks ?? {})],
      RESOURCE_META_ARGUMENTS,
    );
  }
  for (const d of def.dataSources) {
    const b = d.schema.block;
    check(
      "data source",
      d.typeName,
      [...Object.keys(b.attributes), ...Object.keys(b.blocks ?? {})],
      DATA_SOURCE_META_ARGUMENTS,
    );
  }
  return warnings;
}
