/** The resources and data sources of a provider as the server serves them: each with its terraform-facing schema. */
import type { DataSourceDefinition } from "./data-source";
import type { ResourceDefinition } from "./resource";
import { impliedType, type BlockSpec, type TfType } from "./schema";
import { timeoutsBlock, TIMEOUTS_BLOCK } from "./timeouts";

export interface ResourceEntry<P> {
  def: ResourceDefinition<P>;
  /** The schema block as terraform sees it (with the `timeouts` block when the resource declares timeouts). */
  block: BlockSpec;
  type: TfType;
  version: number;
}

export interface DataSourceEntry<P> {
  def: DataSourceDefinition<P>;
  block: BlockSpec;
  type: TfType;
  version: number;
}

/** Indexes the resources by type name; a type defined twice, or a schema that names `timeouts` itself, is a bug. */
export function resourceEntries<P>(defs: readonly ResourceDefinition<P>[]): Map<string, ResourceEntry<P>> {
  const entries = new Map<string, ResourceEntry<P>>();
  for (const r of defs) {
    if (entries.has(r.typeName)) throw new Error(`resource type ${r.typeName} is defined twice`);
    let block = r.schema.block;
    if (r.timeouts) {
      if (block.blocks?.[TIMEOUTS_BLOCK] || block.attributes[TIMEOUTS_BLOCK]) {
        throw new Error(`${r.typeName} declares both \`timeouts\` and a "${TIMEOUTS_BLOCK}" schema entry`);
      }
      block = { ...block, blocks: { ...block.blocks, [TIMEOUTS_BLOCK]: timeoutsBlock(r.timeouts) } };
    }
    entries.set(r.typeName, { def: r, block, type: impliedType(block), version: r.schema.version });
  }
  return entries;
}

/** Indexes the data sources by type name; a type defined twice is a bug. */
export function dataSourceEntries<P>(
  defs: readonly DataSourceDefinition<P>[],
): Map<string, DataSourceEntry<P>> {
  const entries = new Map<string, DataSourceEntry<P>>();
  for (const d of defs) {
    if (entries.has(d.typeName)) throw new Error(`data source ${d.typeName} is defined twice`);
    const block = d.schema.block;
    entries.set(d.typeName, {
      def: d,
      block,
      type: impliedType(block),
      version: d.schema.version,
    });
  }
  return entries;
}
