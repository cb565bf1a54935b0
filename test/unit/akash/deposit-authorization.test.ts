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

test("a legacy spend_limit next to spend_limits is added to them, as the chain draws it", () => {
  // field 1: Coin{uact, 5}; field 2: scopes [1, 2] (packed); field 3: Coin{uakt, 7}, Coin{uact, 10}
  const coin = (denom: string, amount: string) => {
    const d = Buffer.from(denom);
    const a = Buffer.from(amount);
    return [0x0a, d.length, ...d, 0x12, a.length, ...a];
  };
  const field = (tag: number, body: number[]) => [tag, body.length, ...body];
  const bytes = Uint8Array.from([
    ...field(0x0a, coin("uact", "5")),
    ...field(0x12, [0x01, 0x02]),
    ...field(0x1a, coin("uakt", "7")),
    ...field(0x1a, coin("uact", "10")),
  ]);
  expect(decodeDepositAuthorization(bytes)).toEqual({
    spendLimits: [
      { denom: "uact", amount: 15n },
      { denom: "uakt", amount: 7n },
    ],
    scopes: ["deployment", "bid"],
  });
});
