/** Endpoint kinds, sequence numbers and resource-unit grouping, checked on compiled output. */
import { compileSdl } from "../../../src/sdl";
import { baseSdl, toYaml, type Doc } from "./sdl-builder";

type Svc = { image: string; expose?: unknown[]; [k: string]: unknown };
const services = (doc: Doc) => doc.services as Record<string, Svc>;

function endpointsOf(doc: Doc, unit = 0) {
  return compileSdl(toYaml(doc)).groupSpecsGoJson[0]!.resources[unit]!.resource.endpoints;
}

describe("endpoint kinds", () => {
  test.each([
    ["TCP port 80", { port: 80, to: [{ global: true }] }, [{ sequence_number: 0 }]],
    ["port 8080 as 80 is ingress", { port: 8080, as: 80, to: [{ global: true }] }, [{ sequence_number: 0 }]],
    [
      "port 80 as 8080 is a random port",
      { port: 80, as: 8080, to: [{ global: true }] },
      [{ kind: 1, sequence_number: 0 }],
    ],
    [
      "UDP port 80 is a random port",
      { port: 80, proto: "udp", to: [{ global: true }] },
      [{ kind: 1, sequence_number: 0 }],
    ],
    ["non-global exposes use no endpoint", { port: 80, to: [{ service: "other" }] }, []],
    ["no `to` means not exposed", { port: 80 }, []],
  ])("%s", (_name, expose, expected) => {
    const doc = baseSdl();
    services(doc).web!.expose = [expose, { port: 9999, to: [{ global: true }] }];
    expect(endpointsOf(doc)).toEqual([...(expected as object[]), { kind: 1, sequence_number: 0 }]);
  });

  test("an IP endpoint adds a LEASED_IP endpoint after the port's own", () => {
    const doc = baseSdl("2.1");
    services(doc).web!.expose = [{ port: 80, to: [{ global: true, ip: "myip" }] }];
    doc.endpoints = { myip: { kind: "ip" } };
    const compiled = compileSdl(toYaml(doc));
    expect(compiled.groupSpecsGoJson[0]!.resources[0]!.resource.endpoints).toEqual([
      { sequence_number: 0 },
      { kind: 2, sequence_number: 1 },
    ]);
    expect(compiled.manifest[0]!.services[0]!.expose[0]).toMatchObject({
      ip: "myip",
      endpointSequenceNumber: 1,
    });
  });
});

describe("IP endpoint sequence numbers (Go's numbering, quirks included)", () => {
  test("names are numbered in sorted order across services", () => {
    const doc = baseSdl("2.1");
    doc.endpoints = { beta: { kind: "ip" }, alpha: { kind: "ip" } };
    services(doc).web!.expose = [{ port: 80, to: [{ global: true, ip: "beta" }] }];
    services(doc).api = { image: "api:1", expose: [{ port: 81, to: [{ global: true, ip: "alpha" }] }] };
    (doc.deployment as Doc).api = { dc: { profile: "small", count: 1 } };
    const manifest = compileSdl(toYaml(doc)).manifest[0]!;
    const seq = Object.fromEntries(
      manifest.services.map((s) => [s.name, s.expose[0]!.endpointSequenceNumber]),
    );
    expect(seq).toEqual({ api: 1, web: 2 });
  });

  test("a non-global `to` entry takes a number (it sorts first as an empty name)", () => {
    const doc = baseSdl("2.1");
    doc.endpoints = { alpha: { kind: "ip" } };
    services(doc).web!.expose = [
      { port: 80, to: [{ global: true, ip: "alpha" }] },
      { port: 81, to: [{ service: "web" }] },
    ];
    const expose = compileSdl(toYaml(doc)).manifest[0]!.services[0]!.expose;
    expect(expose.find((e) => e.ip === "alpha")!.endpointSequenceNumber).toBe(2);
  });

  test("a name used twice keeps its last number", () => {
    const doc = baseSdl("2.1");
    doc.endpoints = { alpha: { kind: "ip" } };
    services(doc).web!.expose = [
      { port: 80, as: 80, to: [{ global: true, ip: "alpha" }] },
      { port: 443, as: 443, to: [{ global: true, ip: "alpha" }] },
    ];
    const compiled = compileSdl(toYaml(doc));
    expect(compiled.manifest[0]!.services[0]!.expose.map((e) => e.endpointSequenceNumber)).toEqual([2, 2]);
  });
});

describe("resource units", () => {
  function twoServicesSameProfile(version: "2.0" | "2.1"): Doc {
    const doc = baseSdl(version);
    services(doc).api = { image: "api:1", expose: [{ port: 3000, as: 3000, to: [{ global: true }] }] };
    (doc.deployment as Doc).api = { dc: { profile: "small", count: 2 } };
    return doc;
  }

  test("SDL 2.0: one unit per service, ids in service-name order", () => {
    const compiled = compileSdl(toYaml(twoServicesSameProfile("2.0")));
    const units = compiled.groupSpecsGoJson[0]!.resources;
    expect(units.map((u) => [u.resource.id, u.count])).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(compiled.manifest[0]!.services.map((s) => [s.name, s.resources.id])).toEqual([
      ["api", 1],
      ["web", 2],
    ]);
  });

  test("SDL 2.1: services sharing a profile share a unit; counts add up; endpoints are merged and sorted", () => {
    const compiled = compileSdl(toYaml(twoServicesSameProfile("2.1")));
    const units = compiled.groupSpecsGoJson[0]!.resources;
    expect(units).toHaveLength(1);
    expect(units[0]!.count).toBe(3);
    expect(units[0]!.resource.endpoints).toEqual([{ kind: 1, sequence_number: 0 }, { sequence_number: 0 }]);
    // Each service's manifest resources list only its own endpoints, under the shared unit id.
    expect(
      compiled.manifest[0]!.services.map((s) => [s.name, s.resources.id, s.resources.endpoints]),
    ).toEqual([
      ["api", 1, [{ kind: 1, sequence_number: 0 }]],
      ["web", 1, [{ sequence_number: 0 }]],
    ]);
  });

  test("one group per placement, in name order, with gseq order in `placements`", () => {
    const doc = baseSdl();
    const placement = (doc.profiles as Doc).placement as Doc;
    placement.zeta = { pricing: { small: { denom: "uact", amount: "0.25" } } };
    placement.alpha = { pricing: { small: { denom: "uact", amount: 3 } } };
    (doc.deployment as Doc).web = {
      zeta: { profile: "small", count: 1 },
      alpha: { profile: "small", count: 1 },
    };
    const compiled = compileSdl(toYaml(doc));
    expect(compiled.placements).toEqual(["alpha", "zeta"]);
    expect(compiled.groupSpecsGoJson.map((g) => g.resources[0]!.price.amount)).toEqual([
      "3.000000000000000000",
      "0.250000000000000000",
    ]);
    expect(compiled.denom).toBe("uact");
  });
});

describe("values Go reads from the YAML text", () => {
  test("placement attribute values keep their text; empty lists stay empty lists", () => {
    const yaml = `
version: "2.0"
services:
  web:
    image: nginx
    env: []
    expose: [{port: 80, to: [{global: true}]}]
profiles:
  compute:
    small: {resources: {cpu: {units: 1}, memory: {size: 1Gi}, storage: {size: 1Gi}}}
  placement:
    dc:
      attributes: {tier: 1.50, gpu: True}
      signedBy: {anyOf: []}
      pricing: {small: {denom: uact, amount: 10}}
deployment:
  web: {dc: {profile: small, count: 1}}
`;
    const compiled = compileSdl(yaml);
    expect(compiled.groupSpecsGoJson[0]!.requirements).toEqual({
      signed_by: { all_of: null, any_of: [] },
      attributes: [
        { key: "gpu", value: "True" },
        { key: "tier", value: "1.50" },
      ],
    });
    expect(compiled.manifest[0]!.services[0]!.env).toEqual([]);
    expect(compiled.manifest[0]!.services[0]!.command).toBeNull();
  });

  test("reclamation.min_window is converted to seconds", () => {
    const doc = baseSdl("2.1");
    doc.reclamation = { min_window: "24h" };
    expect(compileSdl(toYaml(doc)).reclamation).toEqual({ minWindowSeconds: 86400 });
    doc.reclamation = { min_window: "90m" };
    expect(compileSdl(toYaml(doc)).reclamation).toEqual({ minWindowSeconds: 5400 });
    delete doc.reclamation;
    expect(compileSdl(toYaml(doc)).reclamation).toBeUndefined();
  });

  test("http options: defaults, limits, and proxy_buffer_size only when set", () => {
    const doc = baseSdl();
    services(doc).web!.expose = [
      {
        port: 80,
        to: [{ global: true }],
        http_options: { max_body_size: 2048, next_cases: ["off"], proxy_buffer_size: 8192 },
      },
    ];
    expect(compileSdl(toYaml(doc)).manifest[0]!.services[0]!.expose[0]!.httpOptions).toEqual({
      maxBodySize: 2048,
      readTimeout: 60000,
      sendTimeout: 60000,
      nextTries: 3,
      nextTimeout: 0,
      nextCases: ["off"],
      proxyBufferSize: 8192,
    });
  });
});
