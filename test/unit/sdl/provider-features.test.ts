/**
 * compileSdl().providerFeatures lists the manifest fields that providers on chain-sdk go v0.2.16 (today's
 * releases) do not know, so a resource can refuse the SDL at plan instead of a 422 after the lease is paid for.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compileSdl } from "../../../src/sdl";
import { SDL_FIXTURES_DIR } from "../../support/fixtures";
import { baseSdl, toYaml, type Doc } from "./sdl-builder";

type Svc = Record<string, unknown>;
const services = (doc: Doc) => doc.services as Record<string, Svc>;

test("an ordinary SDL needs no provider feature", () => {
  expect(compileSdl(toYaml(baseSdl("2.1"))).providerFeatures).toEqual([]);
});

test("params.tee needs a provider from v0.16.0-a0 (chain-sdk go v0.3.0)", () => {
  const text = readFileSync(join(SDL_FIXTURES_DIR, "v2.1/tee-cpu/input.yaml"), "utf8");
  const compiled = compileSdl(text);
  expect(compiled.providerFeatures).toEqual([
    {
      feature: "tee",
      path: "services.tee-app.params.tee",
      manifestField: "services[].params.tee",
      chainSdkGo: "v0.3.0",
      minProviderVersion: "0.16.0-a0",
      reason: expect.stringMatching(/drop when they hash it, so they refuse the manifest \(422\)/),
    },
  ]);
  // The field really is in the manifest that would be hashed.
  expect(compiled.manifestJson).toContain('"tee":{"attestation":true,"type":"cpu"}');
});

test("proxy_buffer_size needs chain-sdk go v0.3.1, which no provider release uses yet", () => {
  const doc = baseSdl("2.1");
  services(doc).web!.expose = [
    { port: 80, to: [{ global: true }], http_options: { proxy_buffer_size: 16384 } },
  ];
  services(doc).api = {
    image: "api:1",
    expose: [
      { port: 81, to: [{ global: true }] },
      { port: 82, to: [{ global: true }], http_options: { proxy_buffer_size: 8192 } },
    ],
  };
  (doc.deployment as Doc).api = { dc: { profile: "small", count: 1 } };
  const compiled = compileSdl(toYaml(doc));
  expect(compiled.providerFeatures.map((f) => [f.feature, f.path, f.minProviderVersion])).toEqual([
    ["proxy-buffer-size", "services.api.expose[1].http_options.proxy_buffer_size", null],
    ["proxy-buffer-size", "services.web.expose[0].http_options.proxy_buffer_size", null],
  ]);
  expect(compiled.providerFeatures[0]!.reason).toMatch(/no provider release knows it yet$/);
  expect(compiled.manifestJson).toContain('"proxyBufferSize":8192');
});

test("proxy_buffer_size 0 is left out of the manifest and needs nothing", () => {
  const doc = baseSdl("2.1");
  services(doc).web!.expose = [{ port: 80, to: [{ global: true }], http_options: { proxy_buffer_size: 0 } }];
  const compiled = compileSdl(toYaml(doc));
  expect(compiled.providerFeatures).toEqual([]);
  expect(compiled.manifestJson).not.toContain("proxyBufferSize");
});

test("a service that is not deployed needs nothing", () => {
  const doc = baseSdl("2.1");
  services(doc).idle = { image: "idle:1", params: { tee: "cpu" } };
  expect(compileSdl(toYaml(doc)).providerFeatures).toEqual([]);
});
