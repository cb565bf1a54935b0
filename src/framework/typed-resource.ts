/**
 * Resources and data sources written against their typed model (see model.ts). `defineResource` turns such a
 * definition into the framework's value-level ResourceDefinition: values are decoded into the model on the way in
 * and the model goes back as the terraform value on the way out.
 *
 * While planning, the handler changes `planned` in place; only the attributes it assigned are written back, so an
 * unknown nested inside an attribute it did not touch reaches terraform unchanged.
 */
import type { DataSourceDefinition } from "./data-source";
import type { AttributePath, Diagnostics } from "./diagnostics";
import {
  encodeModel,
  modelCodec,
  type ModelCodec,
  type ModelOf,
  type PlanModelOf,
  type StateModelOf,
} from "./model";
import { PartialStateError, type OperationContext, type ResourceDefinition } from "./resource";
import type { SchemaSpec } from "./schema";
import type { TimeoutDefaults } from "./timeouts";
import type { ObjectValue, Value } from "./values";

export interface TypedModifyPlanRequest<P, PM, SM> {
  /** Null when the resource is being created. */
  prior: SM | null;
  /** The plan so far; assign to change it. Defaults and attribute plan modifiers are already applied. */
  planned: PM;
  /** The configuration; it may hold unknown values on the first plan. */
  config: PM;
  /** Undefined when the provider could not be configured yet. */
  provider: P | undefined;
  diags: Diagnostics;
  /** Forces destroy-then-create because of `path`; `reason` is shown to the user. */
  requireReplace(path: AttributePath, reason: string): void;
}

/** A resource over its model `M` (usually `ModelOf<typeof schema>`). */
export interface TypedResource<
  P,
  S extends SchemaSpec,
  M = ModelOf<S>,
  PM = PlanModelOf<S>,
  SM = StateModelOf<S>,
> {
  typeName: string;
  schema: S;
  timeouts?: TimeoutDefaults;
  /** Unknown values are possible here. */
  validateConfig?(config: PM, diags: Diagnostics): void | Promise<void>;
  modifyPlan?(req: TypedModifyPlanRequest<P, PM, SM>): void | Promise<void>;
  /** `planned` holds null where a computed value is still unknown. */
  create(req: { planned: M; config: M; provider: P; ctx: OperationContext }): Promise<M>;
  /** Null when the object is gone (terraform then plans to create it again). */
  read(req: { state: SM; provider: P; ctx: OperationContext }): Promise<SM | null>;
  update(req: { prior: SM; planned: M; config: M; provider: P; ctx: OperationContext }): Promise<M>;
  delete(req: { state: SM; provider: P; ctx: OperationContext }): Promise<void>;
  /** The state to read next: attributes import cannot know yet are null. */
  importState?(req: { id: string; provider: P; ctx: OperationContext }): Promise<SM>;
  /**
   * Converts state stored under an older schema version: rename or reshape the raw stored attributes, then
   * `decode` them as the current model (attributes it does not know are dropped, missing ones are null).
   */
  upgradeState?(req: { fromVersion: number; state: Record<string, unknown>; decode(raw: object): SM }): SM;
}

/**
 * Thrown from create/update when something already happened remotely: `state` is saved (tainted) so nothing is
 * orphaned, and `cause` is reported.
 */
export class PartialModelError<M extends object> extends PartialStateError {
  constructor(state: M, cause: unknown) {
    super(encodeModel(state), cause);
  }
}

/** Writes back the attributes the handler assigned (an untouched attribute keeps its raw value). */
function writeChanges(target: ObjectValue, before: object, after: object): void {
  const was = before as Record<string, Value>;
  for (const [key, value] of Object.entries(after as Record<string, Value>)) {
    if (value !== was[key]) target[key] = value;
  }
}

export function defineResource<P, const S extends SchemaSpec>(
  def: TypedResource<P, S>,
): ResourceDefinition<P> {
  return resourceOver<P, S, ModelOf<S>, PlanModelOf<S>, StateModelOf<S>>(def, modelCodec(def.schema));
}

function resourceOver<P, S extends SchemaSpec, M extends object, PM extends object, SM extends object>(
  def: TypedResource<P, S, M, PM, SM>,
  { known, planning, state }: ModelCodec<M, PM, SM>,
): ResourceDefinition<P> {
  const { validateConfig, modifyPlan, importState, upgradeState } = def;
  const result: ResourceDefinition<P> = {
    typeName: def.typeName,
    schema: def.schema,
    create: async (req) =>
      encodeModel(
        await def.create({
          planned: known(req.planned),
          config: known(req.config),
          provider: req.provider,
          ctx: req.ctx,
        }),
      ),
    read: async (req) => {
      const next = await def.read({ state: state(req.state), provider: req.provider, ctx: req.ctx });
      return next ? encodeModel(next) : null;
    },
    update: async (req) =>
      encodeModel(
        await def.update({
          prior: state(req.prior),
          planned: known(req.planned),
          config: known(req.config),
          provider: req.provider,
          ctx: req.ctx,
        }),
      ),
    delete: (req) => def.delete({ state: state(req.state), provider: req.provider, ctx: req.ctx }),
  };
  if (def.timeouts) result.timeouts = def.timeouts;
  if (validateConfig) result.validateConfig = (config, diags) => validateConfig(planning(config), diags);
  if (modifyPlan) {
    result.modifyPlan = async (req) => {
      const planned = planning(req.planned);
      const before = { ...planned };
      await modifyPlan({
        prior: req.prior ? state(req.prior) : null,
        planned,
        config: planning(req.config),
        provider: req.provider,
        diags: req.diags,
        requireReplace: req.requireReplace,
      });
      writeChanges(req.planned, before, planned);
    };
  }
  if (importState) result.importState = async (req) => encodeModel(await importState(req));
  if (upgradeState) {
    // Stored state is parsed JSON: plain strings, numbers, booleans, lists and objects, which are terraform values.
    const decode = (raw: object) => state(raw as ObjectValue);
    result.upgradeState = (req) => encodeModel(upgradeState({ ...req, decode }));
  }
  return result;
}

/** A data source over its model `M` (usually `ModelOf<typeof schema>`). */
export interface TypedDataSource<P, S extends SchemaSpec, M = ModelOf<S>, PM = PlanModelOf<S>> {
  typeName: string;
  schema: S;
  validateConfig?(config: PM, diags: Diagnostics): void | Promise<void>;
  /** The configuration is wholly known here. Returns the whole model (configured values included). */
  read(req: { config: M; provider: P; ctx: OperationContext }): Promise<M>;
}

export function defineDataSource<P, const S extends SchemaSpec>(
  def: TypedDataSource<P, S>,
): DataSourceDefinition<P> {
  return dataSourceOver<P, S, ModelOf<S>, PlanModelOf<S>, StateModelOf<S>>(def, modelCodec(def.schema));
}

function dataSourceOver<P, S extends SchemaSpec, M extends object, PM extends object, SM extends object>(
  def: TypedDataSource<P, S, M, PM>,
  { known, planning }: ModelCodec<M, PM, SM>,
): DataSourceDefinition<P> {
  const { validateConfig } = def;
  const result: DataSourceDefinition<P> = {
    typeName: def.typeName,
    schema: def.schema,
    read: async (req) =>
      encodeModel(await def.read({ config: known(req.config), provider: req.provider, ctx: req.ctx })),
  };
  if (validateConfig) result.validateConfig = (config, diags) => validateConfig(planning(config), diags);
  return result;
}
