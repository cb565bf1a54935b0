/**
 * Provider versions → which 2026 manifest fields they keep, and which fields of a compiled manifest a provider
 * would not hash as sent. Version facts: the go/* tags of akash-network/chain-sdk (manifest-compatibility.ts).
 */
import {
  buildDependencyVersion,
  parseProviderVersion,
} from "../../../src/akash/adapters/gateway/provider-version";
import { manifestCapability, manifestFieldIssues } from "../../../src/akash/ports/manifest-compatibility";
import { compileSdl } from "../../../src/sdl";

const sdl = (opts: { proxyBufferSize?: number; tee?: boolean }) => `
version: "2.1"
services:
  web:
    image: nginx:1.25
    expose:
      - port: 80
        as: 80
        to:
          - global: true${opts.proxyBufferSize ? `\n        http_options:\n          proxy_buffer_size: ${opts.proxyBufferSize}` : ""}
      - port: 8080
        to:
          - global: true${opts.tee ? "\n    params:\n      tee: cpu" : ""}
profiles:
  compute:
    web:
      resources:
        cpu: { units: 1 }
        memory: { size: 1Gi }
        storage: { size: 1Gi }
  placement:
    dc:
      pricing:
        web: { denom: uact, amount: 1000 }
deployment:
  web:
    dc: { profile: web, count: 1 }
`;

test("chain-sdk go versions: which know proxyBufferSize and params.tee", () => {
  const of = (v: string) => {
    const c = manifestCapability(v);
    return [c.proxyBufferSize, c.tee];
  };
  expect(of("v0.2.16")).toEqual(["dropped", "dropped"]);
  expect(of("v0.2.14")).toEqual(["dropped", "dropped"]);
  expect(of("v0.2.15-rc1")).toEqual(["dropped", "kept"]);
  expect(of("v0.3.0-rc0")).toEqual(["dropped", "dropped"]);
  expect(of("v0.3.0")).toEqual(["dropped", "kept"]);
  expect(of("v0.3.1")).toEqual(["always-written", "kept"]);
  // Builds from main: before and after the omitempty fix of 2026-07-02 (55f1c683).
  expect(of("v0.3.2-0.20260701170000-bbd1c5ae1234")).toEqual(["always-written", "kept"]);
  expect(of("v0.3.2-0.20260702121717-55f1c6837f99")).toEqual(["kept", "kept"]);
  expect(of("v0.4.0-a1")).toEqual(["dropped", "dropped"]);
  expect(of("v0.4.0-a6")).toEqual(["dropped", "kept"]);
  expect(of("v1.0.0")).toEqual(["unknown", "unknown"]);
  expect(manifestCapability(undefined)).toEqual({ proxyBufferSize: "unknown", tee: "unknown" });
});

test("the fields a provider would drop (or add) in a compiled manifest", () => {
  const released = manifestCapability("v0.2.16");
  const plain = compileSdl(sdl({})).manifestJson;
  const both = compileSdl(sdl({ proxyBufferSize: 65536, tee: true })).manifestJson;
  expect(manifestFieldIssues(plain, released)).toEqual([]);
  expect(manifestFieldIssues(both, released)).toEqual([
    {
      group: "dc",
      service: "web",
      path: "[0].services[0].expose[0].httpOptions.proxyBufferSize",
      field: "proxyBufferSize",
      change: "dropped",
    },
    { group: "dc", service: "web", path: "[0].services[0].params.tee", field: "tee", change: "dropped" },
  ]);
  expect(manifestFieldIssues(both, manifestCapability("v0.3.2-0.20260702121717-55f1c6837f99"))).toEqual([]);
  // v0.3.1 writes proxyBufferSize: 0 into every expose that lacks it: even a plain manifest hashes differently.
  expect(manifestFieldIssues(plain, manifestCapability("v0.3.1")).map((i) => [i.path, i.change])).toEqual([
    ["[0].services[0].expose[0].httpOptions.proxyBufferSize", "added"],
    ["[0].services[0].expose[1].httpOptions.proxyBufferSize", "added"],
  ]);
  expect(manifestFieldIssues(both, manifestCapability(undefined)).map((i) => i.change)).toEqual([
    "maybe-dropped",
    "maybe-dropped",
  ]);
});

test("GET /version: the provider's build, and the chain-sdk version from Go's build info", () => {
  const deps = [
    "github.com/cosmos/cosmos-sdk@v0.53.6 => github.com/akash-network/cosmos-sdk@v0.53.6-akash.1",
    "pkg.akt.dev/go/cli@v0.2.4",
    "pkg.akt.dev/go@v0.2.16",
  ];
  expect(buildDependencyVersion(deps, "pkg.akt.dev/go")).toBe("v0.2.16");
  expect(buildDependencyVersion(deps, "github.com/cosmos/cosmos-sdk")).toBe("v0.53.6-akash.1");
  expect(buildDependencyVersion(["pkg.akt.dev/go/sdl@v0.2.2"], "pkg.akt.dev/go")).toBeUndefined();
  const version = parseProviderVersion(
    JSON.stringify({
      akash: { version: "v0.14.1-rc1", commit: "e1ea72a", cosmos_sdk_version: "v0.53.6", build_deps: deps },
      kube: { gitVersion: "v1.34.1" },
    }),
    "Provider p",
  );
  expect(version).toEqual({
    version: "v0.14.1-rc1",
    commit: "e1ea72a",
    cosmosSdk: "v0.53.6",
    kubernetes: "v1.34.1",
    manifest: { chainSdkGo: "v0.2.16", proxyBufferSize: "dropped", tee: "dropped" },
  });
  expect(() => parseProviderVersion("<html>", "Provider p")).toThrow("not JSON");
  expect(() => parseProviderVersion("{}", "Provider p")).toThrow("without akash.version");
});
