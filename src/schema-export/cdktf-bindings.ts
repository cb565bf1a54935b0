/**
 * CDKTF L1 bindings (constructs/generated/) from the provider schema with @cdktf/provider-generator, the generator
 * `cdktf get` runs.
 *
 * Interim: until `akash_lease.provider` is renamed, the generator's attribute-name escaping is extended (a patch of
 * its internals) so that the attribute becomes `Lease.providerAttribute`. Once the schema has no such name,
 * delete CDKTF_MEMBER_NAMES and escapeCdktfMemberNames and call generateProviderBindings without options, as
 * cdktn-bindings.ts does: the member-collision check then guards cdktf exactly like cdktn.
 */
import { loadBindingGenerator, type BindingGenerator } from "./binding-generator";
import { CDKTF } from "./cdk-framework";
import type { ProviderIdentity } from "./project-config";
import { generateProviderBindings, type GeneratedFiles } from "./provider-bindings";
import type { ProvidersSchemaJson } from "./terraform-schema-json";
import { unsupportedByGenerators } from "./unsupported-schema";

export type { GeneratedFiles } from "./provider-bindings";

/**
 * Members of cdktf's TerraformResource / TerraformDataSource that an attribute getter of the same (camelCase) name
 * would clash with; the generator itself only renames a few (`node`, `tfResourceType`, ...). A clashing attribute
 * gets the generator's own suffix, e.g. `akash_lease.provider` becomes `Lease.providerAttribute`.
 */
const CDKTF_MEMBER_NAMES = new Set([
  "provider",
  "count",
  "forEach",
  "dependsOn",
  "lifecycle",
  "provisioners",
  "connection",
  "fqn",
  "friendlyUniqueId",
]);

interface AttributeModelClass {
  escapeName(name: string): string;
}

/** Extends the generator's attribute-name escaping with CDKTF_MEMBER_NAMES (once per process); returns it. */
function escapeCdktfMemberNames(generator: BindingGenerator): (name: string) => string {
  const models = generator.fromGenerator("./lib/get/generator/models") as {
    AttributeModel?: AttributeModelClass;
  };
  const model = models.AttributeModel;
  if (!model || typeof model.escapeName !== "function") {
    throw new Error(
      "@cdktf/provider-generator changed: AttributeModel.escapeName is gone (see cdktf-bindings.ts)",
    );
  }
  const marker = Symbol.for("akash-cdktf.escapeCdktfMemberNames");
  const patched = model as AttributeModelClass & { [marker]?: true };
  if (!patched[marker]) {
    const original = model.escapeName.bind(model);
    patched.escapeName = (name: string) =>
      CDKTF_MEMBER_NAMES.has(name) ? `${name}Attribute` : original(name);
    patched[marker] = true;
  }
  return (name) => patched.escapeName(name);
}

/** Kept for callers of the former name; both generators refuse the same features. */
export const unsupportedByCdktf = unsupportedByGenerators;

export async function generateCdktfBindings(
  schema: ProvidersSchemaJson,
  identity: ProviderIdentity,
): Promise<GeneratedFiles> {
  const generator = loadBindingGenerator(CDKTF);
  const escape = escapeCdktfMemberNames(generator);
  return generateProviderBindings(generator, schema, identity, {
    propertyName: (name) => escape(generator.camelCase(name)),
  });
}
