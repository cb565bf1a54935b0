/**
 * akash_lease's validate-time and plan-time checks, through the provider server as terraform calls them: every
 * diagnostic of validateConfig, and modifyPlan's manifest-support error, reclamation and import warnings and
 * status handling. (Removing either hook turns these red: that is their purpose.)
 */
import type { Diagnostics } from "../../../../src/framework/diagnostics";
import { ProviderServer } from "../../../../src/framework/provider-server";
import type { ObjectValue } from "../../../../src/framework/values";
import { akashProvider } from "../../../../src/provider/akash-provider";
import { CompositionRoot } from "../../../../src/provider/composition-root";
import { compileSdl } from "../../../../src/sdl";
import { bidPolicyValue, nullLeaseAttributes } from "../../../support/lease-values";
import { webSdl } from "../../../support/web-sdl";

const server = () => new ProviderServer(akashProvider(new CompositionRoot({})));
const manifest = compileSdl(webSdl()).manifestJson;
const WEST = "akash1xw5are2qag70hxkxer8tsq3vnpdadmqvs95w0q";

function config(values: Record<string, unknown>, policy?: Record<string, unknown>): ObjectValue {
  const out: Record<string, unknown> = nullLeaseAttributes();
  Object.assign(out, { dseq: "42", manifest }, values);
  out.bid_policy = policy ? bidPolicyValue(policy as ObjectValue) : null;
  out.timeouts = null;
  return out as ObjectValue;
}

const summaries = (d: Diagnostics) => d.items.map((i) => `${i.severity}: ${i.summary}`);

describe("validateConfig", () => {
  const validate = (values: Record<string, unknown>, policy?: Record<string, unknown>) =>
    server().validateResourceConfig("akash_lease", config(values, policy));

  test("a plain lease is fine", async () => {
    expect((await validate({})).items).toEqual([]);
  });

  test.each([
    [{ wait: "soon" }, "error: Invalid duration"],
    [{ max_price: { uact: "cheap" } }, "error: Invalid max_price"],
    [{ max_price: { uakt: "100" } }, "error: max_price in a denom no bid uses"],
    [{ allowed_providers: [WEST], denied_providers: [WEST] }, "error: Provider both allowed and denied"],
    [{ strategy: "preferred" }, "warning: No preferred providers"],
  ])("bid_policy %j → %s", async (policy, expected) => {
    expect(summaries(await validate({}, policy))).toContain(expected);
  });

  test.each([
    [{ manifest: "not json" }, "error: Invalid manifest"],
    [{ manifest: '{"a":1}' }, "error: Invalid manifest"],
    [{ provider_auth: "mtls" }, "error: Incomplete mTLS settings"],
    [{ client_certificate_pem: "-----BEGIN CERTIFICATE-----" }, "error: Client certificate without mTLS"],
    [{ dseq: "12x" }, "error: Invalid dseq"],
  ])("%j → %s", async (values, expected) => {
    expect(summaries(await validate(values))).toContain(expected);
  });
});

describe("modifyPlan", () => {
  const plan = async (prior: ObjectValue | null, cfg: ObjectValue) =>
    server().planResourceChange("akash_lease", {
      prior,
      proposed: { ...(prior ?? {}), ...cfg },
      config: cfg,
    });
  const proxySdl = webSdl().replace(
    /(\n {6}- port: 80\n(?: {8}.*\n)*)/,
    (block) => `${block}        http_options:\n          proxy_buffer_size: 16384\n`,
  );
  const withProxy = compileSdl(proxySdl).manifestJson;

  test("a manifest field today's providers drop is an error at plan, unless the bid policy opts in", async () => {
    const refused = await plan(null, config({ manifest: withProxy }));
    expect(summaries(refused.diags)).toEqual(["error: Manifest field today's providers drop"]);
    expect(refused.diags.items[0]!.detail).toContain("service web: http_options.proxy_buffer_size");
    const opted = await plan(null, config({ manifest: withProxy }, { require_manifest_support: true }));
    expect(opted.diags.items).toEqual([]);
    expect((await plan(null, config({}))).diags.items).toEqual([]);
  });

  const prior = (values: Record<string, unknown>) =>
    config({
      id: `akash1owner/42/1/1/${WEST}`,
      owner: "akash1owner",
      oseq: 1,
      gseq: 1,
      provider_address: WEST,
      state: "active",
      services: [],
      uris: [],
      forwarded_ports: [],
      ips: [],
      leased_resources: [],
      provider_auth: "jwt",
      ...values,
    });

  test("a reclaiming lease warns when it will close", async () => {
    const result = await plan(
      prior({ state: "reclaiming", reclaim_deadline: "2026-12-03T00:00:00.000Z" }),
      config({ gseq: 1, provider_auth: "jwt" }),
    );
    expect(summaries(result.diags)).toEqual(["warning: Lease being reclaimed by its provider"]);
    expect(result.diags.items[0]!.detail).toContain("2026-12-03T00:00:00.000Z");
  });

  test("an imported lease whose manifest was not recovered says why its manifest changes", async () => {
    const result = await plan(prior({ manifest: null }), config({ gseq: 1, provider_auth: "jwt" }));
    expect(summaries(result.diags)).toEqual(["warning: Manifest of the imported lease not recovered"]);
  });

  test("status is kept unless the manifest changes, then it is unknown", async () => {
    const same = await plan(prior({ uris: ["a.example"] }), config({ gseq: 1, provider_auth: "jwt" }));
    expect(same.planned).toMatchObject({ state: "active", uris: ["a.example"] });
    const other = compileSdl(webSdl({ image: "nginx:2" })).manifestJson;
    const changed = await plan(
      prior({ uris: ["a.example"] }),
      config({ manifest: other, gseq: 1, provider_auth: "jwt" }),
    );
    expect(changed.planned?.uris).not.toEqual(["a.example"]);
    expect(changed.planned?.state).not.toBe("active");
  });

  test("an in-place update keeps the chain's reclamation window and deadline (the update returns the plan)", async () => {
    const reclaiming = prior({
      state: "reclaiming",
      reclamation_window: "55m23s",
      reclaim_deadline: "2026-12-03T00:00:00.000Z",
    });
    const other = compileSdl(webSdl({ image: "nginx:2" })).manifestJson;
    for (const cfg of [
      config({ gseq: 1, provider_auth: "jwt" }, { strategy: "cheapest" }), // e.g. after an import
      config({ manifest: other, gseq: 1, provider_auth: "jwt" }),
    ]) {
      const result = await plan(reclaiming, cfg);
      expect(result.diags.errors).toEqual([]);
      expect(result.planned).toMatchObject({
        reclamation_window: "55m23s",
        reclaim_deadline: "2026-12-03T00:00:00.000Z",
      });
    }
  });
});
