/** The provider framework: what resources, data sources and providers are written against. */
export * from "./values";
export * from "./schema";
export * from "./diagnostics";
export * from "./validators";
export * from "./plan-modifiers";
export * from "./private-state";
export * from "./timeouts";
export type { Logger, LogFields } from "./logger";
export { silentLogger } from "./logger";
export type { OperationContext, ModifyPlanRequest, ResourceDefinition } from "./resource";
export { PartialStateError } from "./resource";
export type { DataSourceDefinition } from "./data-source";
export type { ProviderDefinition } from "./provider";
export { ProviderServer } from "./provider-server";
