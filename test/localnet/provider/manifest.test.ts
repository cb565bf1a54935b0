import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generateManifest, generateManifestVersion } from "@akashnetwork/chain-sdk";
import { load } from "js-yaml";
import {
  decodeManifest,
  manifestToGoJson,
  manifestVersion,
  ManifestDecodeError,
} from "../../../src/localnet/provider/manifest";
import { sortedGoJson } from "../../../src/localnet/provider/go-json";
import {
  checkManifestAgainstGroups,
  ManifestRejection,
  validateManifest,
} from "../../../src/localnet/provider/manifest-validation";
import { PROVIDER_SOFTWARE } from "../../../src/localnet/provider/software";
import { sdlCases, sdlFromYaml } from "./fixtures";

const RELEASED = PROVIDER_SOFTWARE.released.dialect;

const cases = sdlCases();

function rejection(fn: () => void): ManifestRejection {
  try {
    fn();
  } catch (error) {
    if (error instanceof ManifestRejection) return error;
    throw error;
  }
  throw new Error("expected a ManifestRejection");
}

describe("manifest decoding and version hash", () => {
  it.each(cases.map((c) => [c.name, c]))(
    "%s: Go manifest.json survives the Go struct round trip",
    (_name, c) => {
      const original = JSON.parse(readFileSync(join(c.dir, "manifest.json"), "utf8"));
      expect(manifestToGoJson(decodeManifest(JSON.stringify(original), RELEASED), RELEASED)).toEqual(
        original,
      );
    },
  );

  it.each(cases.map((c) => [c.name, c]))(
    "%s: hash equals chain-sdk's generateManifestVersion",
    async (_name, c) => {
      const input = readFileSync(join(c.dir, "input.yaml"), "utf8");
      const generated = generateManifest(load(input) as Parameters<typeof generateManifest>[0]);
      if (!generated.ok) throw new Error("fixture rejected");
      const expected = await generateManifestVersion(generated.value.groups);
      expect(
        Buffer.from(manifestVersion(decodeManifest(c.manifestBody, RELEASED), RELEASED)).toString("hex"),
      ).toBe(Buffer.from(expected).toString("hex"));
    },
  );

  it("ignores unknown keys and matches keys case-insensitively, like Go's decoder", () => {
    const body = cases[0]!.manifestBody;
    const tweaked = JSON.parse(body);
    tweaked[0].services[0].NAME = tweaked[0].services[0].name;
    delete tweaked[0].services[0].name;
    tweaked[0].services[0].somethingNew = { x: 1 };
    expect(manifestVersion(decodeManifest(JSON.stringify(tweaked), RELEASED), RELEASED)).toEqual(
      manifestVersion(decodeManifest(body, RELEASED), RELEASED),
    );
  });

  it("keeps null and [] distinct, so the hash changes", () => {
    const tweaked = JSON.parse(cases[0]!.manifestBody);
    tweaked[0].services[0].command = [];
    expect(manifestVersion(decodeManifest(JSON.stringify(tweaked), RELEASED), RELEASED)).not.toEqual(
      manifestVersion(decodeManifest(cases[0]!.manifestBody, RELEASED), RELEASED),
    );
  });

  it("escapes HTML characters the way Go does", () => {
    expect(sortedGoJson({ b: "<a&b>", a: "\u2028" })).toBe('{"a":"\\u2028","b":"\\u003ca\\u0026b\\u003e"}');
  });

  it("rejects type mismatches with Go's error text", () => {
    const tweaked = JSON.parse(cases[0]!.manifestBody);
    tweaked[0].services[0].count = "2";
    expect(() => decodeManifest(JSON.stringify(tweaked), RELEASED)).toThrow(
      "json: cannot unmarshal string into Go struct field Service.services.count of type uint32",
    );
    expect(() => decodeManifest("{not json", RELEASED)).toThrow(ManifestDecodeError);
    expect(() => decodeManifest('{"a":1}', RELEASED)).toThrow("cannot unmarshal object into Go value");
  });
});

describe("manifest validation against the on-chain groups", () => {
  it.each(cases.map((c) => [c.name, c]))("%s: the SDL's own manifest matches its group specs", (_name, c) => {
    expect(() =>
      checkManifestAgainstGroups(decodeManifest(c.manifestBody, RELEASED), c.groupSpecs),
    ).not.toThrow();
  });

  const simple = cases.find((c) => c.name === "simple")!;

  it("rejects more replicas than the group has (422)", () => {
    const m = decodeManifest(simple.manifestBody, RELEASED);
    m[0]!.services![0]!.count = 3;
    const error = rejection(() => checkManifestAgainstGroups(m, simple.groupSpecs));
    expect(error.status).toBe(422);
    expect(error.message).toBe(
      'manifest cross-validation error: group "westcoast": service "web": over-utilized replicas (3) > group spec resources count (2)',
    );
  });

  it("rejects fewer replicas as under-utilized (422)", () => {
    const m = decodeManifest(simple.manifestBody, RELEASED);
    m[0]!.services![0]!.count = 1;
    expect(rejection(() => checkManifestAgainstGroups(m, simple.groupSpecs)).message).toBe(
      'manifest cross-validation error: group "westcoast": resources ID (1): under-utilized (1) resources',
    );
  });

  it("rejects different resources and missing endpoints (422)", () => {
    const m = decodeManifest(simple.manifestBody, RELEASED);
    m[0]!.services![0]!.resources.cpu!.units.val = "200";
    expect(rejection(() => checkManifestAgainstGroups(m, simple.groupSpecs)).message).toContain(
      "CPU resources mismatch for ID 1",
    );
    const fewer = decodeManifest(simple.manifestBody, RELEASED);
    fewer[0]!.services![0]!.expose = fewer[0]!.services![0]!.expose!.slice(0, 1);
    expect(rejection(() => checkManifestAgainstGroups(fewer, simple.groupSpecs)).message).toBe(
      'manifest cross-validation error: group "westcoast": resources ID (1): under-utilized (1) PORT endpoints',
    );
  });

  it("answers 500 for a group count mismatch, as the provider does (unwrapped Go error)", () => {
    const m = decodeManifest(simple.manifestBody, RELEASED);
    const error = rejection(() => checkManifestAgainstGroups(m, []));
    expect(error.status).toBe(500);
    expect(error.message).toBe("invalid manifest: group count mismatch (1 != 0)");
  });

  it("structural checks: sorting, names, global services", () => {
    const { manifestBody } = sdlFromYaml(
      readFileSync(join(simple.dir, "..", "multiple-services", "input.yaml"), "utf8"),
    );
    const unsorted = decodeManifest(manifestBody, RELEASED);
    unsorted[0]!.services!.reverse();
    expect(rejection(() => validateManifest(unsorted)).message).toMatch(/services is not sorted$/);
    const badName = decodeManifest(simple.manifestBody, RELEASED);
    badName[0]!.services![0]!.name = "Web";
    expect(rejection(() => validateManifest(badName)).message).toBe(
      'invalid manifest: service "Web" name is invalid',
    );
    const local = decodeManifest(simple.manifestBody, RELEASED);
    for (const e of local[0]!.services![0]!.expose!) e.global = false;
    expect(rejection(() => validateManifest(local)).message).toBe("invalid manifest: zero global services");
    expect(rejection(() => validateManifest([])).message).toBe("invalid manifest: manifest is empty");
  });
});
