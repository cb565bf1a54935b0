/** The contract a data source implements. */
import type { Diagnostics } from "./diagnostics";
import type { OperationContext } from "./resource";
import type { SchemaSpec } from "./schema";
import type { ObjectValue } from "./values";

export interface DataSourceDefinition<P> {
  typeName: string;
  schema: SchemaSpec;
  /** Unknown values are possible here. */
  validateConfig?(config: ObjectValue, diags: Diagnostics): void | Promise<void>;
  /** The configuration is wholly known here. Attributes missing from the result keep their configured value. */
  read(req: { config: ObjectValue; provider: P; ctx: OperationContext }): Promise<ObjectValue>;
}
