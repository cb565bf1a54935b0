/** cty's JSON type encoding, as terraform reads Schema.Attribute.type. */
import { impliedType, type BlockSpec, type TfType } from "../../../src/framework/schema";
import { inferType, typeFromJson, typeToJson } from "../../../src/protocol/cty-type";
import { Decimal } from "../../../src/framework/values";

describe("cty type JSON", () => {
  test("encodes every type constructor the way cty does", () => {
    const cases: [TfType, string][] = [
      ["string", '"string"'],
      ["number", '"number"'],
      ["bool", '"bool"'],
      ["dynamic", '"dynamic"'],
      [["list", "string"], '["list","string"]'],
      [["set", ["map", "number"]], '["set",["map","number"]]'],
      [["object", { a: "string", b: ["list", "bool"] }], '["object",{"a":"string","b":["list","bool"]}]'],
      [["tuple", ["string", "number"]], '["tuple",["string","number"]]'],
    ];
    for (const [type, json] of cases) {
      expect(typeToJson(type)).toBe(json);
      expect(typeFromJson(json)).toEqual(type);
    }
  });

  test("rejects what is not a type", () => {
    expect(() => typeFromJson('"strang"')).toThrow("not a type");
    expect(() => typeFromJson('["list"]')).toThrow("not a type");
  });

  test("a block's implied type follows terraform's nesting rules", () => {
    const block: BlockSpec = {
      attributes: { a: { type: "string", description: "" } },
      blocks: {
        one: { nesting: "single", block: { attributes: { x: { type: "number", description: "" } } } },
        many: { nesting: "list", block: { attributes: { y: { type: "bool", description: "" } } } },
        uniq: { nesting: "set", block: { attributes: {} } },
        byKey: { nesting: "map", block: { attributes: { z: { type: "string", description: "" } } } },
        dyn: { nesting: "list", block: { attributes: { d: { type: "dynamic", description: "" } } } },
      },
    };
    expect(impliedType(block)).toEqual([
      "object",
      {
        a: "string",
        one: ["object", { x: "number" }],
        many: ["list", ["object", { y: "bool" }]],
        uniq: ["set", ["object", {}]],
        byKey: ["map", ["object", { z: "string" }]],
        dyn: "dynamic",
      },
    ]);
  });

  test("infers the type of provider-made dynamic values", () => {
    expect(inferType([1, "a", new Decimal("1e40")])).toEqual(["tuple", ["number", "string", "number"]]);
    expect(inferType({ ok: true })).toEqual(["object", { ok: "bool" }]);
  });
});
