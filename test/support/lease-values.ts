/** Values of akash_lease as terraform sends them: every attribute of the schema present, null unless given. */
import type { ObjectValue } from "../../src/framework/values";
import { leaseSchema } from "../../src/resources/lease/lease-schema";

const nullsFor = (attributes: object): ObjectValue =>
  Object.fromEntries(Object.keys(attributes).map((name) => [name, null]));

/** A `bid_policy` block: `values` over null for every other attribute of the block. */
export function bidPolicyValue(values: ObjectValue = {}): ObjectValue {
  return { ...nullsFor(leaseSchema.block.blocks.bid_policy.block.attributes), ...values };
}

/** The lease's top-level attributes, all null (blocks and timeouts are the caller's). */
export function nullLeaseAttributes(): ObjectValue {
  return nullsFor(leaseSchema.block.attributes);
}
