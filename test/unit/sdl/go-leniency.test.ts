/**
 * What Akash's Go SDL parser accepts, we accept (with a warning naming the path); where it would change the
 * meaning or the chain would refuse, we refuse. Each case is a small edit of a valid SDL.
 */
import { compileSdl, SdlError, type CompiledSdl, type SdlIssue } from "../../../src/sdl";
import { baseSdl, toYaml, type Doc } from "./sdl-builder";

type Svc = Record<string, unknown>;
const web = (doc: Doc) => (doc.services as Record<string, Svc>).web!;
const resources = (doc: Doc) =>
  ((doc.profiles as Doc).compute as Record<string, { resources: Doc }>).small!.resources;
const placement = (doc: Doc) => ((doc.profiles as Doc).placement as Record<string, Doc>).dc!;

function compiled(mutate: (doc: Doc) => void, version: "2.0" | "2.1" = "2.1"): CompiledSdl {
  const doc = baseSdl(version);
  mutate(doc);
  return compileSdl(toYaml(doc));
}

function refused(text: string): SdlIssue[] {
  try {
    compileSdl(text);
  } catch (error) {
    if (error instanceof SdlError) return error.issues;
    throw error;
  }
  throw new Error("expected the SDL to be refused");
}

const base = compileSdl(toYaml(baseSdl("2.1")));

test("unknown keys inside services, profiles and placements are ignored with a warning", () => {
  const result = compiled((doc) => {
    Object.assign(web(doc), { depends_on: ["db"], volumes: ["./data:/data"], cmd: ["run"] });
    placement(doc).placement = "extra";
    (doc.profiles as Doc).storage = { data: "1Gi" };
  });
  expect(result.hashHex).toBe(base.hashHex);
  expect(result.warnings.map((w) => [w.code, w.path])).toEqual([
    ["ignored-field", "services.web.depends_on"],
    ["ignored-field", "services.web.volumes"],
    ["ignored-field", "services.web.cmd"],
    ["ignored-field", "profiles.storage"],
    ["ignored-field", "profiles.placement.dc.placement"],
  ]);
  expect(result.warnings[0]!.message).toMatch(/"depends_on" is not an SDL field here and has no effect/);
});

test("unknown top-level keys and unknown GPU keys stay errors, as in Go", () => {
  const top = baseSdl();
  top.volumes = {};
  expect(refused(toYaml(top))).toContainEqual({
    path: "volumes",
    message: expect.stringMatching(/unknown field/),
  });
  const gpu = baseSdl();
  resources(gpu).gpu = { units: 1, count: 2, attributes: { vendor: { nvidia: [{ model: "a100" }] } } };
  expect(refused(toYaml(gpu))).toContainEqual({
    path: "profiles.compute.small.resources.gpu.count",
    message: expect.stringMatching(/unknown field/),
  });
});

test("keys without a value are read as absent", () => {
  const text = toYaml(baseSdl("2.1")).replace("    dc:\n", "    dc:\n      attributes:\n");
  const result = compileSdl(text);
  expect(result.groupSpecsGoJson[0]!.requirements.attributes).toBeNull();
  expect(result.warnings).toEqual([
    {
      severity: "warning",
      code: "empty-value",
      path: "profiles.placement.dc.attributes",
      message: '"attributes" has no value and is read as absent',
    },
  ]);
  const accept = compiled((doc) => ((web(doc).expose as Doc[])[0]!.accept = null));
  expect(accept.manifest[0]!.services[0]!.expose[0]!.hosts).toBeNull();
  expect(accept.warnings.map((w) => w.path)).toEqual(["services.web.expose[0].accept"]);
});

test("numbers where strings belong keep their text, as Go reads them", () => {
  const result = compiled((doc) => {
    placement(doc).signedBy = { anyOf: [12345] };
    placement(doc).attributes = { tier: 1.5 };
    web(doc).args = [8080, true];
    (web(doc).expose as Doc[])[0]!.http_options = { next_cases: [502, 503] };
  });
  const group = result.groupSpecsGoJson[0]!;
  expect(group.requirements.signed_by.any_of).toEqual(["12345"]);
  expect(group.requirements.attributes).toEqual([{ key: "tier", value: "1.5" }]);
  const service = result.manifest[0]!.services[0]!;
  expect(service.args).toEqual(["8080", "true"]);
  expect(service.expose[0]!.httpOptions.nextCases).toEqual(["502", "503"]);
  expect(result.warnings).toEqual([]);
});

test("quantities may be numbers: memory and storage sizes, GPU units as text", () => {
  const result = compiled((doc) => {
    resources(doc).memory = { size: 536870912 };
    resources(doc).storage = { size: 1073741824 };
    resources(doc).gpu = { units: "1", attributes: { vendor: { nvidia: [{ model: "a100" }] } } };
  });
  const unit = result.groupSpecsGoJson[0]!.resources[0]!.resource;
  expect(unit.memory.size.val).toBe("536870912");
  expect(unit.storage![0]!.size.val).toBe("1073741824");
  expect(unit.gpu.units.val).toBe("1");
  // A string where an integer belongs is a yaml.v3 type error in Go too.
  expect(
    refused(toYaml(baseSdl()).replace("count: 1", 'count: "1"')).map((i) => [i.path, i.message]),
  ).toEqual([["deployment.web.dc.count", expect.stringMatching(/count must be an integer.*without quotes/)]]);
});

test("YAML 1.1 booleans are read as yaml.v3 reads them into bool fields", () => {
  const yes = compiled((doc) => ((web(doc).expose as Doc[])[0]!.to = [{ global: "yes" }]));
  expect(yes.manifest[0]!.services[0]!.expose[0]!.global).toBe(true);
  const text = toYaml(baseSdl()).replace("global: true", "global: 'true'");
  expect(refused(text)).toContainEqual({
    path: "services.web.expose[0].to[0].global",
    message: 'must be true or false, got a string "true"',
  });
});

test.each([
  ["2", "2.0"],
  ["v2.0", "2.0"],
  ["2.0.0", "2.0"],
  ["2.1.0", "2.1"],
  ["2.1.3", "2.1"],
])("version %s is read as %s with a warning", (written, read) => {
  const text = toYaml(baseSdl()).replace(/^version: .*$/m, `version: "${written}"`);
  const result = compileSdl(text);
  expect(result.version).toBe(read);
  expect(result.warnings).toEqual([
    {
      severity: "warning",
      code: "version-normalized",
      path: "version",
      message: `version "${written}" is read as "${read}", as Akash's SDL parser does; write "${read}"`,
    },
  ]);
});

test("an unquoted version 2 is the same as 2.0", () => {
  const text = toYaml(baseSdl()).replace(/^version: .*$/m, "version: 2");
  expect(compileSdl(text).version).toBe("2.0");
});

test.each([
  ["2.2", /Go parser would silently read it as 2.1/],
  ["3.0", /Go parser would silently read it as 2.1/],
  ["2.0.1", /^unsupported SDL version "2.0.1"; use "2.0" or "2.1"$/],
  ["1.0", /^unsupported SDL version "1.0"/],
])("version %s is refused", (written, message) => {
  const text = toYaml(baseSdl()).replace(/^version: .*$/m, `version: "${written}"`);
  expect(refused(text)).toEqual([{ path: "version", message: expect.stringMatching(message) }]);
});

test("storage: class ram without persistent gets persistent=false; persistent without class gets default", () => {
  const ram = compiled((doc) => {
    resources(doc).storage = [{ size: "1Gi" }, { name: "shm", size: "1Gi", attributes: { class: "ram" } }];
    web(doc).params = { storage: { shm: { mount: "/dev/shm" } } };
  });
  expect(ram.groupSpecsGoJson[0]!.resources[0]!.resource.storage![1]!.attributes).toEqual([
    { key: "class", value: "ram" },
    { key: "persistent", value: "false" },
  ]);
  expect(ram.warnings.map((w) => [w.code, w.path])).toEqual([
    ["default-value", "profiles.compute.small.resources.storage[1].attributes.persistent"],
  ]);
  const persistent = compiled((doc) => {
    resources(doc).storage = [
      { size: "1Gi" },
      { name: "data", size: "1Gi", attributes: { persistent: "yes" } },
    ];
    web(doc).params = { storage: { data: { mount: "/data" } } };
  });
  // Go compares the text before normalising it: "yes" is not "true", so no class is filled in.
  expect(persistent.groupSpecsGoJson[0]!.resources[0]!.resource.storage![1]!.attributes).toEqual([
    { key: "persistent", value: "true" },
  ]);
  const filled = compiled((doc) => {
    resources(doc).storage = [
      { size: "1Gi" },
      { name: "data", size: "1Gi", attributes: { persistent: true } },
    ];
    web(doc).params = { storage: { data: { mount: "/data" } } };
  });
  expect(filled.groupSpecsGoJson[0]!.resources[0]!.resource.storage![1]!.attributes).toEqual([
    { key: "class", value: "default" },
    { key: "persistent", value: "true" },
  ]);
  expect(filled.warnings.map((w) => w.code)).toEqual(["default-value"]);
});

test("a persistent volume nothing mounts: refused where Go refuses (2.0, no mounts at all), else a warning", () => {
  const volumes = (doc: Doc) =>
    (resources(doc).storage = [
      { size: "1Gi" },
      { name: "data", size: "10Gi", attributes: { persistent: true, class: "beta3" } },
      { name: "logs", size: "1Gi", attributes: { persistent: true, class: "beta3" } },
    ]);
  const doc = baseSdl("2.0");
  volumes(doc);
  expect(refused(toYaml(doc))).toContainEqual({
    path: "services.web.params.storage",
    message: expect.stringContaining('persistent volume "data" of compute profile "small" needs a mount'),
  });
  const partly = compiled((d) => {
    volumes(d);
    web(d).params = { storage: { logs: { mount: "/logs" } } };
  }, "2.0");
  expect(partly.warnings).toContainEqual({
    severity: "warning",
    code: "unmounted-volume",
    path: "services.web.params.storage.data",
    message: expect.stringContaining("mounts it nowhere"),
  });
  const v21 = compiled(volumes, "2.1");
  // In volume order (Go sorts volumes by size).
  expect(v21.warnings.filter((w) => w.code === "unmounted-volume").map((w) => w.path)).toEqual([
    "services.web.params.storage.logs",
    "services.web.params.storage.data",
  ]);
});

test("GPU vendor amd alone is refused (Go would read it as any nvidia GPU); next to nvidia it is dropped", () => {
  const amd = baseSdl();
  resources(amd).gpu = { units: 1, attributes: { vendor: { amd: [{ model: "mi300x" }] } } };
  expect(refused(toYaml(amd))).toEqual([
    {
      path: "profiles.compute.small.resources.gpu.attributes.vendor.amd",
      message: expect.stringMatching(/only knows nvidia and would read this section as "any nvidia GPU"/),
    },
  ]);
  const both = compiled((doc) => {
    resources(doc).gpu = {
      units: 1,
      attributes: { vendor: { nvidia: [{ model: "h100" }], amd: [{ model: "mi300x" }] } },
    };
  });
  expect(both.groupSpecsGoJson[0]!.resources[0]!.resource.gpu.attributes).toEqual([
    { key: "vendor/nvidia/model/h100", value: "true" },
  ]);
  expect(both.warnings.map((w) => [w.code, w.path])).toEqual([
    ["ignored-gpu-vendor", "profiles.compute.small.resources.gpu.attributes.vendor.amd"],
  ]);
});

test("pricing: uakt compiles with a warning (the chain refuses it), other denoms are refused", () => {
  const uakt = compiled((doc) => (placement(doc).pricing = { small: { denom: "uakt", amount: 1000 } }));
  expect(uakt.denom).toBe("uakt");
  expect(uakt.warnings).toEqual([
    {
      severity: "warning",
      code: "legacy-denom",
      path: "profiles.placement.dc.pricing.small.denom",
      message: expect.stringContaining('"unsupported denomination uakt: invalid price"'),
    },
  ]);
  const ibc = baseSdl();
  placement(ibc).pricing = { small: { denom: "ibc/170C677610AC31DF", amount: 1000 } };
  expect(refused(toYaml(ibc))).toEqual([
    {
      path: "profiles.placement.dc.pricing.small.denom",
      message: expect.stringContaining("the chain prices new deployments in uact (ACT) only"),
    },
  ]);
});

test("registry credentials: Go only refuses blank values; the schema's lengths are warnings", () => {
  const result = compiled((doc) => {
    web(doc).credentials = { host: "ghcr.io", username: "me", password: "abc", email: "a@b" };
  });
  expect(result.manifest[0]!.services[0]!.credentials).toEqual({
    host: "ghcr.io",
    email: "a@b",
    username: "me",
    password: "abc",
  });
  expect(result.warnings.map((w) => [w.code, w.path])).toEqual([
    ["schema-only", "services.web.credentials.password"],
    ["schema-only", "services.web.credentials.email"],
  ]);
  // The password itself never appears in a warning.
  for (const w of result.warnings) expect(w.message).not.toContain("abc");
  const blank = baseSdl();
  web(blank).credentials = { host: "ghcr.io", username: "me", password: "   " };
  expect(refused(toYaml(blank))).toEqual([
    { path: "services.web.credentials.password", message: "must not be blank" },
  ]);
});

test("reclamation windows follow Go's time.ParseDuration", () => {
  const window = (text: string) => compiled((doc) => (doc.reclamation = { min_window: text }));
  expect(window("1h30m").reclamation).toEqual({ minWindowSeconds: 5400 });
  expect(window("1.5h").reclamation).toEqual({ minWindowSeconds: 5400 });
  expect(window("1.5h").warnings[0]!.message).toMatch(/write "90m"/);
  expect(window("24h").warnings).toEqual([]);
  const doc = baseSdl("2.1");
  doc.reclamation = { min_window: "90" };
  expect(refused(toYaml(doc))).toEqual([
    { path: "reclamation.min_window", message: expect.stringMatching(/must be a duration/) },
  ]);
});

test("proto is case-insensitive, as Go upper-cases it", () => {
  const result = compiled((doc) => ((web(doc).expose as Doc[])[0]!.proto = "Udp"));
  expect(result.manifest[0]!.services[0]!.expose[0]!.proto).toBe("UDP");
});
