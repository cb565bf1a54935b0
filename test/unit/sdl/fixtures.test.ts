/** Golden tests: every fixture produced by Akash's Go SDL implementation must be reproduced exactly. */
import { createHash } from "node:crypto";
import { compileSdl, goSortedJson, SdlError, type SdlWarningCode } from "../../../src/sdl";
import { invalidCases, validCases } from "./fixture-cases";

const valid = validCases();
const invalid = invalidCases();

test("fixtures are present", () => {
  expect(valid.length).toBeGreaterThanOrEqual(11);
  expect(invalid.length).toBeGreaterThanOrEqual(23);
});

describe.each(valid)("valid fixture $name", ({ yaml, manifest, groupSpecs }) => {
  const compiled = compileSdl(yaml);

  test("manifest matches Go", () => {
    expect(JSON.parse(compiled.manifestJson)).toEqual(manifest);
    expect(compiled.manifest).toEqual(manifest);
  });

  test("group specs match Go", () => {
    expect(compiled.groupSpecsGoJson).toEqual(groupSpecs);
  });

  test("warns only about the uakt pricing of the Go test data", () => {
    expect(new Set(compiled.warnings.map((w) => w.code))).toEqual(new Set(["legacy-denom"]));
  });

  test("hash is SHA-256 of the Go key-sorted manifest", () => {
    const goSorted = goSortedJson(manifest);
    expect(compiled.manifestJson).toBe(goSorted);
    const expected = createHash("sha256").update(goSorted).digest("hex");
    expect(compiled.hashHex).toBe(expected);
    expect(Buffer.from(compiled.hash).toString("hex")).toBe(expected);
  });
});

// What each invalid fixture must be rejected for: the SDL path and a word of the message.
const expectedProblems: Record<string, { path: string; message: RegExp }> = {
  "invalid/count-zero.yaml": {
    path: "deployment.web.akash.count",
    message: /count must be at least 1, got 0/,
  },
  "invalid/credentials-missing-host.yaml": { path: "services.web.credentials.host", message: /required/ },
  "invalid/empty-image.yaml": { path: "services.web.image", message: /empty/ },
  "invalid/invalid-endpoint-name.yaml": { path: "endpoints.Invalid-Name", message: /invalid endpoint name/ },
  "invalid/invalid-port.yaml": {
    path: "services.web.expose[0].port",
    message: /port must be between 1 and 65535/,
  },
  "invalid/invalid-protocol.yaml": { path: "services.web.expose[0].proto", message: /TCP or UDP/ },
  "invalid/ip-without-global.yaml": { path: "services.web.expose[0].to[0].ip", message: /global: true/ },
  "invalid/missing-deployment.yaml": { path: "deployment", message: /required/ },
  "invalid/missing-image.yaml": { path: "services.web.image", message: /required/ },
  "invalid/missing-memory-size.yaml": {
    path: "profiles.compute.web.resources.memory.size",
    message: /required/,
  },
  "invalid/missing-pricing.yaml": { path: "profiles.placement.akash.pricing", message: /required/ },
  "invalid/missing-version.yaml": { path: "version", message: /required/ },
  "invalid/negative-cpu.yaml": { path: "profiles.compute.web.resources.cpu.units", message: /positive/ },
  "invalid/port-zero.yaml": {
    path: "services.web.expose[0].port",
    message: /port must be between 1 and 65535/,
  },
  "invalid/unknown-field.yaml": { path: "unknown_field", message: /unknown field/ },
  "invalid/v2.1-reclamation-bad-window.yaml": { path: "reclamation.min_window", message: /greater than 0/ },
  "invalid/v2.1-tee-cpu-gpu-no-gpu.yaml": { path: "services.web.params.tee", message: /requires GPU/ },
  // schema-only-invalid: an error where the chain would refuse or Go would read another meaning.
  "schema-only-invalid/invalid-denom.yaml": {
    path: "profiles.placement.akash.pricing.web.denom",
    message: /uact \(ACT\) only/,
  },
  "schema-only-invalid/invalid-gpu-vendor.yaml": {
    path: "profiles.compute.web.resources.gpu.attributes.vendor.amd",
    message: /would read this section as "any nvidia GPU"/,
  },
  "schema-only-invalid/invalid-version.yaml": { path: "version", message: /unsupported SDL version "3.0"/ },
};

// schema-only-invalid: a warning where Go and the network accept what only the schema refuses.
const expectedWarnings: Record<string, { path: string; code: SdlWarningCode }> = {
  "schema-only-invalid/email-too-short.yaml": { path: "services.web.credentials.email", code: "schema-only" },
  "schema-only-invalid/password-too-short.yaml": {
    path: "services.web.credentials.password",
    code: "schema-only",
  },
  "schema-only-invalid/reclamation-compound-window.yaml": {
    path: "reclamation.min_window",
    code: "schema-only",
  },
};

test("every schema-only-invalid fixture has an expected error or warning", () => {
  for (const { name } of invalid) {
    expect([name, name in expectedProblems || name in expectedWarnings]).toEqual([name, true]);
  }
});

describe.each(invalid.filter(({ name }) => name in expectedWarnings))(
  "schema-only fixture $name",
  ({ name, yaml }) => {
    test("compiles, with a warning at the path", () => {
      const { path, code } = expectedWarnings[name]!;
      expect(compileSdl(yaml).warnings).toContainEqual({
        severity: "warning",
        code,
        path,
        message: expect.any(String),
      });
    });
  },
);

test("the compound reclamation window keeps its Go meaning (1h30m = 5400 s)", () => {
  const yaml = invalid.find((c) => c.name === "schema-only-invalid/reclamation-compound-window.yaml")!.yaml;
  expect(compileSdl(yaml).reclamation).toEqual({ minWindowSeconds: 5400 });
});

describe.each(invalid.filter(({ name }) => !(name in expectedWarnings)))(
  "invalid fixture $name",
  ({ name, yaml }) => {
    test("is rejected with an issue at the offending path", () => {
      let error: unknown;
      try {
        compileSdl(yaml);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SdlError);
      const issues = (error as SdlError).issues;
      const expected = expectedProblems[name];
      expect(expected).toBeDefined();
      expect(issues).toContainEqual({
        path: expected!.path,
        message: expect.stringMatching(expected!.message),
      });
      expect((error as SdlError).message).toContain(expected!.path);
    });
  },
);
