/** Group specs as chain-sdk protobuf objects: they must encode to what the chain expects. */
import { GroupSpec } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { compileSdl, groupSpecsToGoJson } from "../../../src/sdl";
import { validCases } from "./fixture-cases";

const fixture = validCases().find((c) => c.name === "v2.0/storage-classes")!;

test("protobuf objects round-trip through chain-sdk's codec back to the Go JSON form", () => {
  const compiled = compileSdl(fixture.yaml);
  const decoded = compiled.groupSpecs.map((g) => GroupSpec.decode(GroupSpec.encode(g).finish()));
  expect(groupSpecsToGoJson(decoded)).toEqual(compiled.groupSpecsGoJson);
});

test("prices are encoded as LegacyDec atomics and resource values as decimal text", () => {
  const compiled = compileSdl(fixture.yaml);
  const bytes = Buffer.from(GroupSpec.encode(compiled.groupSpecs[0]!).finish()).toString("latin1");
  expect(compiled.groupSpecs[0]!.resources[0]!.price).toEqual({
    denom: "uakt",
    amount: "400.000000000000000000",
  });
  expect(bytes).toContain("400000000000000000000"); // 400 × 10^18
  expect(bytes).toContain("21474836480"); // 20Gi volume
});

test("empty lists come back as Go prints a group spec read from chain", () => {
  const compiled = compileSdl(validCases().find((c) => c.name === "v2.0/pricing")!.yaml);
  const [goJson] = groupSpecsToGoJson(compiled.groupSpecs);
  expect(goJson!.requirements).toEqual({ signed_by: { all_of: null, any_of: null }, attributes: null });
});
