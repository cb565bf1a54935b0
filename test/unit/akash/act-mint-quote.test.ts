/**
 * The BME's AKT→ACT arithmetic as node v2.1's prepareToBM does it (x/bme/keeper/burn_mint_test.go's cases use
 * AKT = $3.00), and its inverse: the smallest burn for a wanted amount.
 */
import { burnFor, decAtomics, mintedFor } from "../../../src/akash/adapters/cosmos/act-mint-quote";

const price = (text: string) => decAtomics(text)!;

test("minted = trunc(burn × price); the vault keeps trunc(minted × spread_bps / 10000)", () => {
  // 20 AKT at $3: 60 ACT, 25 bps = 150000 uact kept.
  expect(mintedFor(20_000_000n, price("3"), 25n)).toEqual({ minted: 60_000_000n, receive: 59_850_000n });
  // 1 uakt at $3 → 3 uact; the spread truncates to zero.
  expect(mintedFor(1n, price("3"), 25n)).toEqual({ minted: 3n, receive: 3n });
  // A price with 18 decimals keeps its precision: 7 uakt × 1.234567890123456789 = 8.64… → 8.
  expect(mintedFor(7n, price("1.234567890123456789"), 0n)).toEqual({ minted: 8n, receive: 8n });
});

test("burnFor is the smallest burn whose mint covers the wanted amount", () => {
  for (const [want, p, bps] of [
    [59_850_000n, "3", 25n],
    [10_000_000n, "2.5", 25n],
    [1n, "0.4", 25n],
    [123_456_789n, "1.2345", 100n],
  ] as const) {
    const burn = burnFor(want, price(p), bps);
    expect(mintedFor(burn, price(p), bps).receive).toBeGreaterThanOrEqual(want);
    expect(mintedFor(burn - 1n, price(p), bps).receive).toBeLessThan(want);
  }
  expect(burnFor(59_850_000n, price("3"), 25n)).toBe(20_000_000n);
});

test("decAtomics reads the chain's decimal strings", () => {
  expect(decAtomics("3")).toBe(3n * 10n ** 18n);
  expect(decAtomics("0.000000000000000001")).toBe(1n);
  expect(decAtomics("1e3")).toBeUndefined();
});
