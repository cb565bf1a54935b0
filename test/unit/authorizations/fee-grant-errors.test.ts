import { translateChainFailure } from "../../../src/akash/adapters/cosmos/error-translation";

const A = "akash1ssr77atpazepv6t9h3k9suulqr84wrgfag5mjs";
const B = "akash1lusk547whyr6hw6xeufsx30m5cq6s6fwzfw09l";

test.each([
  ["fee-grant not found: not found", "there is none"],
  ["basic allowance: fee allowance expired", "it has expired"],
  ["basic allowance: fee limit exceeded", "its spend limit is used up"],
])("grantee mode: a refused fee allowance names the granter and the grantee (%s)", (cause, says) => {
  const error = translateChainFailure({
    code: 38,
    codespace: "sdk",
    log: `${A} does not allow to pay fees for ${B}: ${cause}`,
  });
  expect(error.code).toBe("fee-allowance-unavailable");
  expect(error.message).toContain(`The fee allowance from ${A} to ${B} cannot pay this fee: ${says}`);
});
