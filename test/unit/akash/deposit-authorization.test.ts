import {
  decodeDepositAuthorization,
  encodeDepositAuthorization,
} from "../../../src/akash/adapters/cosmos/deposit-authorization";

test("spend_limits (field 3) and scopes round-trip; the deprecated spend_limit stays empty", () => {
  const bytes = encodeDepositAuthorization(
    [
      { denom: "uact", amount: 5_000_000n },
      { denom: "uakt", amount: 7n },
    ],
    ["deployment", "bid"],
  );
  expect(bytes[0]).toBe(0x12); // field 2 (scopes) first: no field 1
  expect(decodeDepositAuthorization(bytes)).toEqual({
    spendLimits: [
      { denom: "uact", amount: 5_000_000n },
      { denom: "uakt", amount: 7n },
    ],
    scopes: ["deployment", "bid"],
  });
});

test("a legacy grant with only spend_limit is read as one spend limit", () => {
  // field 1: Coin{denom:"uakt", amount:"5"}; field 2: scopes [1] (unpacked)
  const legacy = Uint8Array.from([
    0x0a,
    0x09,
    0x0a,
    0x04,
    ...Buffer.from("uakt"),
    0x12,
    0x01,
    0x35,
    0x10,
    0x01,
  ]);
  expect(decodeDepositAuthorization(legacy)).toEqual({
    spendLimits: [{ denom: "uakt", amount: 5n }],
    scopes: ["deployment"],
  });
});
