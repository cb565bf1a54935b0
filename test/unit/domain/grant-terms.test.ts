import { Diagnostics } from "../../../src/framework/diagnostics";
import {
  checkCoinList,
  checkExpiration,
  coinList,
  coinStrings,
  expirationValue,
  parseGrantImportId,
  requireGranter,
} from "../../../src/domain/grant-terms";

const A = "akash1ssr77atpazepv6t9h3k9suulqr84wrgfag5mjs";
const B = "akash1lusk547whyr6hw6xeufsx30m5cq6s6fwzfw09l";

test("coin lists: each bad entry is reported at its index", () => {
  const diags = new Diagnostics();
  checkCoinList(["5uact", "x", "0uakt", "7uact"], ["spend_limits"], diags);
  expect(diags.errors.map((d) => [d.summary, d.path])).toEqual([
    ["Invalid coin", ["spend_limits", 1]],
    ["Invalid coin", ["spend_limits", 2]],
    ["Duplicate denom", ["spend_limits", 3]],
  ]);
  expect(coinList(["50000000uact", "2uakt"])).toEqual([
    { denom: "uact", amount: 50_000_000n },
    { denom: "uakt", amount: 2n },
  ]);
  expect(
    coinStrings([
      { denom: "uakt", amount: 2n },
      { denom: "uact", amount: 1n },
    ]),
  ).toEqual(["1uact", "2uakt"]);
});

test("expirations: RFC 3339, in the future; the user's spelling survives a round trip", () => {
  const diags = new Diagnostics();
  checkExpiration("2020-01-01T00:00:00Z", ["expiration"], diags);
  checkExpiration("tomorrow", ["expiration"], diags);
  checkExpiration("2999-01-01T00:00:00+02:00", ["expiration"], diags);
  expect(diags.errors.map((d) => d.summary)).toEqual(["Expiration in the past", "Invalid expiration"]);
  const chain = new Date("2998-12-31T22:00:00Z");
  expect(expirationValue("2999-01-01T00:00:00+02:00", chain)).toBe("2999-01-01T00:00:00+02:00");
  expect(expirationValue("2999-02-01T00:00:00Z", chain)).toBe("2998-12-31T22:00:00Z");
  expect(expirationValue("2999-02-01T00:00:00Z", undefined)).toBeNull();
});

test("import IDs and who may grant", () => {
  expect(parseGrantImportId(B)).toEqual({ grantee: B });
  expect(parseGrantImportId(`${A}/${B}`)).toEqual({ granter: A, grantee: B });
  expect(() => parseGrantImportId("nope")).toThrow(/<granter>\/<grantee>/);
  expect(() => requireGranter(A, B, A, "fee allowance")).toThrow(/belongs to granter/);
  expect(() => requireGranter(A, A, A, "fee allowance")).toThrow(/cannot grant to itself/);
  expect(() => requireGranter(A, A, B, "fee allowance")).not.toThrow();
});
