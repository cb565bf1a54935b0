/**
 * Our hand-written tfplugin6 codecs against protobufjs driven by a proto subset (field numbers as published in
 * tfplugin6.8.proto). protobufjs is used only here, as an independent implementation of the wire format.
 */
import * as protobuf from "protobufjs";
import type { SchemaSpec } from "../../../src/framework/schema";
import * as pb from "../../../src/protocol/tfplugin6";

const PROTO = `
syntax = "proto3";
package tfplugin6;
message DynamicValue { bytes msgpack = 1; bytes json = 2; }
message AttributePath {
  message Step { oneof selector { string attribute_name = 1; string element_key_string = 2; int64 element_key_int = 3; } }
  repeated Step steps = 1;
}
message Diagnostic { int32 severity = 1; string summary = 2; string detail = 3; AttributePath attribute = 4; }
message Schema {
  message Block { int64 version = 1; repeated Attribute attributes = 2; repeated NestedBlock block_types = 3;
    string description = 4; int32 description_kind = 5; bool deprecated = 6; }
  message Attribute { string name = 1; bytes type = 2; string description = 3; bool required = 4; bool optional = 5;
    bool computed = 6; bool sensitive = 7; int32 description_kind = 8; bool deprecated = 9; bool write_only = 11; }
  message NestedBlock { string type_name = 1; Block block = 2; int32 nesting = 3; int64 min_items = 4; int64 max_items = 5; }
  int64 version = 1;
  Block block = 2;
}
message ServerCapabilities { bool plan_destroy = 1; bool get_provider_schema_optional = 2; bool move_resource_state = 3; }
message GetProviderSchemaResponse {
  Schema provider = 1; map<string, Schema> resource_schemas = 2; map<string, Schema> data_source_schemas = 3;
  repeated Diagnostic diagnostics = 4; ServerCapabilities server_capabilities = 6;
}
message PlanRequest { string type_name = 1; DynamicValue prior_state = 2; DynamicValue proposed_new_state = 3;
  DynamicValue config = 4; bytes prior_private = 5; }
message PlanResponse { DynamicValue planned_state = 1; repeated AttributePath requires_replace = 2; bytes planned_private = 3;
  repeated Diagnostic diagnostics = 4; }
message ApplyResponse { DynamicValue new_state = 1; bytes private = 2; repeated Diagnostic diagnostics = 3; }
message RawState { bytes json = 1; map<string, string> flatmap = 2; }
message UpgradeRequest { string type_name = 1; int64 version = 2; RawState raw_state = 3; }
message ImportResponse {
  message ImportedResource { string type_name = 1; DynamicValue state = 2; bytes private = 3; }
  repeated ImportedResource imported_resources = 1; repeated Diagnostic diagnostics = 2;
}
message ValidateProviderConfigResponse { repeated Diagnostic diagnostics = 2; }
`;

const root = protobuf.parse(PROTO, { keepCase: true }).root;
const T = (name: string) => root.lookupType(`tfplugin6.${name}`);
const toObject = (type: string, bytes: Uint8Array) =>
  T(type).toObject(T(type).decode(bytes), { longs: Number, bytes: Array, defaults: false, oneofs: false });

const schema: SchemaSpec = {
  version: 2,
  block: {
    description: "A **thing**.",
    attributes: {
      name: { type: "string", required: true, description: "Name." },
      secret: { type: "string", optional: true, sensitive: true, writeOnly: true, description: "Secret." },
      tags: {
        type: ["map", "string"],
        optional: true,
        computed: true,
        deprecated: true,
        description: "Tags.",
      },
    },
    blocks: {
      rule: {
        nesting: "list",
        minItems: 1,
        maxItems: 3,
        block: { attributes: { port: { type: "number", required: true, description: "" } } },
      },
    },
  },
};

describe("tfplugin6 messages", () => {
  test("GetProviderSchema.Response: schema fields, nested blocks, markdown, capabilities", () => {
    const bytes = pb.encodeGetProviderSchemaResponse({
      provider: pb.encodeSchema({ version: 0, block: { attributes: {} } }),
      resources: [["echo_thing", pb.encodeSchema(schema)]],
      dataSources: [["echo_echo", pb.encodeSchema({ version: 0, block: { attributes: {} } })]],
    });
    const msg = toObject("GetProviderSchemaResponse", bytes);
    expect(msg.server_capabilities).toEqual({ get_provider_schema_optional: true });
    expect(Object.keys(msg.data_source_schemas)).toEqual(["echo_echo"]);
    const thing = msg.resource_schemas.echo_thing;
    expect(thing.version).toBe(2);
    expect(thing.block.description).toBe("A **thing**.");
    expect(thing.block.description_kind).toBe(1);
    const attrs = Object.fromEntries(thing.block.attributes.map((a: { name: string }) => [a.name, a]));
    expect(Buffer.from(attrs.tags.type).toString()).toBe('["map","string"]');
    expect(attrs.tags).toMatchObject({
      optional: true,
      computed: true,
      deprecated: true,
      description_kind: 1,
    });
    expect(attrs.secret).toMatchObject({ sensitive: true, write_only: true, optional: true });
    expect(attrs.name).toMatchObject({ required: true });
    expect(thing.block.block_types[0]).toMatchObject({
      type_name: "rule",
      nesting: 2,
      min_items: 1,
      max_items: 3,
    });
  });

  test("diagnostics with attribute paths (index 0 and map keys keep their oneof presence)", () => {
    const bytes = pb.encodeApplyResourceChangeResponse(new Uint8Array([0xc0]), new Uint8Array([1, 2]), [
      { severity: "error", summary: "Bad", detail: "very", path: ["rule", 0, "port"] },
      { severity: "warning", summary: "Hm", detail: "", path: ["tags", { key: "" }] },
    ]);
    const msg = toObject("ApplyResponse", bytes);
    expect(msg.new_state).toEqual({ msgpack: [0xc0] });
    expect(msg.private).toEqual([1, 2]);
    expect(msg.diagnostics[0]).toEqual({
      severity: 1,
      summary: "Bad",
      detail: "very",
      attribute: { steps: [{ attribute_name: "rule" }, { element_key_int: 0 }, { attribute_name: "port" }] },
    });
    expect(msg.diagnostics[1]).toEqual({
      severity: 2,
      summary: "Hm",
      attribute: { steps: [{ attribute_name: "tags" }, { element_key_string: "" }] },
    });
    // ValidateProviderConfig puts diagnostics in field 2.
    const v = toObject(
      "ValidateProviderConfigResponse",
      pb.encodeDiagnosticsOnly(2, [{ severity: "error", summary: "x", detail: "" }]),
    );
    expect(v.diagnostics).toHaveLength(1);
  });

  test("PlanResourceChange: request decodes, response carries requires_replace", () => {
    const req = T("PlanRequest")
      .encode({
        type_name: "echo_thing",
        prior_state: { msgpack: [0xc0] },
        proposed_new_state: { msgpack: [0x80] },
        config: { json: Buffer.from("{}") },
        prior_private: Buffer.from("{}"),
      })
      .finish();
    const decoded = pb.decodePlanResourceChange(req);
    expect(decoded.typeName).toBe("echo_thing");
    expect([...decoded.priorState!.msgpack!]).toEqual([0xc0]);
    expect([...decoded.proposedNewState!.msgpack!]).toEqual([0x80]);
    expect(Buffer.from(decoded.config!.json!).toString()).toBe("{}");
    expect(Buffer.from(decoded.priorPrivate!).toString()).toBe("{}");

    const res = toObject(
      "PlanResponse",
      pb.encodePlanResourceChangeResponse(new Uint8Array([0x80]), [["name"]], new Uint8Array(0), []),
    );
    expect(res.requires_replace).toEqual([{ steps: [{ attribute_name: "name" }] }]);
    expect(res.planned_state).toEqual({ msgpack: [0x80] });
  });

  test("UpgradeResourceState: version, JSON raw state and legacy flatmap", () => {
    const req = T("UpgradeRequest")
      .encode({
        type_name: "echo_thing",
        version: 1,
        raw_state: { json: Buffer.from('{"id":"x"}'), flatmap: { "tags.%": "1", "tags.a": "b" } },
      })
      .finish();
    expect(pb.decodeUpgradeResourceState(req)).toEqual({
      typeName: "echo_thing",
      version: 1,
      json: '{"id":"x"}',
      flatmap: { "tags.%": "1", "tags.a": "b" },
    });
  });

  test("ImportResourceState.Response", () => {
    const bytes = pb.encodeImportResourceStateResponse(
      [{ typeName: "echo_thing", state: new Uint8Array([0x80]), private: new Uint8Array(0) }],
      [],
    );
    expect(toObject("ImportResponse", bytes)).toEqual({
      imported_resources: [{ type_name: "echo_thing", state: { msgpack: [0x80] } }],
    });
  });
});
