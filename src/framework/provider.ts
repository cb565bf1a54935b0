/** The contract a provider implements: its own configuration plus the resources and data sources it serves. */
import type { DataSourceDefinition } from "./data-source";
import type { Diagnostics } from "./diagnostics";
import type { OperationContext, ResourceDefinition } from "./resource";
import type { SchemaSpec } from "./schema";
import type { ObjectValue } from "./values";

export interface ProviderDefinition<P> {
  /** The provider's local name, e.g. "akash"; resource type names start with it. */
  typeName: string;
  version: string;
  schema: SchemaSpec;
  /** Unknown values are possible here. */
  validateConfig?(config: ObjectValue, diags: Diagnostics): void | Promise<void>;
  /**
   * Receives the provider block as written: unset attributes are null (an empty or absent block is all nulls), so
   * decide lazily what is really needed. The result is passed to every resource and data source as `provider`.
   */
  configure(req: { config: ObjectValue; terraformVersion: string; ctx: OperationContext }): Promise<P>;
  resources: ResourceDefinition<P>[];
  dataSources: DataSourceDefinition<P>[];
}
