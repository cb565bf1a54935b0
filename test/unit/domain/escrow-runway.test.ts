import type { EscrowAccount, Lease } from "../../../src/akash/ports/chain";
import { escrowRunway, formatDuration, fromFixed18, toFixed18 } from "../../../src/domain/escrow-runway";

function escrow(funds: string, settledAt: bigint, denom = "uact"): EscrowAccount {
  return {
    state: "open",
    funds: [{ denom, amount: funds }],
    transferred: [],
    settledAt,
    deposits: [],
  };
}

function lease(price: string, state: Lease["state"] = "active", denom = "uact"): Lease {
  return {
    id: { owner: "akash1owner", dseq: 1n, gseq: 1, oseq: 1, provider: "akash1provider", bseq: 0 },
    state,
    price: { denom, amount: price },
    createdAt: 1n,
    closedOn: 0n,
    closedReason: "",
  };
}

describe("fixed-point decimals", () => {
  test.each([
    ["0", 0n],
    ["1", 10n ** 18n],
    ["12.5", 125n * 10n ** 17n],
    ["0.000000000000000001", 1n],
    ["-2.25", -225n * 10n ** 16n],
    [".5", 5n * 10n ** 17n],
  ])("%s", (text, value) => {
    expect(toFixed18(text)).toBe(value);
  });

  test("digits beyond 18 decimals are truncated", () => {
    expect(toFixed18("1.0000000000000000019")).toBe(10n ** 18n + 1n);
  });

  test("round trip to the shortest text", () => {
    for (const text of ["0", "7", "12.5", "4812000.0544", "0.000000000000000001", "-3.1"]) {
      expect(fromFixed18(toFixed18(text))).toBe(text);
    }
    expect(fromFixed18(toFixed18("1.500"))).toBe("1.5");
  });
});

describe("escrowRunway", () => {
  test("subtracts what active leases accrued since the last settlement", () => {
    const runway = escrowRunway(escrow("1000", 100n), [lease("2.5"), lease("1.5")], 110n, "uact");
    // 10 blocks × 4 uact/block = 40 accrued; 960 left lasts 240 blocks.
    expect(runway).toEqual({ denom: "uact", balance: "960", ratePerBlock: "4", blocksLeft: 240n });
  });

  test("closed leases and other denoms do not count", () => {
    const leases = [lease("3", "closed"), lease("2", "insufficient_funds"), lease("7", "active", "uakt")];
    const runway = escrowRunway(escrow("500", 10n), leases, 20n, "uact");
    expect(runway).toEqual({ denom: "uact", balance: "500", ratePerBlock: "0", blocksLeft: undefined });
  });

  test("never goes below zero when the escrow is overdrawn", () => {
    const runway = escrowRunway(escrow("10", 0n), [lease("3")], 50n, "uact");
    expect(runway.balance).toBe("0");
    expect(runway.blocksLeft).toBe(0n);
  });

  test("fractional prices and balances stay exact", () => {
    const runway = escrowRunway(escrow("4999162.0544", 5n), [lease("22.0512")], 6n, "uact");
    expect(runway.balance).toBe("4999140.0032");
    expect(runway.blocksLeft).toBe(226706n); // floor(4999140.0032 / 22.0512 = 226706.03)
  });

  test("a height before the settlement (stale query) accrues nothing", () => {
    expect(escrowRunway(escrow("100", 50n), [lease("1")], 40n, "uact").balance).toBe("100");
  });

  test("no funds in the denom means an empty balance", () => {
    expect(escrowRunway(escrow("100", 0n, "uakt"), [lease("1")], 0n, "uact").balance).toBe("0");
  });
});

describe("formatDuration", () => {
  test.each([
    [0, "0m"],
    [59, "0m"],
    [42 * 60, "42m"],
    [5 * 3600 + 12 * 60, "5h12m"],
    [3 * 86400 + 4 * 3600 + 59 * 60, "3d4h"],
    [-1, "unknown"],
    [Number.POSITIVE_INFINITY, "unknown"],
  ])("%d seconds → %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
