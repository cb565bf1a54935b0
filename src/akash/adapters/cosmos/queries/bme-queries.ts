/**
 * The burn-mint equilibrium and the oracle it converts at: BME status and params (akash.bme.v1), the oracle's
 * aggregated price (akash.oracle.v2 `Query/AggregatedPrice`, REST `/akash/oracle/v2/aggregated_price/{denom}`,
 * whose messages are wire-identical to oracle v1's, which the installed chain-sdk has), and a quote of how much
 * AKT to burn for an amount of ACT.
 */
import type { ActMintQuote, BmeParams, BmeStatus, Coin, OraclePrice } from "../../../ports/chain";
import { ChainError } from "../../../ports/errors";
import { burnFor, decAtomics, mintedFor } from "../act-mint-quote";
import * as convert from "../convert";
import type { QueryCache } from "../query-coalescer";
import { bmeMinMint } from "../v21-fields";
import { messageAt } from "../v21-wire";
import type { QueryRunner } from "./query-runner";

const BME_STATUSES = ["unspecified", "healthy", "warning", "halt_cr", "halt_oracle"];

export class BmeQueries {
  constructor(
    private readonly runner: QueryRunner,
    private readonly cache: QueryCache,
  ) {}

  async status(): Promise<BmeStatus> {
    const res = await this.runner.query(
      "/akash.bme.v1.Query/Status",
      (p) => [p.v1.QueryStatusRequest, {}],
      (p) => p.v1.QueryStatusResponse,
    );
    return {
      status: BME_STATUSES[res.status] ?? String(res.status),
      mintsAllowed: res.mintsAllowed,
      refundsAllowed: res.refundsAllowed,
      collateralRatio: convert.trimDecimal(res.collateralRatio),
    };
  }

  params(): Promise<BmeParams> {
    return this.cache.shared("bme-params", async () => {
      const { value, bytes } = await this.runner.fetch(
        "/akash.bme.v1.Query/Params",
        (p) => [p.v1.QueryParamsRequest, {}],
        (p) => p.v1.QueryParamsResponse,
      );
      return {
        mintSpreadBps: value.params?.mintSpreadBps ?? 0,
        minMint: bmeMinMint(messageAt(bytes, 1)),
        minEpochBlocks: Number(value.params?.minEpochBlocks.toString() ?? "0"),
      };
    });
  }

  async oraclePrice(denom = "akt"): Promise<OraclePrice> {
    const res = await this.runner.query(
      "/akash.oracle.v2.Query/AggregatedPrice",
      (p) => [p.v1.QueryAggregatedPriceRequest, { denom }],
      (p) => p.v1.QueryAggregatedPriceResponse,
    );
    const price = res.aggregatedPrice;
    const health = res.priceHealth;
    return {
      denom,
      quote: "usd",
      price: convert.trimDecimal(price?.twap ?? "0"),
      median: convert.trimDecimal(price?.medianPrice ?? "0"),
      ...(price?.timestamp ? { timestamp: price.timestamp } : {}),
      healthy: health?.isHealthy ?? false,
      problems: health?.failureReason ?? [],
    };
  }

  async actMintQuote(want: Coin): Promise<ActMintQuote> {
    if (want.denom !== "uact") {
      throw new ChainError("invalid-request", `ACT mints are quoted in uact, not ${want.denom}.`);
    }
    const [oracle, params] = await Promise.all([this.oraclePrice("akt"), this.params()]);
    const price = decAtomics(oracle.price);
    if (!oracle.healthy || price === undefined || price === 0n) {
      throw new ChainError(
        "mint-unavailable",
        "ACT minting is paused: the chain's oracle price for AKT is stalled " +
          `(${oracle.problems.join("; ") || "no healthy price"}), so the BME cannot convert. Retry once the ` +
          "oracle has fresh prices, or fund the deposit with ACT you already hold or from a deposit authorization.",
      );
    }
    const spread = BigInt(params.mintSpreadBps);
    const burn = burnFor(want.amount, price, spread);
    const { minted, receive } = mintedFor(burn, price, spread);
    const minMint = params.minMint.find((c) => c.denom === "uact") ?? { denom: "uact", amount: 0n };
    return {
      burn: { denom: "uakt", amount: burn },
      receive: { denom: "uact", amount: receive },
      price: oracle.price,
      spreadBps: params.mintSpreadBps,
      belowMinimum: minted < minMint.amount,
      minMint,
    };
  }
}
