import { readFileSync } from "node:fs";
import { join } from "node:path";
import { priceGroup, groupMaxPrice } from "../../../src/localnet/provider/pricing";
import { globMatch, matchesCapabilities, matchesPlacement } from "../../../src/localnet/provider/placement";
import { providerProfile } from "../../../src/localnet/provider/profiles";
import { Inventory } from "../../../src/localnet/provider/capacity";
import { formatDec } from "../../../src/localnet/provider/resource-values";
import { FIXTURES, sdlFromYaml } from "./fixtures";

const AUDITOR = "akash1y6gyn3qs6wtg5cjhmkwansty3rt3eprfy05sj8";

function sdl(
  opts: { gpu?: string; region?: string; signedBy?: string; amount?: number; storageClass?: string } = {},
) {
  const gpu = opts.gpu
    ? `
        gpu:
          units: 1
          attributes:
            vendor:
              nvidia:
                - model: ${opts.gpu}`
    : "";
  const storage = opts.storageClass
    ? `
          - size: 1Gi
          - name: data
            size: 10Gi
            attributes:
              persistent: true
              class: ${opts.storageClass}`
    : `
          - size: 1Gi`;
  const params = opts.storageClass
    ? `\n    params:\n      storage:\n        data:\n          mount: /data`
    : "";
  return sdlFromYaml(`
version: "2.0"
services:
  web:
    image: nginx
    expose:
      - port: 80
        as: 80
        to:
          - global: true${params}
profiles:
  compute:
    web:
      resources:
        cpu:
          units: 0.5
        memory:
          size: 512Mi
        storage:${storage}${gpu}
  placement:
    dc:
      attributes:
        region: ${opts.region ?? "us-west"}${opts.signedBy ? `\n      signedBy:\n        anyOf:\n          - ${opts.signedBy}` : ""}
      pricing:
        web:
          denom: uact
          amount: ${opts.amount ?? 1000}
deployment:
  web:
    dc:
      profile: web
      count: 2
`).groupSpecs[0]!;
}

/** chain-sdk's DecCoin codec decodes chain amounts to plain decimals, the form generateManifest produces too. */
const onChain = (spec: ReturnType<typeof sdl>) => spec;

describe("placement", () => {
  it("globs attribute keys like Go's filepath.Match", () => {
    expect(globMatch("region", "region")).toBe(true);
    expect(
      globMatch("capabilities/gpu/vendor/nvidia/model/*", "capabilities/gpu/vendor/nvidia/model/a100"),
    ).toBe(true);
    expect(globMatch("capabilities/*", "capabilities/gpu/vendor")).toBe(false);
    expect(globMatch("re?ion", "region")).toBe(true);
  });

  it("each provider serves only its region", () => {
    const p0 = providerProfile(0);
    const p1 = providerProfile(1);
    expect(matchesPlacement(sdl({ region: "us-west" }), p0.attributes, [])).toBe(true);
    expect(matchesPlacement(sdl({ region: "us-west" }), p1.attributes, [])).toBe(false);
    expect(matchesPlacement(sdl({ region: "eu-central" }), p1.attributes, [])).toBe(true);
  });

  it("signed_by requires the auditor's attestation", () => {
    const spec = sdl({ region: "us-west", signedBy: AUDITOR });
    const p0 = providerProfile(0);
    expect(matchesPlacement(spec, p0.attributes, [])).toBe(false);
    expect(matchesPlacement(spec, p0.attributes, [{ auditor: AUDITOR, attributes: p0.audited }])).toBe(true);
    expect(matchesPlacement(spec, p0.attributes, [{ auditor: "akash1other", attributes: p0.audited }])).toBe(
      false,
    );
  });

  it("GPU groups go only to providers with the model", () => {
    const gpuProvider = providerProfile(1);
    expect(matchesCapabilities(sdl({ gpu: "a100" }), gpuProvider.attributes)).toBe(true);
    expect(matchesCapabilities(sdl({ gpu: "h100" }), gpuProvider.attributes)).toBe(true);
    expect(matchesCapabilities(sdl({ gpu: "t4" }), gpuProvider.attributes)).toBe(false);
    expect(matchesCapabilities(sdl({ gpu: "a100" }), providerProfile(0).attributes)).toBe(false);
    expect(matchesCapabilities(sdl(), providerProfile(0).attributes)).toBe(true);
  });

  it("persistent storage needs the storage class", () => {
    expect(matchesCapabilities(sdl({ storageClass: "beta2" }), providerProfile(0).attributes)).toBe(true);
    expect(matchesCapabilities(sdl({ storageClass: "beta3" }), providerProfile(0).attributes)).toBe(false);
    expect(matchesCapabilities(sdl({ storageClass: "beta3" }), providerProfile(1).attributes)).toBe(true);
  });
});

describe("pricing", () => {
  it("prices from resources, below the order price, differently per provider", () => {
    const spec = onChain(sdl({ amount: 1000 }));
    expect(groupMaxPrice(spec)).toEqual({ denom: "uact", amount: 2000n * 10n ** 18n });
    const prices = [0, 1, 2].map((i) => priceGroup(spec, providerProfile(i).pricing));
    for (const p of prices) {
      expect(p.ok).toBe(true);
      if (p.ok) {
        expect(p.denom).toBe("uact");
        expect(p.amount).toBeLessThanOrEqual(2000n * 10n ** 18n);
        expect(p.amount).toBeGreaterThan(0n);
      }
    }
    const amounts = prices.map((p) => (p.ok ? p.amount : 0n));
    // provider 2 is the cheapest, provider 1 the dearest
    expect(amounts[2]! < amounts[0]! && amounts[0]! < amounts[1]!).toBe(true);
    // 2 × (500 millicpu × 0.05 + 512 MiB × 0.02 + 1024 MiB × 0.0005) + 1 endpoint × 1 = 72.504 for provider 0
    expect(formatDec(amounts[0]!)).toBe("72.504");
  });

  it("never bids above the order's price", () => {
    const cheap = onChain(sdl({ amount: 10 }));
    const result = priceGroup(cheap, providerProfile(0).pricing);
    expect(result.ok).toBe(false);
  });

  it("prices the SDL fixtures (storage classes, IP endpoints) without errors", () => {
    for (const name of ["storage-classes", "ip-endpoint", "multiple-services"]) {
      const { groupSpecs } = sdlFromYaml(readFileSync(join(FIXTURES, "v2.0", name, "input.yaml"), "utf8"));
      for (const spec of groupSpecs) {
        const result = priceGroup(onChain(spec), { ...providerProfile(0).pricing });
        expect(result.ok || /price too high/.test(result.reason)).toBe(true);
      }
    }
  });
});

describe("capacity", () => {
  it("reserves until the provider is full, and frees on release", () => {
    const inventory = new Inventory({
      cpuMillis: 1500n,
      memoryBytes: 10n ** 12n,
      storageBytes: 10n ** 13n,
      gpus: 0n,
    });
    const spec = sdl(); // 2 × 500 millicpu
    expect(inventory.reserve("a", spec)).toBe(true);
    expect(inventory.reserve("b", spec)).toBe(false);
    inventory.release("a");
    expect(inventory.reserve("b", spec)).toBe(true);
    expect(inventory.reserve("g", sdl({ gpu: "a100" }))).toBe(false);
  });
});
