import { compileSdl, goSortedJson, manifestHash } from "../../../src/sdl";
import { baseSdl, toYaml, type Doc } from "./sdl-builder";

describe("Go-compatible sorted JSON", () => {
  test("sorts keys at every level and writes compactly", () => {
    expect(goSortedJson({ b: 1, a: [{ z: true, y: null }], c: "x" })).toBe(
      '{"a":[{"y":null,"z":true}],"b":1,"c":"x"}',
    );
  });

  test("escapes like Go's encoding/json", () => {
    expect(goSortedJson("<a href='x'>&</a>")).toBe("\"\\u003ca href='x'\\u003e\\u0026\\u003c/a\\u003e\"");
    expect(goSortedJson("line\u2028sep\u2029")).toBe('"line\\u2028sep\\u2029"');
    expect(goSortedJson('q"\\\b\f\n\r\t\u0001\u001f\u007f')).toBe(
      '"q\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\u007f"',
    );
    expect(goSortedJson("emoji 😀 ok")).toBe('"emoji 😀 ok"');
    expect(goSortedJson("lone \ud800")).toBe('"lone \ufffd"');
  });

  test("omits undefined fields", () => {
    expect(goSortedJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });
});

describe("manifest hash", () => {
  test("is SHA-256 of the UTF-8 JSON", () => {
    expect(Buffer.from(manifestHash("abc")).toString("hex")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  test("env values with HTML characters are escaped in the JSON that is hashed", () => {
    const doc = baseSdl();
    (doc.services as Record<string, Doc>).web!.env = ["URL=<https://a&b>"];
    const compiled = compileSdl(toYaml(doc));
    expect(compiled.manifestJson).toContain('"URL=\\u003chttps://a\\u0026b\\u003e"');
    expect(compiled.hash).toEqual(manifestHash(compiled.manifestJson));
    expect(compiled.hash).toHaveLength(32);
  });

  test("only image/env changes keep the group specs but change the hash", () => {
    const a = baseSdl();
    const b = baseSdl();
    (b.services as Record<string, Doc>).web!.image = "nginx:1.28";
    const ca = compileSdl(toYaml(a));
    const cb = compileSdl(toYaml(b));
    expect(cb.groupSpecsGoJson).toEqual(ca.groupSpecsGoJson);
    expect(cb.hashHex).not.toBe(ca.hashHex);
  });
});
