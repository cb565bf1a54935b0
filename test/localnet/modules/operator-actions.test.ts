/**
 * The control API's operator actions on a whole localnet (chain + a provider), over HTTP as curl would use them:
 * a provider that offers a reclamation window starts reclaiming a lease and closes it once the window has passed
 * (it cannot close it before: v2.1), and the oracle's price feed is stalled and resumed.
 */
import type { SigningStargateClient } from "@cosmjs/stargate";
import type { CometClient } from "@cosmjs/tendermint-rpc";
import { Lease } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { QueryBidsRequest, QueryLeaseRequest } from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import type { Localnet } from "../../../src/localnet/network";
import {
  listItems,
  readBidReclamationWindow,
  readLeaseReclamation,
} from "../../../src/localnet/chain/modules/akash/v21/records";
import { messageAt } from "../../../src/localnet/chain/modules/akash/v21/wire";
import { eventually } from "../../support/eventually";
import { startTempLocalnet, type TempLocalnet } from "../../support/temp-localnet";
import { groupSpec, hashOf } from "./support/fixtures";
import { deliver, rawQuerier, seconds, v21Client } from "./support/v21-client";

const WINDOW_MS = 3_000;

let localnet: TempLocalnet;
let net: Localnet;
let comet: CometClient;
let raw: (path: string, request: Uint8Array) => Promise<Uint8Array>;
let tenant: SigningStargateClient;

type Answer = Record<string, unknown> & { error?: string };

async function control(
  path: string,
  method = "GET",
  body?: unknown,
): Promise<{ status: number; json: Answer }> {
  const res = await fetch(`${net.node}/_localnet/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Answer };
}

beforeAll(async () => {
  localnet = await startTempLocalnet(
    {
      blockTimeMs: 100,
      providers: 1,
      providerTiming: { bidDelayMs: [20, 80], reclamationWindowMs: WINDOW_MS },
      minReclamationWindowMs: 1_000,
    },
    "akash-localnet-operator-",
  );
  net = localnet.net;
  ({ comet, raw } = await rawQuerier(net.node));
  tenant = await v21Client(net.node, net.mnemonic);
});

afterAll(async () => {
  tenant?.disconnect();
  comet?.disconnect();
  await localnet?.stop();
});

/** A deployment the localnet provider 0 (us-west) bids on; its bid carries the provider's window. */
async function leasedDeployment(dseq: number, minWindowSeconds?: number) {
  const provider = net.providers[0]!.address;
  const created = await deliver(comet, tenant, net.address, [
    {
      typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment",
      value: {
        id: { owner: net.address, dseq },
        groups: [groupSpec({ price: "100000", attributes: [{ key: "region", value: "us-west" }] })],
        hash: hashOf(`operator ${dseq}`),
        deposit: { amount: { denom: "uact", amount: "5000000" }, sources: [1] },
        ...(minWindowSeconds === undefined
          ? {}
          : { reclamation: { minWindowNs: seconds(minWindowSeconds) } }),
      },
    },
  ]);
  expect(created.code).toBe(0);
  const bid = await eventually("the provider's bid", async () => {
    const bids = listItems(
      await raw(
        "/akash.market.v1beta5.Query/Bids",
        QueryBidsRequest.encode(
          QueryBidsRequest.fromPartial({ filters: { owner: net.address, dseq } }),
        ).finish(),
      ),
      1,
    );
    return bids[0];
  });
  expect(readBidReclamationWindow(bid)).toBe(seconds(WINDOW_MS / 1000));
  const id = { owner: net.address, dseq, gseq: 1, oseq: 1, provider, bseq: 0 };
  const lease = await deliver(comet, tenant, net.address, [
    { typeUrl: "/akash.market.v1beta5.MsgCreateLease", value: { bidId: id } },
  ]);
  expect(lease.code).toBe(0);
  return { provider, id };
}

const leaseOf = async (id: object) =>
  messageAt(
    await raw(
      "/akash.market.v1beta5.Query/Lease",
      QueryLeaseRequest.encode(QueryLeaseRequest.fromPartial({ id })).finish(),
    ),
    1,
  )!;

describe("start-reclaim", () => {
  it("reclaims a lease and closes it once the window has passed; close-lease is refused before reclamation", async () => {
    const { provider, id } = await leasedDeployment(1, 2);
    const early = await control(`providers/${provider}/close-lease`, "POST", { dseq: "1" });
    expect(early.status).toBe(422);
    expect(early.json.rawLog).toContain("reclamation not started; call MsgLeaseStartReclaim first");

    const started = await control(`providers/${provider}/start-reclaim`, "POST", { dseq: "1" });
    expect(started.status).toBe(200);
    expect(started.json).toMatchObject({ code: 0, lease: { owner: net.address, dseq: "1", provider } });
    const reclamation = readLeaseReclamation(await leaseOf(id));
    expect(reclamation?.reason).toBe(10001);
    expect(started.json.deadline).toBe(new Date(Number(reclamation!.deadline) * 1000).toISOString());
    expect(Lease.decode(await leaseOf(id)).state).toBe(4);

    const closed = await eventually(
      "the provider to close the lease after the window",
      async () => {
        const lease = Lease.decode(await leaseOf(id));
        return lease.state === 3 ? lease : undefined;
      },
      { timeoutMs: 20_000 },
    );
    expect(closed.reason).toBe(10001);
    const closedAt = (await comet.block(Number(closed.closedOn))).block.header.time.getTime();
    expect(closedAt).toBeGreaterThanOrEqual(Number(reclamation!.deadline) * 1000);
  });

  it("rejects bad requests like close-lease does", async () => {
    const provider = net.providers[0]!.address;
    expect((await control(`providers/${provider}/start-reclaim`, "POST", { dseq: "999999" })).status).toBe(
      404,
    );
    const unknown = await control("providers/akash1unknown/start-reclaim", "POST", { dseq: "1" });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toContain("no localnet provider akash1unknown");
    const bad = await control(`providers/${provider}/start-reclaim`, "POST", { dseq: "1", reason: 1 });
    expect(bad).toEqual({
      status: 400,
      json: { error: "reason must be a provider-initiated LeaseClosedReason (10000-19999)" },
    });
    expect((await control(`providers/${provider}/start-reclaim`, "GET")).status).toBe(405);
  });
});

describe("oracle", () => {
  it("stalls and resumes the price feed, and validates the request", async () => {
    expect(await control("oracle")).toEqual({ status: 200, json: { aktPrice: "1", healthy: true } });
    const stalled = await control("oracle", "POST", { stalled: true });
    expect(stalled.json).toMatchObject({ pending: { stalled: true } });
    await eventually(
      "the price to turn unhealthy",
      async () => (await control("oracle")).json.healthy === false,
    );
    expect((await control("oracle", "POST", { aktPrice: "zero" })).status).toBe(400);
    expect((await control("oracle", "POST", { stale: true })).json.error).toBe(
      'unknown field "stale" (expected stalled, aktPrice)',
    );
    await control("oracle", "POST", { stalled: false, aktPrice: "3.25" });
    await eventually("the price to recover", async () => (await control("oracle")).json.healthy === true);
    expect((await control("oracle")).json.aktPrice).toBe("3.25");
  });
});
