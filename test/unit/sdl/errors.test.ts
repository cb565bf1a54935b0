/** Invalid SDLs are rejected with every problem listed and pointed at its place in the document. */
import { compileSdl, SdlError, type SdlIssue } from "../../../src/sdl";
import { baseSdl, toYaml, type Doc } from "./sdl-builder";

function issuesOf(yaml: string): SdlIssue[] {
  try {
    compileSdl(yaml);
  } catch (error) {
    if (error instanceof SdlError) return error.issues;
    throw error;
  }
  throw new Error("expected the SDL to be rejected");
}

const services = (doc: Doc) => doc.services as Record<string, Record<string, unknown>>;
const compute = (doc: Doc) =>
  ((doc.profiles as Doc).compute as Record<string, { resources: Doc }>).small!.resources;

test("YAML syntax errors report line and column", () => {
  expect(issuesOf("version: '2.0'\nservices:\n  web: [unclosed\n")).toEqual([
    { path: "", message: expect.stringMatching(/^YAML syntax error at line \d+, column \d+: /) },
  ]);
  expect(issuesOf("a: 1\na: 2\n")[0]!.message).toBe(
    "YAML syntax error at line 2, column 1: duplicated mapping key",
  );
});

test("a document that is not a mapping is rejected", () => {
  expect(issuesOf("")).toEqual([{ path: "", message: "the SDL document is empty" }]);
  expect(issuesOf("- a\n")).toEqual([
    { path: "", message: "must be a mapping (key: value pairs), got a list" },
  ]);
});

test("all problems are reported at once, each with its path", () => {
  const doc = baseSdl();
  services(doc).web!.image = ["not", "a", "string"];
  services(doc).web!.expose = [{ port: 70000, proto: "sctp", to: [{ global: "maybe" }] }];
  compute(doc).memory = { size: "512m" };
  const error = (() => {
    try {
      compileSdl(toYaml(doc));
    } catch (e) {
      return e as SdlError;
    }
  })()!;
  expect(error.issues).toEqual(
    expect.arrayContaining([
      { path: "services.web.image", message: "must be a string, got a list" },
      { path: "services.web.expose[0].port", message: "port must be between 1 and 65535, got 70000" },
      { path: "services.web.expose[0].proto", message: 'proto must be TCP or UDP, got "sctp"' },
      {
        path: "services.web.expose[0].to[0].global",
        message: 'must be true or false, got a string "maybe"',
      },
      {
        path: "profiles.compute.small.resources.memory.size",
        message: expect.stringContaining("case-sensitive"),
      },
    ]),
  );
  expect(error.message.split("\n")[0]).toBe("invalid SDL:");
  expect(error.message).toContain("services.web.expose[0].port: port must be between 1 and 65535, got 70000");
});

test.each<[string, (doc: Doc) => void, SdlIssue]>([
  [
    "undefined compute profile",
    (doc) => ((doc.deployment as Doc).web = { dc: { profile: "big", count: 1 } }),
    {
      path: "deployment.web.dc.profile",
      message: 'compute profile "big" is not defined in profiles.compute',
    },
  ],
  [
    "undefined placement",
    (doc) => ((doc.deployment as Doc).web = { east: { profile: "small", count: 1 } }),
    { path: "deployment.web.east", message: 'placement "east" is not defined in profiles.placement' },
  ],
  [
    "undefined service",
    (doc) => ((doc.deployment as Doc).ghost = { dc: { profile: "small", count: 1 } }),
    { path: "deployment.ghost", message: 'service "ghost" is not defined in services' },
  ],
  [
    "missing price",
    (doc) => {
      ((doc.profiles as Doc).compute as Doc).big = { resources: compute(doc) };
      (doc.deployment as Doc).web = { dc: { profile: "big", count: 1 } };
    },
    {
      path: "profiles.placement.dc.pricing",
      message: 'no price for compute profile "big" (used by deployment.web.dc)',
    },
  ],
  [
    "unused endpoint",
    (doc) => (doc.endpoints = { spare: { kind: "ip" } }),
    { path: "endpoints.spare", message: 'endpoint "spare" is declared but never used' },
  ],
  [
    "undefined endpoint",
    (doc) => (services(doc).web!.expose = [{ port: 80, to: [{ global: true, ip: "nope" }] }]),
    { path: "services.web.expose[0].to[0].ip", message: 'endpoint "nope" is not defined in endpoints' },
  ],
  [
    "nothing exposed globally",
    (doc) => (services(doc).web!.expose = [{ port: 80 }]),
    {
      path: "services",
      message: expect.stringContaining("no service is exposed globally") as unknown as string,
    },
  ],
  [
    "invalid env name",
    (doc) => (services(doc).web!.env = ["OK=1", "1BAD=2"]),
    { path: "services.web.env[1]", message: expect.stringContaining('"1BAD"') as unknown as string },
  ],
  [
    "invalid hostname",
    (doc) => (services(doc).web!.expose = [{ port: 80, accept: ["Example.com"], to: [{ global: true }] }]),
    {
      path: "services.web.expose[0].accept[0]",
      message: expect.stringContaining("invalid hostname") as unknown as string,
    },
  ],
  [
    "invalid service name",
    (doc) => {
      services(doc).Web = services(doc).web!;
      delete services(doc).web;
      (doc.deployment as Doc).Web = (doc.deployment as Doc).web;
      delete (doc.deployment as Doc).web;
    },
    { path: "services.Web", message: expect.stringContaining("invalid service name") as unknown as string },
  ],
  [
    "mount of an unknown volume",
    (doc) => (services(doc).web!.params = { storage: { data: { mount: "/data" } } }),
    {
      path: "services.web.params.storage.data",
      message: 'compute profile "small" has no storage volume named "data"',
    },
  ],
  [
    "relative mount",
    (doc) => {
      compute(doc).storage = [
        { size: "1Gi" },
        { name: "data", size: "10Gi", attributes: { persistent: true, class: "beta3" } },
      ];
      services(doc).web!.params = { storage: { data: { mount: "data" } } };
    },
    {
      path: "services.web.params.storage.data.mount",
      message: expect.stringContaining("absolute path") as unknown as string,
    },
  ],
  [
    "RAM volume marked persistent",
    (doc) =>
      (compute(doc).storage = [
        { size: "1Gi" },
        { name: "shm", size: "1Gi", attributes: { persistent: true, class: "ram" } },
      ]),
    {
      path: "profiles.compute.small.resources.storage[1].attributes.persistent",
      message: expect.stringContaining('"ram" cannot be persistent') as unknown as string,
    },
  ],
  [
    "GPU units without attributes",
    (doc) => (compute(doc).gpu = { units: 1 }),
    {
      path: "profiles.compute.small.resources.gpu.attributes",
      message: expect.stringContaining("required when units > 0") as unknown as string,
    },
  ],
  [
    "CPU over the per-replica limit",
    (doc) => (compute(doc).cpu = { units: 500 }),
    {
      path: "profiles.compute.small.resources.cpu.units",
      message: expect.stringContaining("between 0.01 (10m) and 384") as unknown as string,
    },
  ],
  [
    "zero price",
    (doc) =>
      ((((doc.profiles as Doc).placement as Doc).dc as Doc).pricing = {
        small: { denom: "uact", amount: 0 },
      }),
    { path: "profiles.placement.dc.pricing.small.amount", message: "amount must be greater than zero" },
  ],
  [
    "mixed denoms across placements",
    (doc) => {
      ((doc.profiles as Doc).placement as Doc).other = { pricing: { small: { denom: "uakt", amount: 1 } } };
      ((doc.deployment as Doc).web as Doc).other = { profile: "small", count: 1 };
    },
    { path: "profiles.placement", message: expect.stringContaining("same denom") as unknown as string },
  ],
])("%s", (_name, mutate, expected) => {
  const doc = baseSdl("2.1");
  mutate(doc);
  expect(issuesOf(toYaml(doc))).toContainEqual(expected);
});

test("secrets are not echoed in errors", () => {
  const doc = baseSdl("2.1");
  services(doc).web!.credentials = { host: "docker.io", username: "me", password: "hunter" };
  compute(doc).cpu = { units: "bad" };
  const message = issuesOf(toYaml(doc))
    .map((i) => i.message)
    .join("\n");
  expect(message).not.toContain("hunter");
});
