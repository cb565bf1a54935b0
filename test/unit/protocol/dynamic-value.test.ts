/** The msgpack/JSON DynamicValue codec, cross-checked against an independent msgpack implementation. */
import { decode as referenceDecode, encode as referenceEncode, ExtData } from "@msgpack/msgpack";
import type { TfType } from "../../../src/framework/schema";
import { Decimal, isUnknown, UNKNOWN, UnknownValue, type Value } from "../../../src/framework/values";
import {
  decodeDynamicValue,
  decodeMsgpackValue,
  encodeMsgpackValue,
} from "../../../src/protocol/dynamic-value";

const objectType: TfType = [
  "object",
  {
    name: "string",
    count: "number",
    on: "bool",
    tags: ["map", "string"],
    ports: ["list", "number"],
    ids: ["set", "string"],
    pair: ["tuple", ["string", "number"]],
    rule: ["list", ["object", { port: "number", proto: "string" }]],
  },
];

/** Decodes our bytes with @msgpack/msgpack, keeping extension values visible. */
const reference = (bytes: Uint8Array) => referenceDecode(bytes, { useBigInt64: true });

describe("msgpack DynamicValue encoding", () => {
  test("objects carry every schema attribute, null when absent", () => {
    const bytes = encodeMsgpackValue(objectType, { name: "x" });
    expect(reference(bytes)).toEqual({
      name: "x",
      count: null,
      on: null,
      tags: null,
      ports: null,
      ids: null,
      pair: null,
      rule: null,
    });
  });

  test("nested values round-trip", () => {
    const value = {
      name: "web",
      count: 3,
      on: true,
      tags: JSON.parse('{"env":"prod","__proto__":"odd key"}') as Record<string, Value>,
      ports: [80, 443],
      ids: ["a", "b"],
      pair: ["x", 1.5],
      rule: [
        { port: 80, proto: "tcp" },
        { port: 53, proto: null },
      ],
    };
    const bytes = encodeMsgpackValue(objectType, value);
    const back = decodeMsgpackValue(objectType, bytes) as Record<string, Value>;
    expect(back).toEqual(value);
    expect(Object.keys(back.tags as object)).toEqual(["env", "__proto__"]);
    expect(Object.getPrototypeOf(back.tags)).toBe(Object.prototype);
  });

  test("unknown encodes as fixext1 type 0 and any extension type decodes as unknown", () => {
    const bytes = encodeMsgpackValue("string", UNKNOWN);
    expect([...bytes]).toEqual([0xd4, 0x00, 0x00]);
    // Terraform's refined unknown: extension 12 whose payload is a msgpack map (here: "definitely not null").
    const refinedPayload = referenceEncode(new Map([[1, false]]));
    const refined = referenceEncode(new ExtData(12, refinedPayload));
    const decoded = decodeMsgpackValue("string", refined);
    expect(isUnknown(decoded)).toBe(true);
    // The refinement goes back to terraform unchanged.
    expect([...encodeMsgpackValue("string", decoded)]).toEqual([...refined]);
    // ext8 / ext16 forms and other type codes are unknown too.
    for (const ext of [
      new ExtData(0, new Uint8Array(40)),
      new ExtData(5, new Uint8Array(300)),
      new ExtData(-3, new Uint8Array(2)),
    ]) {
      expect(decodeMsgpackValue(["list", "string"], referenceEncode(ext))).toBeInstanceOf(UnknownValue);
    }
  });

  test("unknowns nested inside known collections survive", () => {
    const type: TfType = ["object", { a: ["list", "string"], b: ["map", "number"] }];
    const value = { a: ["x", UNKNOWN], b: UNKNOWN };
    const back = decodeMsgpackValue(type, encodeMsgpackValue(type, value)) as Record<string, Value>;
    expect((back.a as Value[])[0]).toBe("x");
    expect(isUnknown((back.a as Value[])[1])).toBe(true);
    expect(isUnknown(back.b)).toBe(true);
  });

  test("numbers: ints, floats and big values stay exact", () => {
    const cases: [Value, unknown][] = [
      [0, 0],
      [-1, -1],
      [127, 127],
      [-33, -33],
      [65536, 65536],
      [5_000_000_000, 5_000_000_000n],
      [-5_000_000_000, -5_000_000_000n],
      [1.5, 1.5],
      [new Decimal("9007199254740993"), 9007199254740993n], // 2^53 + 1 as int64
      [new Decimal("18446744073709551615"), "18446744073709551615"], // beyond int64: decimal string
      [new Decimal("-9223372036854775808"), -9223372036854775808n],
      [new Decimal("123456789012345678901234567890.000000001"), "123456789012345678901234567890.000000001"],
    ];
    for (const [value, wire] of cases) {
      const bytes = encodeMsgpackValue("number", value);
      expect(reference(bytes)).toEqual(wire);
      const back = decodeMsgpackValue("number", bytes);
      expect(String(back)).toBe(String(value));
    }
  });

  test("numbers terraform sends as uint64, int64 or decimal strings decode exactly", () => {
    expect(decodeMsgpackValue("number", referenceEncode(2n ** 64n - 1n, { useBigInt64: true }))).toEqual(
      new Decimal("18446744073709551615"),
    );
    expect(decodeMsgpackValue("number", referenceEncode(-(2n ** 62n), { useBigInt64: true }))).toEqual(
      new Decimal("-4611686018427387904"),
    );
    expect(decodeMsgpackValue("number", referenceEncode("340282366920938463463374607431768211456"))).toEqual(
      new Decimal("340282366920938463463374607431768211456"),
    );
    expect(decodeMsgpackValue("number", referenceEncode("42"))).toBe(42);
    expect(decodeMsgpackValue("number", referenceEncode("0.1"))).toBe(0.1);
    // float32 as some encoders produce
    expect(decodeMsgpackValue("number", new Uint8Array([0xca, 0x3f, 0xc0, 0x00, 0x00]))).toBe(1.5);
  });

  test("dynamic values are [type JSON, value] and keep their exact type", () => {
    const type: TfType = ["object", { any: "dynamic" }];
    const wire = referenceEncode({ any: [new TextEncoder().encode('["list","string"]'), ["a", "b"]] });
    const value = decodeMsgpackValue(type, wire) as Record<string, Value>;
    expect(value.any).toEqual(["a", "b"]);
    const reencoded = reference(encodeMsgpackValue(type, value)) as { any: [Uint8Array, unknown] };
    expect(new TextDecoder().decode(reencoded.any[0])).toBe('["list","string"]');
    expect(reencoded.any[1]).toEqual(["a", "b"]);
    // Values made by the provider get an inferred type.
    const made = reference(encodeMsgpackValue("dynamic", { n: 1, s: "x" })) as [Uint8Array, unknown];
    expect(JSON.parse(new TextDecoder().decode(made[0]))).toEqual(["object", { n: "number", s: "string" }]);
    expect(decodeMsgpackValue("dynamic", referenceEncode(null))).toBeNull();
  });

  test("null whole object is msgpack nil; type mismatches name the path", () => {
    expect([...encodeMsgpackValue(objectType, null)]).toEqual([0xc0]);
    expect(decodeMsgpackValue(objectType, new Uint8Array([0xc0]))).toBeNull();
    expect(() => encodeMsgpackValue(objectType, { name: "x", rule: [{ port: "eighty" }] })).toThrow(
      "rule[0].port: expected a number",
    );
  });

  test("JSON DynamicValues decode with exact numbers and the same type rules", () => {
    const json = new TextEncoder().encode(
      '{"name":"x","count":18446744073709551617,"on":true,"tags":{"a":"b"},"ports":[1,2],"ids":null,"pair":["p",2],"rule":[{"port":"80"}]}',
    );
    expect(decodeDynamicValue(objectType, { json })).toEqual({
      name: "x",
      count: new Decimal("18446744073709551617"),
      on: true,
      tags: { a: "b" },
      ports: [1, 2],
      ids: null,
      pair: ["p", 2],
      rule: [{ port: 80, proto: null }],
    });
    expect(decodeDynamicValue(objectType, undefined)).toBeNull();
  });
});
