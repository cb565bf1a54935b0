/**
 * akash_deployment's planning rules, which decide between "update in place" and "replace": run on real SDL, no
 * chain involved (the plan is a pure function of prior state and configuration).
 */
import { Diagnostics } from "../../../src/framework/diagnostics";
import type { AttributePath } from "../../../src/framework/diagnostics";
import { isUnknown, type ObjectValue } from "../../../src/framework/values";
import { deploymentResource } from "../../../src/resources/deployment/deployment-resource";
import { compileSdl } from "../../../src/sdl";
import { webSdl } from "../../support/web-sdl";

/** The state after a create with `text` (what read returns, minus the chain-only values). */
function priorFor(text: string, extra: ObjectValue = {}): ObjectValue {
  const compiled = compileSdl(text);
  return {
    sdl: text,
    deposit: "5000000uact",
    id: "akash1owner/42",
    owner: "akash1owner",
    dseq: "42",
    hash: compiled.hashHex,
    manifest_json: compiled.manifestJson,
    group_specs_json: JSON.stringify(compiled.groupSpecsGoJson),
    groups: compiled.placements,
    services: compiled.services,
    state: "active",
    group_states: ["open"],
    balance: "4999000uact",
    runway: "15h",
    ...extra,
  };
}

async function plan(prior: ObjectValue | null, config: ObjectValue) {
  const planned: ObjectValue = { ...(prior ?? {}), ...config };
  const replace: { path: AttributePath; reason: string }[] = [];
  await deploymentResource.modifyPlan!({
    prior,
    planned,
    config,
    provider: undefined,
    diags: new Diagnostics(),
    requireReplace: (path, reason) => replace.push({ path, reason }),
  });
  return { planned, replace };
}

test("a new deployment's computed attributes come from the SDL at plan time", async () => {
  const text = webSdl();
  const { planned, replace } = await plan(null, { sdl: text, deposit: "5000000uact" });
  const compiled = compileSdl(text);
  expect(planned).toMatchObject({
    hash: compiled.hashHex,
    manifest_json: compiled.manifestJson,
    groups: ["dc"],
    services: ["web"],
  });
  expect(replace).toEqual([]);
});

test("nothing changed: the escrow values stay as refreshed, nothing is unknown", async () => {
  const prior = priorFor(webSdl());
  const { planned, replace } = await plan(prior, { sdl: prior.sdl!, deposit: "5000000uact" });
  expect(replace).toEqual([]);
  expect(planned).toMatchObject({
    state: "active",
    balance: "4999000uact",
    runway: "15h",
    group_states: ["open"],
  });
});

test("an image change is an in-place manifest update with a fresh balance to come", async () => {
  const prior = priorFor(webSdl());
  const next = webSdl({ image: "nginx:1.28" });
  const { planned, replace } = await plan(prior, { sdl: next, deposit: "5000000uact" });
  expect(replace).toEqual([]);
  expect(planned.hash).toBe(compileSdl(next).hashHex);
  expect(planned.hash).not.toBe(prior.hash);
  expect(isUnknown(planned.balance)).toBe(true);
  expect(isUnknown(planned.state)).toBe(true);
});

test("raising the deposit is in place; lowering it changes nothing", async () => {
  const prior = priorFor(webSdl());
  const raised = await plan(prior, { sdl: prior.sdl!, deposit: "6000000uact" });
  expect(raised.replace).toEqual([]);
  expect(isUnknown(raised.planned.balance)).toBe(true);
  const lowered = await plan(prior, { sdl: prior.sdl!, deposit: "1000000uact" });
  expect(lowered.planned.balance).toBe("4999000uact");
});

test("a resources change replaces the deployment and says why", async () => {
  const prior = priorFor(webSdl());
  const { replace } = await plan(prior, { sdl: webSdl({ cpu: "1" }), deposit: "5000000uact" });
  expect(replace).toHaveLength(1);
  expect(replace[0]!.path).toEqual(["sdl"]);
  expect(replace[0]!.reason).toContain("the deployment's groups changed");
});

test("a group paused by its provider keeps the deployment: the lease reopens the group", async () => {
  const prior = priorFor(webSdl(), { group_states: ["paused"] });
  const { planned, replace } = await plan(prior, { sdl: prior.sdl!, deposit: "5000000uact" });
  expect(replace).toEqual([]);
  expect(planned.group_states).toEqual(["paused"]);
  expect(planned.dseq).toBe("42");
});

test("an imported deployment (no SDL in state) with the same groups is filled in, not replaced", async () => {
  const prior = priorFor(webSdl(), { sdl: null, deposit: null, manifest_json: null, services: null });
  const { planned, replace } = await plan(prior, { sdl: webSdl(), deposit: "5000000uact" });
  expect(replace).toEqual([]);
  expect(planned.manifest_json).toBe(compileSdl(webSdl()).manifestJson);
  expect(planned.balance).toBe("4999000uact");
});

describe("validateConfig", () => {
  async function validate(config: ObjectValue) {
    const diags = new Diagnostics();
    await deploymentResource.validateConfig!(config, diags);
    return diags.items.map((d) => d.summary);
  }

  test("uakt pricing, a foreign deposit denom and a non-coin deposit", async () => {
    expect(await validate({ sdl: webSdl({ denom: "uakt" }), deposit: "5000000uakt" })).toEqual([
      "Deployments must be priced in uact",
    ]);
    expect(await validate({ sdl: webSdl(), deposit: "5000000uakt" })).toEqual([
      "Deposit denom does not match the SDL pricing",
    ]);
    expect(await validate({ sdl: webSdl(), deposit: "five" })).toEqual(["Invalid deposit"]);
    expect(await validate({ sdl: webSdl(), deposit: "0uact" })).toEqual(["Invalid deposit"]);
    expect(await validate({ sdl: webSdl(), deposit: "5000000uact" })).toEqual([]);
  });

  test("an invalid SDL reports each problem at its SDL path", async () => {
    const diags = new Diagnostics();
    await deploymentResource.validateConfig!({ sdl: webSdl().replace("port: 80\n", "port: 0\n") }, diags);
    expect(diags.items[0]).toMatchObject({ summary: "Invalid SDL", path: ["sdl"] });
    expect(diags.items[0]!.detail).toMatch(/^SDL services\.web\.expose\[0\]\.port: /);
  });
});
