/**
 * The contract a managed resource implements. The framework (provider-server.ts) does the generic work:
 * validation, planning rules, timeouts, private state and turning exceptions into diagnostics.
 */
import type { AttributePath, Diagnostics } from "./diagnostics";
import type { Logger } from "./logger";
import type { PrivateState } from "./private-state";
import type { SchemaSpec } from "./schema";
import type { TimeoutDefaults } from "./timeouts";
import type { ObjectValue } from "./values";

export interface OperationContext {
  /** Aborted when terraform is interrupted (StopProvider) or the operation's timeout passes. */
  signal: AbortSignal;
  log: Logger;
  /** Provider-private data kept with the resource; round-trips plan -> apply -> read. */
  private: PrivateState;
  /** Epoch milliseconds when the operation's timeout ends, if it has one. */
  deadline?: number;
}

export interface ModifyPlanRequest<P> {
  /** Null when the resource is being created. */
  prior: ObjectValue | null;
  /** The plan so far (mutable: change it in place). Defaults and attribute plan modifiers are already applied. */
  planned: ObjectValue;
  /**
   * The configuration. On the first plan it may contain unknown values (an attribute that references something
   * not yet created); the plan is computed again with everything known at apply time.
   */
  config: ObjectValue;
  /** Undefined when the provider could not be configured yet (e.g. its configuration is unknown). */
  provider: P | undefined;
  diags: Diagnostics;
  /** Forces destroy-then-create because of `path`; `reason` is shown to the user. */
  requireReplace(path: AttributePath, reason: string): void;
}

export interface ResourceDefinition<P> {
  typeName: string;
  schema: SchemaSpec;
  /** Adds an optional `timeouts` block with these operations and defaults ("20m", "1h30m"); enforced via ctx.signal. */
  timeouts?: TimeoutDefaults;
  /** Unknown values are possible here. */
  validateConfig?(config: ObjectValue, diags: Diagnostics): void | Promise<void>;
  modifyPlan?(req: ModifyPlanRequest<P>): void | Promise<void>;
  create(req: {
    planned: ObjectValue;
    config: ObjectValue;
    provider: P;
    ctx: OperationContext;
  }): Promise<ObjectValue>;
  /** Returns null when the object is gone (terraform then plans to create it again). */
  read(req: { state: ObjectValue; provider: P; ctx: OperationContext }): Promise<ObjectValue | null>;
  update(req: {
    prior: ObjectValue;
    planned: ObjectValue;
    config: ObjectValue;
    provider: P;
    ctx: OperationContext;
  }): Promise<ObjectValue>;
  delete(req: { state: ObjectValue; provider: P; ctx: OperationContext }): Promise<void>;
  /** `terraform import` / `import {}` blocks; terraform calls read right after. */
  importState?(req: { id: string; provider: P; ctx: OperationContext }): Promise<ObjectValue>;
  /** Converts state stored under an older `schema.version` (parsed JSON, or a legacy flatmap) to the current schema. */
  upgradeState?(req: { fromVersion: number; state: Record<string, unknown> }): ObjectValue;
}

/**
 * Thrown from create/update when something was already done on the remote side: `state` is still saved (terraform
 * marks the resource tainted) so nothing is orphaned, and `cause` is reported as the error.
 */
export class PartialStateError extends Error {
  constructor(
    readonly state: ObjectValue,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "PartialStateError";
  }
}
