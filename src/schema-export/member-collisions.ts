/**
 * Schema names whose generated members would collide with members the generated class inherits from its framework
 * base class: `akash_lease.provider` becomes a `provider` getter on `Lease`, which already has the `provider`
 * meta-argument of TerraformResource, and the bindings do not compile. Found before generating, so the error names
 * the schema attribute instead of a line in generated code.
 */
import type { BaseClass, FrameworkMembers } from "./framework-members";
import type { BlockJson, ProvidersSchemaJson } from "./terraform-schema-json";

export interface MemberCollision {
  /** Schema path, e.g. `akash_lease.provider` or `data.akash_deployment.groups.name`. */
  path: string;
  /** The generated member that collides, e.g. `provider` or `resetCount`. */
  member: string;
  base: BaseClass;
}

/** How the generator names members: camelCase, then its own escaping (`node` -> `nodeAttribute`, ...). */
export type PropertyNaming = (terraformName: string) => string;

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Members the generator writes for one attribute or block: getter/setter, `reset…`, `…Input`, `put…`. */
function generatedMembers(property: string, isBlock: boolean): string[] {
  const names = [property, `${property}Input`, `reset${capitalize(property)}`];
  if (isBlock) names.push(`put${capitalize(property)}`);
  return names;
}

function collisionsIn(
  prefix: string,
  block: BlockJson,
  base: BaseClass,
  naming: PropertyNaming,
  members: FrameworkMembers,
): MemberCollision[] {
  const found: MemberCollision[] = [];
  const check = (name: string, isBlock: boolean) => {
    for (const member of generatedMembers(naming(name), isBlock)) {
      if (members[base].has(member)) found.push({ path: `${prefix}.${name}`, member, base });
    }
  };
  for (const name of Object.keys(block.attributes ?? {})) check(name, false);
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    check(name, true);
    // A nested block's attributes become getters of a ComplexObject subclass.
    found.push(...collisionsIn(`${prefix}.${name}`, nested.block, "ComplexObject", naming, members));
  }
  return found;
}

export function memberCollisions(
  schema: ProvidersSchemaJson,
  naming: PropertyNaming,
  members: FrameworkMembers,
): MemberCollision[] {
  const found: MemberCollision[] = [];
  for (const provider of Object.values(schema.provider_schemas)) {
    found.push(...collisionsIn("provider", provider.provider.block, "TerraformProvider", naming, members));
    for (const [type, s] of Object.entries(provider.resource_schemas ?? {})) {
      found.push(...collisionsIn(type, s.block, "TerraformResource", naming, members));
    }
    for (const [type, s] of Object.entries(provider.data_source_schemas ?? {})) {
      found.push(...collisionsIn(`data.${type}`, s.block, "TerraformDataSource", naming, members));
    }
  }
  return found;
}

/** One error naming every colliding attribute and what to do about it. */
export function describeCollisions(collisions: MemberCollision[], frameworkTitle: string): string {
  const lines = collisions.map(
    (c) => `  ${c.path}: the generated member "${c.member}" is already ${c.base}.${c.member}`,
  );
  return [
    `${frameworkTitle} bindings would not compile: ${collisions.length === 1 ? "a schema name collides" : "schema names collide"} with members of the framework's base classes:`,
    ...lines,
    'Rename the attribute in the provider schema (e.g. "provider" -> "provider_address"); the generator is not patched to hide it.',
  ].join("\n");
}
