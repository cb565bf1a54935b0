/** AkashCiFunding: a deposit authorization and a fee allowance from the granter's provider to a CI key. */
import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest";
import { AkashCiFunding, AkashProvider, DepositAuthorization, FeeAllowance } from "../../../constructs";

Testing.setupJest();

const CI = "akash10l98q3gww2cvapuqq3g09hsnqklmghma93h9xa";

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), "test");
  new AkashProvider(s, "akash", {});
  return s;
}

test("grants deposits up to the limit and fees, both from the given provider, with expiration and a period", () => {
  const s = stack();
  const granter = new AkashProvider(s, "granter", { alias: "granter" });
  const funding = new AkashCiFunding(s, "ci", {
    provider: granter,
    grantee: CI,
    depositLimit: "50000000uact",
    feeLimit: "5000000uakt",
    feePeriod: { period: "24h", limit: "1000000uakt" },
    expiration: "2027-01-01T00:00:00Z",
  });
  new TerraformOutput(s, "granter_address", { value: funding.granter });
  const synthesized = Testing.synth(s, true);
  expect(synthesized).toHaveResourceWithProperties(DepositAuthorization, {
    provider: "akash.granter",
    grantee: CI,
    spend_limits: ["50000000uact"],
    scopes: ["deployment"],
    expiration: "2027-01-01T00:00:00Z",
  });
  expect(synthesized).toHaveResourceWithProperties(FeeAllowance, {
    provider: "akash.granter",
    grantee: CI,
    spend_limit: ["5000000uakt"],
    period: "24h",
    period_spend_limit: ["1000000uakt"],
    expiration: "2027-01-01T00:00:00Z",
  });
  const parsed = JSON.parse(synthesized) as { output: Record<string, { value: string }> };
  expect(parsed.output.granter_address!.value).toMatch(
    /^\$\{akash_deposit_authorization\.ci_deposits_[0-9A-F]+\.granter\}$/,
  );
});

test("without fee limits the allowance is unlimited (no spend_limit, no period)", () => {
  const s = stack();
  new AkashCiFunding(s, "ci", { grantee: CI, depositLimit: "1000000uact" });
  const parsed = JSON.parse(Testing.synth(s, true)) as {
    resource: { akash_fee_allowance: Record<string, Record<string, unknown>> };
  };
  const allowance = Object.values(parsed.resource.akash_fee_allowance)[0]!;
  expect(allowance.spend_limit).toBeUndefined();
  expect(allowance.period).toBeUndefined();
  expect(allowance.grantee).toBe(CI);
});

test("mistakes are reported at synth time with the fix", () => {
  const s = stack();
  const funding = new AkashCiFunding(s, "ci", {
    grantee: "bob",
    depositLimit: "50 ACT",
    feeLimit: "5000000uact",
    feePeriod: { period: "daily", limit: "1uakt" },
    expiration: "next year",
  });
  expect(funding.node.validate()).toEqual([
    'grantee "bob" is not an account address (akash1…)',
    'depositLimit "50 ACT" must be an amount of uact, e.g. 50000000uact (50 ACT)',
    'feeLimit "5000000uact" must be an amount of uakt (fees are paid in AKT), e.g. 5000000uakt',
    'feePeriod.period "daily" is not a duration; write e.g. 24h',
    'expiration "next year" is not an RFC 3339 time, e.g. 2027-01-01T00:00:00Z',
  ]);
  expect(() => Testing.synth(s, true)).toThrow(/grantee "bob" is not an account address/);
});
