/** ApplyResourceChange: which of the resource's handlers a change calls, decided by what the plan holds. */
import type { OperationContext, ResourceDefinition } from "./resource";
import type { TimeoutOperation } from "./timeouts";
import type { ObjectValue } from "./values";

export interface ApplyRequest<P> {
  prior: ObjectValue | null;
  planned: ObjectValue | null;
  config: ObjectValue;
  provider: P;
  ctx: OperationContext;
}

/** No planned object deletes, no prior object creates, both update. */
export function applyKind(prior: ObjectValue | null, planned: ObjectValue | null): TimeoutOperation {
  return planned === null ? "delete" : prior === null ? "create" : "update";
}

/** Runs the handler for `kind`: resolves to the object it returned, or null once deleted. */
export async function callApplyHandler<P>(
  def: ResourceDefinition<P>,
  kind: TimeoutOperation,
  req: ApplyRequest<P>,
): Promise<ObjectValue | null> {
  const { prior, planned, config, provider, ctx } = req;
  if (kind === "delete") {
    await def.delete({ state: prior!, provider, ctx });
    return null;
  }
  if (kind === "create") return def.create({ planned: planned!, config, provider, ctx });
  return def.update({ prior: prior!, planned: planned!, config, provider, ctx });
}
