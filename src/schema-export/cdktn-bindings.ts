/**
 * CDK Terrain (cdktn 0.24) L1 bindings from the provider schema with @cdktn/provider-generator, the generator
 * `cdktn get` runs, used as published: a schema name that would collide with a cdktn member (such as a resource
 * attribute named `provider`) is refused, naming the attribute, instead of being renamed behind the generator's back.
 * They are generated when the akash-cdktn package is built (scripts/build-constructs.mjs), not checked in.
 */
import { loadBindingGenerator } from "./binding-generator";
import { CDKTN } from "./cdk-framework";
import type { ProviderIdentity } from "./project-config";
import { generateProviderBindings, type GeneratedFiles } from "./provider-bindings";
import type { ProvidersSchemaJson } from "./terraform-schema-json";

export async function generateCdktnBindings(
  schema: ProvidersSchemaJson,
  identity: ProviderIdentity,
): Promise<GeneratedFiles> {
  return generateProviderBindings(loadBindingGenerator(CDKTN), schema, identity);
}
