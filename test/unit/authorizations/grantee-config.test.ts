import { Diagnostics } from "../../../src/framework/diagnostics";
import { resolveProviderSettings, validateProviderConfig } from "../../../src/provider/config";

const A = "akash1ssr77atpazepv6t9h3k9suulqr84wrgfag5mjs";
const B = "akash1lusk547whyr6hw6xeufsx30m5cq6s6fwzfw09l";
const empty = { node: null, chain_id: null, mnemonic: null, gas_prices: null, gas_adjustment: null };

test("granter sets both; fee_granter / deposit_granter override; environment fills the rest", () => {
  expect(resolveProviderSettings({ ...empty, granter: A }, {})).toMatchObject({
    feeGranter: A,
    depositGranter: A,
  });
  expect(resolveProviderSettings({ ...empty, granter: A, fee_granter: B }, {})).toMatchObject({
    feeGranter: B,
    depositGranter: A,
  });
  expect(resolveProviderSettings(empty, { AKASH_GRANTER: A, AKASH_DEPOSIT_GRANTER: B })).toMatchObject({
    feeGranter: A,
    depositGranter: B,
  });
  const plain = resolveProviderSettings(empty, {});
  expect(plain.feeGranter).toBeUndefined();
  expect(plain.depositGranter).toBeUndefined();
});

test("granter addresses are checked", () => {
  const diags = new Diagnostics();
  validateProviderConfig({ ...empty, granter: "alice" }, diags);
  expect(diags.errors[0]).toMatchObject({ summary: "Invalid granter", path: ["granter"] });
  expect(() => resolveProviderSettings(empty, { AKASH_FEE_GRANTER: "bob" })).toThrow(
    /not an account address/,
  );
});
