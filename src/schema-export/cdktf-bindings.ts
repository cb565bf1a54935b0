/**
 * CDKTF L1 bindings (constructs/generated/) from the provider schema with @cdktf/provider-generator, the generator
 * `cdktf get` runs, used as published: a schema name that would collide with a cdktf member is refused, naming the
 * attribute (see member-collisions.ts), exactly as for cdktn.
 */
import { loadBindingGenerator } from "./binding-generator";
import { CDKTF } from "./cdk-framework";
import type { ProviderIdentity } from "./project-config";
import { generateProviderBindings, type GeneratedFiles } from "./provider-bindings";
import type { ProvidersSchemaJson } from "./terraform-schema-json";

export type { GeneratedFiles } from "./provider-bindings";

export async function generateCdktfBindings(
  schema: ProvidersSchemaJson,
  identity: ProviderIdentity,
): Promise<GeneratedFiles> {
  return generateProviderBindings(loadBindingGenerator(CDKTF), schema, identity);
}
