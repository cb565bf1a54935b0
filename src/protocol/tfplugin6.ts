/**
 * tfplugin6 (protocol 6.8, terraform 1.11) messages, written by hand from the published proto: field numbers are
 * noted next to each field. Requests are decoded, responses encoded; unknown fields from newer minors are skipped.
 */
import type { AttributePath, Diagnostic } from "../framework/diagnostics";
import type { BlockSpec, NestedBlockSpec, SchemaSpec } from "../framework/schema";
import { typeToJsonBytes } from "./cty-type";
import { ProtoFields, ProtoWriter } from "./protobuf";

export interface DynamicValue {
  msgpack?: Uint8Array; // 1
  json?: Uint8Array; // 2
}

export function decodeDynamicValueMessage(f: ProtoFields | undefined): DynamicValue | undefined {
  if (!f) return undefined;
  return { msgpack: f.bytes(1), json: f.bytes(2) };
}

export function encodeDynamicValue(msgpack: Uint8Array): Uint8Array {
  return new ProtoWriter().bytesAlways(1, msgpack).finish();
}

// ---- Diagnostic, AttributePath ----

const SEVERITY = { error: 1, warning: 2 } as const; // Diagnostic.Severity: INVALID=0, ERROR=1, WARNING=2

export function encodeAttributePath(path: AttributePath): Uint8Array {
  const w = new ProtoWriter();
  for (const step of path) {
    // AttributePath.Step: attribute_name=1, element_key_string=2, element_key_int=3 (oneof)
    const s = new ProtoWriter();
    if (typeof step === "string") s.bytesAlways(1, new TextEncoder().encode(step));
    else if (typeof step === "number") s.varintAlways(3, step);
    else s.bytesAlways(2, new TextEncoder().encode(step.key));
    w.message(1, s.finish()); // AttributePath.steps=1
  }
  return w.finish();
}

export function encodeDiagnostic(d: Diagnostic): Uint8Array {
  const w = new ProtoWriter()
    .varint(1, SEVERITY[d.severity]) // severity=1
    .string(2, d.summary) // summary=2
    .string(3, d.detail); // detail=3
  if (d.path && d.path.length > 0) w.message(4, encodeAttributePath(d.path)); // attribute=4
  return w.finish();
}

function writeDiagnostics(w: ProtoWriter, field: number, diags: readonly Diagnostic[]): void {
  for (const d of diags) w.message(field, encodeDiagnostic(d));
}

// ---- Schema ----

const NESTING = { single: 1, list: 2, set: 3, map: 4, group: 5 } as const; // NestedBlock.NestingMode
const MARKDOWN = 1; // StringKind

function encodeBlock(block: BlockSpec): Uint8Array {
  const w = new ProtoWriter();
  for (const name of Object.keys(block.attributes).sort()) {
    const a = block.attributes[name]!;
    const attr = new ProtoWriter()
      .string(1, name) // name=1
      .bytes(2, typeToJsonBytes(a.type)) // type=2 (cty JSON)
      .string(3, a.description) // description=3
      .bool(4, a.required) // required=4
      .bool(5, a.optional) // optional=5
      .bool(6, a.computed) // computed=6
      .bool(7, a.sensitive) // sensitive=7
      .varint(8, a.description ? MARKDOWN : 0) // description_kind=8
      .bool(9, a.deprecated) // deprecated=9
      .bool(11, a.writeOnly) // write_only=11
      .finish();
    w.message(2, attr); // Block.attributes=2
  }
  for (const name of Object.keys(block.blocks ?? {}).sort()) {
    w.message(3, encodeNestedBlock(name, block.blocks![name]!)); // Block.block_types=3
  }
  w.string(4, block.description) // description=4
    .varint(5, block.description ? MARKDOWN : 0) // description_kind=5
    .bool(6, block.deprecated); // deprecated=6
  return w.finish();
}

function encodeNestedBlock(name: string, nested: NestedBlockSpec): Uint8Array {
  return new ProtoWriter()
    .string(1, name) // type_name=1
    .message(2, encodeBlock(nested.block)) // block=2
    .varint(3, NESTING[nested.nesting]) // nesting=3
    .varint(4, nested.minItems ?? 0) // min_items=4
    .varint(5, nested.maxItems ?? 0) // max_items=5
    .finish();
}

export function encodeSchema(schema: SchemaSpec, block: BlockSpec = schema.block): Uint8Array {
  return new ProtoWriter()
    .varint(1, schema.version) // version=1
    .message(2, encodeBlock(block)) // block=2
    .finish();
}

function encodeServerCapabilities(): Uint8Array {
  return new ProtoWriter()
    .bool(1, false) // plan_destroy=1: we need no PlanResourceChange for destroys
    .bool(2, true) // get_provider_schema_optional=2: terraform may reuse a cached schema
    .bool(3, false) // move_resource_state=3
    .finish();
}

function mapEntry(key: string, value: Uint8Array): Uint8Array {
  return new ProtoWriter().string(1, key).message(2, value).finish();
}

// ---- responses ----

export interface ProviderSchemas {
  provider: Uint8Array; // encoded Schema
  resources: [string, Uint8Array][];
  dataSources: [string, Uint8Array][];
}

/** GetProviderSchema.Response: provider=1, resource_schemas=2, data_source_schemas=3, diagnostics=4, server_capabilities=6. */
export function encodeGetProviderSchemaResponse(
  s: ProviderSchemas,
  diags: readonly Diagnostic[] = [],
): Uint8Array {
  const w = new ProtoWriter().message(1, s.provider);
  for (const [name, schema] of s.resources) w.message(2, mapEntry(name, schema));
  for (const [name, schema] of s.dataSources) w.message(3, mapEntry(name, schema));
  writeDiagnostics(w, 4, diags);
  w.message(6, encodeServerCapabilities());
  return w.finish();
}

/** GetMetadata.Response: server_capabilities=1, diagnostics=2, data_sources=3, resources=4 ({type_name=1}). */
export function encodeGetMetadataResponse(resources: string[], dataSources: string[]): Uint8Array {
  const w = new ProtoWriter().message(1, encodeServerCapabilities());
  for (const name of dataSources) w.message(3, new ProtoWriter().string(1, name).finish());
  for (const name of resources) w.message(4, new ProtoWriter().string(1, name).finish());
  return w.finish();
}

/** Responses that hold only diagnostics; note ValidateProviderConfig uses field 2, the others field 1. */
export function encodeDiagnosticsOnly(field: 1 | 2, diags: readonly Diagnostic[]): Uint8Array {
  const w = new ProtoWriter();
  writeDiagnostics(w, field, diags);
  return w.finish();
}

/** UpgradeResourceState.Response: upgraded_state=1, diagnostics=2. */
export function encodeUpgradeResourceStateResponse(
  state: Uint8Array | undefined,
  diags: readonly Diagnostic[],
): Uint8Array {
  const w = new ProtoWriter();
  if (state) w.message(1, encodeDynamicValue(state));
  writeDiagnostics(w, 2, diags);
  return w.finish();
}

/** ReadResource.Response: new_state=1, diagnostics=2, private=3. */
export function encodeReadResourceResponse(
  state: Uint8Array | undefined,
  priv: Uint8Array,
  diags: readonly Diagnostic[],
): Uint8Array {
  const w = new ProtoWriter();
  if (state) w.message(1, encodeDynamicValue(state));
  writeDiagnostics(w, 2, diags);
  w.bytes(3, priv);
  return w.finish();
}

/** PlanResourceChange.Response: planned_state=1, requires_replace=2, planned_private=3, diagnostics=4. */
export function encodePlanResourceChangeResponse(
  planned: Uint8Array | undefined,
  requiresReplace: AttributePath[],
  plannedPrivate: Uint8Array,
  diags: readonly Diagnostic[],
): Uint8Array {
  const w = new ProtoWriter();
  if (planned) w.message(1, encodeDynamicValue(planned));
  for (const path of requiresReplace) w.message(2, encodeAttributePath(path));
  w.bytes(3, plannedPrivate);
  writeDiagnostics(w, 4, diags);
  return w.finish();
}

/** ApplyResourceChange.Response: new_state=1, private=2, diagnostics=3. */
export function encodeApplyResourceChangeResponse(
  state: Uint8Array | undefined,
  priv: Uint8Array,
  diags: readonly Diagnostic[],
): Uint8Array {
  const w = new ProtoWriter();
  if (state) w.message(1, encodeDynamicValue(state));
  w.bytes(2, priv);
  writeDiagnostics(w, 3, diags);
  return w.finish();
}

/** ImportResourceState.Response: imported_resources=1 ({type_name=1, state=2, private=3}), diagnostics=2. */
export function encodeImportResourceStateResponse(
  imported: { typeName: string; state: Uint8Array; private: Uint8Array }[],
  diags: readonly Diagnostic[],
): Uint8Array {
  const w = new ProtoWriter();
  for (const r of imported) {
    w.message(
      1,
      new ProtoWriter()
        .string(1, r.typeName)
        .message(2, encodeDynamicValue(r.state))
        .bytes(3, r.private)
        .finish(),
    );
  }
  writeDiagnostics(w, 2, diags);
  return w.finish();
}

/** ReadDataSource.Response: state=1, diagnostics=2. */
export function encodeReadDataSourceResponse(
  state: Uint8Array | undefined,
  diags: readonly Diagnostic[],
): Uint8Array {
  const w = new ProtoWriter();
  if (state) w.message(1, encodeDynamicValue(state));
  writeDiagnostics(w, 2, diags);
  return w.finish();
}

/** StopProvider.Response: Error=1. */
export function encodeStopProviderResponse(error = ""): Uint8Array {
  return new ProtoWriter().string(1, error).finish();
}

// ---- requests ----

/** ValidateProviderConfig.Request: config=1. */
export function decodeValidateProviderConfig(buf: Uint8Array): { config?: DynamicValue } {
  return { config: decodeDynamicValueMessage(new ProtoFields(buf).message(1)) };
}

/** ValidateResourceConfig / ValidateDataResourceConfig.Request: type_name=1, config=2. */
export function decodeTypedConfig(buf: Uint8Array): { typeName: string; config?: DynamicValue } {
  const f = new ProtoFields(buf);
  return { typeName: f.string(1), config: decodeDynamicValueMessage(f.message(2)) };
}

/** UpgradeResourceState.Request: type_name=1, version=2, raw_state=3 (RawState: json=1, flatmap=2 map<string,string>). */
export function decodeUpgradeResourceState(buf: Uint8Array): {
  typeName: string;
  version: number;
  json?: string;
  flatmap?: Record<string, string>;
} {
  const f = new ProtoFields(buf);
  const raw = f.message(3);
  const jsonBytes = raw?.bytes(1);
  let flatmap: Record<string, string> | undefined;
  const entries = raw?.repeatedBytes(2) ?? [];
  if (entries.length > 0) {
    flatmap = {};
    for (const e of entries) {
      const entry = new ProtoFields(e);
      flatmap[entry.string(1)] = entry.string(2);
    }
  }
  return {
    typeName: f.string(1),
    version: f.number(2),
    ...(jsonBytes ? { json: new TextDecoder().decode(jsonBytes) } : {}),
    ...(flatmap ? { flatmap } : {}),
  };
}

/** ConfigureProvider.Request: terraform_version=1, config=2. */
export function decodeConfigureProvider(buf: Uint8Array): {
  terraformVersion: string;
  config?: DynamicValue;
} {
  const f = new ProtoFields(buf);
  return { terraformVersion: f.string(1), config: decodeDynamicValueMessage(f.message(2)) };
}

/** ReadResource.Request: type_name=1, current_state=2, private=3. */
export function decodeReadResource(buf: Uint8Array): {
  typeName: string;
  currentState?: DynamicValue;
  private?: Uint8Array;
} {
  const f = new ProtoFields(buf);
  return {
    typeName: f.string(1),
    currentState: decodeDynamicValueMessage(f.message(2)),
    private: f.bytes(3),
  };
}

/** PlanResourceChange.Request: type_name=1, prior_state=2, proposed_new_state=3, config=4, prior_private=5. */
export function decodePlanResourceChange(buf: Uint8Array): {
  typeName: string;
  priorState?: DynamicValue;
  proposedNewState?: DynamicValue;
  config?: DynamicValue;
  priorPrivate?: Uint8Array;
} {
  const f = new ProtoFields(buf);
  return {
    typeName: f.string(1),
    priorState: decodeDynamicValueMessage(f.message(2)),
    proposedNewState: decodeDynamicValueMessage(f.message(3)),
    config: decodeDynamicValueMessage(f.message(4)),
    priorPrivate: f.bytes(5),
  };
}

/** ApplyResourceChange.Request: type_name=1, prior_state=2, planned_state=3, config=4, planned_private=5. */
export function decodeApplyResourceChange(buf: Uint8Array): {
  typeName: string;
  priorState?: DynamicValue;
  plannedState?: DynamicValue;
  config?: DynamicValue;
  plannedPrivate?: Uint8Array;
} {
  const f = new ProtoFields(buf);
  return {
    typeName: f.string(1),
    priorState: decodeDynamicValueMessage(f.message(2)),
    plannedState: decodeDynamicValueMessage(f.message(3)),
    config: decodeDynamicValueMessage(f.message(4)),
    plannedPrivate: f.bytes(5),
  };
}

/** ImportResourceState.Request: type_name=1, id=2. */
export function decodeImportResourceState(buf: Uint8Array): { typeName: string; id: string } {
  const f = new ProtoFields(buf);
  return { typeName: f.string(1), id: f.string(2) };
}

/** ReadDataSource.Request: type_name=1, config=2. */
export function decodeReadDataSource(buf: Uint8Array): { typeName: string; config?: DynamicValue } {
  return decodeTypedConfig(buf);
}
