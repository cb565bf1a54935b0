/**
 * The localnet's oracle and BME through real cosmjs clients. Cases follow node v2.1's x/bme/keeper/burn_mint_test.go
 * (conversion at the oracle price with epsilon, min_mint and spread) and x/oracle + x/bme keepers (a stalled price
 * fails MsgMintACT and the Status query with oracle.v2 "price stalled"; pending mints wait and run once the price
 * recovers). Not covered: retries after bank failures (the localnet's bank cannot fail a mint).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SigningStargateClient } from "@cosmjs/stargate";
import type { CometClient } from "@cosmjs/tendermint-rpc";
import {
  QueryAggregatedPriceRequest,
  QueryAggregatedPriceResponse,
  QueryLedgerRecordsRequest,
  QueryStatusRequest,
  QueryStatusResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { defaultGenesis, startChain, type ChainHandle } from "../../../src/localnet/chain";
import { localnetKeys } from "../../../src/localnet/keys";
import { listItems, readBmeParamsExtras } from "../../../src/localnet/chain/modules/akash/v21/records";
import { messageAt, signedAt, stringsAt } from "../../../src/localnet/chain/modules/akash/v21/wire";
import { eventually } from "../../support/eventually";
import { deliver, rawQuerier, v21Client, type BlockOutcome } from "./support/v21-client";

const MIN_EPOCH_BLOCKS = 30;
const tenant = localnetKeys.testAccount();

let dataDir: string;
let chain: ChainHandle;
let comet: CometClient;
let raw: (path: string, request: Uint8Array) => Promise<Uint8Array>;
let client: SigningStargateClient;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "akash-localnet-oracle-"));
  const spec = defaultGenesis();
  const genesis = {
    ...spec,
    modules: { ...spec.modules, bme: { minEpochBlocks: MIN_EPOCH_BLOCKS }, oracle: { aktPrice: "3" } },
  };
  chain = await startChain({ dataDir, port: 0, blockTimeMs: 100, genesis });
  ({ comet, raw } = await rawQuerier(chain.rpcUrl));
  client = await v21Client(chain.rpcUrl, tenant.mnemonic);
});

afterAll(async () => {
  client?.disconnect();
  comet?.disconnect();
  await chain?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const convert = (typeUrl: string, denom: string, amount: bigint) => ({
  typeUrl,
  value: { owner: tenant.address, to: tenant.address, coinsToBurn: { denom, amount: amount.toString() } },
});
const mintAct = (uakt: bigint) => convert("/akash.bme.v1.MsgMintACT", "uakt", uakt);
const burnAct = (uact: bigint) => convert("/akash.bme.v1.MsgBurnACT", "uact", uact);

const balance = async (denom: string) => BigInt((await client.getBalance(tenant.address, denom)).amount);

function expectOk(outcome: BlockOutcome): void {
  expect({ code: outcome.code, log: outcome.log }).toEqual({ code: 0, log: "" });
}

/** LedgerRecords entries as (status, canceled reason) for one record id height. */
async function ledgerEntry(height: number): Promise<{ status: number; cancelReason: number }[]> {
  const response = await raw(
    "/akash.bme.v1.Query/LedgerRecords",
    QueryLedgerRecordsRequest.encode(
      QueryLedgerRecordsRequest.fromPartial({ filters: { source: tenant.address } }),
    ).finish(),
  );
  return listItems(response)
    .filter((entry) => signedAt(messageAt(entry, 1)!, 4) === BigInt(height))
    .map((entry) => ({
      status: Number(signedAt(entry, 2)),
      cancelReason: Number(signedAt(messageAt(entry, 5) ?? new Uint8Array(), 2)),
    }));
}

const statusQuery = () =>
  raw("/akash.bme.v1.Query/Status", QueryStatusRequest.encode({}).finish()).then((b) =>
    QueryStatusResponse.decode(b),
  );

describe("conversion at the oracle price", () => {
  it("serves the AKT price and health the BME converts at; ACT is not stored (pegged)", async () => {
    const price = QueryAggregatedPriceResponse.decode(
      await raw(
        "/akash.oracle.v2.Query/AggregatedPrice",
        QueryAggregatedPriceRequest.encode({ denom: "akt" }).finish(),
      ),
    );
    expect(price.aggregatedPrice?.twap).toBe("3");
    expect(price.priceHealth?.isHealthy).toBe(true);
    await expect(
      raw(
        "/akash.oracle.v2.Query/AggregatedPrice",
        QueryAggregatedPriceRequest.encode({ denom: "act" }).finish(),
      ),
    ).rejects.toThrow("Query failed with (18): collections: not found");
    const params = readBmeParamsExtras(
      messageAt(await raw("/akash.bme.v1.Query/Params", new Uint8Array()), 1)!,
    );
    expect(params).toEqual({ minMint: [{ denom: "uact", amount: "10000000" }], maxPendingAttempts: 3 });
  });

  it("mints AKT × price minus the 25 bps spread, cancels mints below min_mint and burns that truncate to zero", async () => {
    const uact = await balance("uact");
    const uakt = await balance("uakt");
    // 20 AKT at $3: 60 ACT minted, 0.25% (150000 uact) stays in the vault.
    const minted = await deliver(comet, client, tenant.address, [mintAct(20_000_000n)]);
    expectOk(minted);
    // 3 AKT = 9 ACT < min_mint (10 ACT): canceled and refunded at the epoch.
    const small = await deliver(comet, client, tenant.address, [mintAct(3_000_000n)]);
    expectOk(small);
    // 3 uact → 0.999… uakt truncates to zero (epsilon); 4 uact → 1 uakt; 1 ACT → 333333 uakt (no settle spread).
    const epsilon = await deliver(comet, client, tenant.address, [burnAct(3n)]);
    const four = await deliver(comet, client, tenant.address, [burnAct(4n)]);
    const oneAct = await deliver(comet, client, tenant.address, [burnAct(1_000_000n)]);
    for (const outcome of [epsilon, four, oneAct]) expectOk(outcome);
    await eventually(
      "an epoch to execute or cancel every record",
      async () => {
        for (const outcome of [minted, small, epsilon, four, oneAct]) {
          if ((await ledgerEntry(outcome.height)).some((e) => e.status === 1)) return false;
        }
        return true;
      },
      { timeoutMs: 20_000 },
    );
    expect(await ledgerEntry(minted.height)).toEqual([{ status: 2, cancelReason: 0 }]);
    expect(await ledgerEntry(small.height)).toEqual([{ status: 3, cancelReason: 6 }]); // minimum_mint
    expect(await ledgerEntry(epsilon.height)).toEqual([{ status: 3, cancelReason: 1 }]); // epsilon
    const fees = 5n * 50_000n;
    expect(await balance("uact")).toBe(uact + 59_850_000n - 4n - 1_000_000n);
    expect(await balance("uakt")).toBe(uakt - 20_000_000n + 1n + 333_333n - fees);
  });
});

describe("a stalled oracle", () => {
  it("fails the Status query and MsgMintACT with oracle.v2 'price stalled'; pending mints wait for recovery", async () => {
    // Right after an epoch has run, queue a mint; then stall the feed well before the next epoch.
    const before = await balance("uact");
    const queued = await deliver(comet, client, tenant.address, [mintAct(20_000_000n)]);
    expectOk(queued);
    const feed = chain.actions.oracle.setFeed({ stalled: true });
    expect(feed.pending).toEqual({ stalled: true });
    await eventually("the price to turn unhealthy", async () => !chain.actions.oracle.feed().healthy);

    await expect(statusQuery()).rejects.toThrow("Query failed with (6): price stalled: unknown request");
    const rejected = await deliver(comet, client, tenant.address, [mintAct(20_000_000n)]);
    expect({ codespace: rejected.codespace, code: rejected.code, log: rejected.log }).toEqual({
      codespace: "oracle.v2",
      code: 4,
      log: "failed to execute message; message index: 0: price stalled",
    });
    await expect(client.signAndBroadcast(tenant.address, [mintAct(20_000_000n)], "auto")).rejects.toThrow(
      "failed to execute message; message index: 0: price stalled",
    );
    const staled = await eventually("the EventPriceStaled end-block event", async () => {
      const height = chain.height();
      for (let h = height; h > height - 20n && h > 0n; h--) {
        const results = await comet.blockResults(Number(h));
        // The localnet reports CometBFT 0.38, whose block results carry finalize_block_events.
        const events = "finalizeBlockEvents" in results ? results.finalizeBlockEvents : [];
        if (events.some((e) => e.type === "akash.oracle.v2.EventPriceStaled")) return true;
      }
      return false;
    });
    expect(staled).toBe(true);

    // Two epochs pass: the queued mint stays pending while minting is halted.
    const stalledAt = chain.height();
    await chain.waitForHeight(stalledAt + BigInt(2 * MIN_EPOCH_BLOCKS), 30_000);
    expect(await ledgerEntry(queued.height)).toEqual([{ status: 1, cancelReason: 0 }]);
    expect(await balance("uact")).toBe(before);

    chain.actions.oracle.setFeed({ stalled: false, aktPrice: "2.5" });
    await eventually("the price to recover", async () => chain.actions.oracle.feed().healthy);
    expect((await statusQuery()).mintsAllowed).toBe(true);
    expect(chain.actions.oracle.feed().aktPrice).toBe("2.5");
    // The pending mint runs at the price of its epoch: 20 AKT × 2.5 = 50 ACT, less 0.25%.
    await eventually(
      "the pending mint to execute",
      async () => (await ledgerEntry(queued.height))[0]?.status === 2,
      { timeoutMs: 20_000 },
    );
    expect(await balance("uact")).toBe(before + 49_875_000n);
  });
});

describe("ledger records", () => {
  it("reports canceled records with the chain's cancel reason", async () => {
    const response = await raw(
      "/akash.bme.v1.Query/LedgerRecords",
      QueryLedgerRecordsRequest.encode(
        QueryLedgerRecordsRequest.fromPartial({ filters: { status: "ledger_record_status_canceled" } }),
      ).finish(),
    );
    const canceled = listItems(response).map((entry) => ({
      status: Number(signedAt(entry, 2)),
      owner: stringsAt(messageAt(entry, 5)!, 1)[0],
    }));
    expect(canceled.length).toBeGreaterThanOrEqual(2);
    expect(canceled.every((c) => c.status === 3 && c.owner === tenant.address)).toBe(true);
    await expect(
      raw(
        "/akash.bme.v1.Query/LedgerRecords",
        QueryLedgerRecordsRequest.encode(
          QueryLedgerRecordsRequest.fromPartial({ filters: { status: "bogus" } }),
        ).finish(),
      ),
    ).rejects.toThrow("invalid status filter value");
  });
});
