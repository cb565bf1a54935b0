/**
 * Calls a resource's or data source's hooks the way the framework does, with fake ports: what resource unit tests
 * drive. Handlers' thrown DiagnosticErrors are left to the test to assert (summary and path).
 */
import type { AkashPorts } from "../../../src/akash/ports/akash-ports";
import type { DataSourceDefinition } from "../../../src/framework/data-source";
import { Diagnostics, type AttributePath, type Diagnostic } from "../../../src/framework/diagnostics";
import type { ResourceDefinition } from "../../../src/framework/resource";
import type { ObjectValue } from "../../../src/framework/values";
import { operation, type FakeOperation } from "./fake-ports";

type Definition = ResourceDefinition<AkashPorts> | DataSourceDefinition<AkashPorts>;

/** The diagnostics validateConfig reports for `config`. */
export async function validate(def: Definition, config: ObjectValue): Promise<Diagnostic[]> {
  if (!def.validateConfig) throw new Error(`${def.typeName} has no validateConfig`);
  const diags = new Diagnostics();
  await def.validateConfig(config, diags);
  return diags.items;
}

export interface PlanOutcome {
  planned: ObjectValue;
  diags: Diagnostic[];
  replace: { path: AttributePath; reason: string }[];
}

/** modifyPlan of a create (`prior` null) or an update; `planned` defaults to the prior state overlaid with the config. */
export async function plan(
  def: ResourceDefinition<AkashPorts>,
  request: { prior: ObjectValue | null; config: ObjectValue; planned?: ObjectValue; ports?: AkashPorts },
): Promise<PlanOutcome> {
  if (!def.modifyPlan) throw new Error(`${def.typeName} has no modifyPlan`);
  const planned: ObjectValue = request.planned ?? { ...(request.prior ?? {}), ...request.config };
  const diags = new Diagnostics();
  const replace: PlanOutcome["replace"] = [];
  await def.modifyPlan({
    prior: request.prior,
    planned,
    config: request.config,
    provider: request.ports,
    diags,
    requireReplace: (path, reason) => replace.push({ path, reason }),
  });
  return { planned, diags: diags.items, replace };
}

/** One operation context per call unless the test passes its own (to look at its log). */
export function create(
  def: ResourceDefinition<AkashPorts>,
  ports: AkashPorts,
  planned: ObjectValue,
  ctx: FakeOperation = operation(),
): Promise<ObjectValue> {
  return def.create({ planned, config: planned, provider: ports, ctx });
}

export function read(
  def: ResourceDefinition<AkashPorts>,
  ports: AkashPorts,
  state: ObjectValue,
  ctx: FakeOperation = operation(),
): Promise<ObjectValue | null> {
  return def.read({ state, provider: ports, ctx });
}

export function update(
  def: ResourceDefinition<AkashPorts>,
  ports: AkashPorts,
  prior: ObjectValue,
  planned: ObjectValue,
  ctx: FakeOperation = operation(),
): Promise<ObjectValue> {
  return def.update({ prior, planned, config: planned, provider: ports, ctx });
}

export function destroy(
  def: ResourceDefinition<AkashPorts>,
  ports: AkashPorts,
  state: ObjectValue,
  ctx: FakeOperation = operation(),
): Promise<void> {
  return def.delete({ state, provider: ports, ctx });
}

export function importState(
  def: ResourceDefinition<AkashPorts>,
  ports: AkashPorts,
  id: string,
): Promise<ObjectValue> {
  if (!def.importState) throw new Error(`${def.typeName} has no importState`);
  return def.importState({ id, provider: ports, ctx: operation() });
}

export function readData(
  def: DataSourceDefinition<AkashPorts>,
  ports: AkashPorts,
  config: ObjectValue,
): Promise<ObjectValue> {
  return def.read({ config, provider: ports, ctx: operation() });
}

/** Summary and path of each diagnostic (what terraform shows and underlines). */
export function summaries(
  diags: Diagnostic[],
): { severity: string; summary: string; path?: AttributePath }[] {
  return diags.map((d) => ({
    severity: d.severity,
    summary: d.summary,
    ...(d.path ? { path: d.path } : {}),
  }));
}
