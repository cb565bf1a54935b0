/**
 * Deposit grants as node v2.1's escrow AuthorizeDeposits draws them, through real cosmjs clients: a `grant`
 * source walks all of the signer's DepositAuthorizations in granter address-byte order (the SDK's store key order,
 * not bech32 text order), skips expired ones, and cannot be told which granter pays. (The deprecated spend_limit
 * being added to spend_limits is covered in deployment-market-escrow.test.ts: a v2 chain refuses new grants with it.)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromBech32 } from "@cosmjs/encoding";
import type { SigningStargateClient } from "@cosmjs/stargate";
import type { CometClient } from "@cosmjs/tendermint-rpc";
import { QueryGrantsRequest, QueryGrantsResponse } from "cosmjs-types/cosmos/authz/v1beta1/query";
import {
  QueryDeploymentRequest,
  QueryDeploymentResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { defaultGenesis, startChain, type ChainHandle } from "../../../src/localnet/chain";
import { localnetKeys } from "../../../src/localnet/keys";
import {
  ACCOUNT_DEPOSIT_TYPE_URL,
  DEPOSIT_AUTHORIZATION_TYPE_URL,
  depositAuthorizationCodec,
} from "../../../src/localnet/chain/modules/akash/escrow/deposit-authorization";
import { eventually } from "../../support/eventually";
import { groupSpec, hashOf } from "./support/fixtures";
import { deliver, rawQuerier, v21Client, type BlockOutcome } from "./support/v21-client";

const pool = [3, 4, 5, 6, 7, 8].map((i) => localnetKeys.provider(i));
const grantee = localnetKeys.provider(9);
const bytesHex = (address: string) => Buffer.from(fromBech32(address).data).toString("hex");

/** Granters in address-byte order, chosen so that their bech32 order differs. */
function granters() {
  const byBytes = [...pool].sort((a, b) => (bytesHex(a.address) < bytesHex(b.address) ? -1 : 1));
  for (let i = 0; i < byBytes.length; i++) {
    for (let j = i + 1; j < byBytes.length; j++) {
      const [first, second] = [byBytes[i]!, byBytes[j]!];
      if (first.address > second.address) {
        const rest = byBytes.filter((k) => k !== first && k !== second);
        return { first, second, rest };
      }
    }
  }
  throw new Error("no pair of localnet keys whose byte order differs from their bech32 order");
}

const { first, second, rest } = granters();

let dataDir: string;
let chain: ChainHandle;
let comet: CometClient;
let raw: (path: string, request: Uint8Array) => Promise<Uint8Array>;
const clients = new Map<string, SigningStargateClient>();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "akash-localnet-grants-order-"));
  const funds = [
    { denom: "uact", amount: 50_000_000n },
    { denom: "uakt", amount: 50_000_000n },
  ];
  const genesis = defaultGenesis({
    accounts: [...pool, grantee].map((k) => ({ address: k.address, coins: funds })),
  });
  chain = await startChain({ dataDir, port: 0, blockTimeMs: 100, genesis });
  ({ comet, raw } = await rawQuerier(chain.rpcUrl));
  for (const key of [...pool, grantee]) clients.set(key.address, await v21Client(chain.rpcUrl, key.mnemonic));
});

afterAll(async () => {
  for (const client of clients.values()) client.disconnect();
  comet?.disconnect();
  await chain?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const send = (from: string, msg: { typeUrl: string; value: object }) =>
  deliver(comet, clients.get(from)!, from, [msg]);

function expectOk(outcome: BlockOutcome): void {
  expect({ code: outcome.code, log: outcome.log }).toEqual({ code: 0, log: "" });
}

const grant = (granter: string, to: string, uact: bigint, expiration?: Date) => ({
  typeUrl: "/cosmos.authz.v1beta1.MsgGrant",
  value: {
    granter,
    grantee: to,
    grant: {
      authorization: {
        typeUrl: DEPOSIT_AUTHORIZATION_TYPE_URL,
        value: depositAuthorizationCodec.encode({
          spendLimits: [{ denom: "uact", amount: uact.toString() }],
          scopes: [1],
        }),
      },
      ...(expiration
        ? { expiration: { seconds: BigInt(Math.floor(expiration.getTime() / 1000)), nanos: 0 } }
        : {}),
    },
  },
});

const createDeployment = (owner: string, dseq: number, uact: bigint) => ({
  typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment",
  value: {
    id: { owner, dseq },
    groups: [groupSpec()],
    hash: hashOf(`grant order ${owner} ${dseq}`),
    deposit: { amount: { denom: "uact", amount: uact.toString() }, sources: [2] },
  },
});

async function depositors(owner: string, dseq: number) {
  const res = QueryDeploymentResponse.decode(
    await raw(
      "/akash.deployment.v1beta4.Query/Deployment",
      QueryDeploymentRequest.encode(QueryDeploymentRequest.fromPartial({ id: { owner, dseq } })).finish(),
    ),
  );
  return (res.escrowAccount?.state?.deposits ?? []).map((d) => ({
    owner: d.owner,
    source: d.source,
    amount: d.balance?.amount,
  }));
}

async function limitLeft(granter: string, to: string): Promise<unknown[] | undefined> {
  const res = QueryGrantsResponse.decode(
    await raw(
      "/cosmos.authz.v1beta1.Query/Grants",
      QueryGrantsRequest.encode({ granter, grantee: to, msgTypeUrl: ACCOUNT_DEPOSIT_TYPE_URL }).finish(),
    ),
  );
  const any = res.grants[0]?.authorization;
  return any ? depositAuthorizationCodec.decode(any.value).spendLimits : undefined;
}

it("draws from every grant in granter address-byte order, keeping exhausted grants", async () => {
  expect(first.address > second.address).toBe(true); // bech32 order would pick `second` first
  // Granted in bech32 order on purpose: the grant order does not matter either.
  expectOk(await send(second.address, grant(second.address, grantee.address, 2_000_000n)));
  expectOk(await send(first.address, grant(first.address, grantee.address, 2_000_000n)));

  const created = await send(grantee.address, createDeployment(grantee.address, 1, 3_000_000n));
  expectOk(created);
  expect(await depositors(grantee.address, 1)).toEqual([
    { owner: first.address, source: 2, amount: "2000000" },
    { owner: second.address, source: 2, amount: "1000000" },
  ]);
  // The bank moves the funds from each granter into the escrow module (escrow itself emits no events).
  const senders = created.events
    .filter((e) => e.type === "transfer")
    .map((e) => Object.fromEntries(e.attributes.map((a) => [a.key, a.value])))
    .filter((a) => a.msg_index === "0")
    .map((a) => [a.sender, a.amount]);
  expect(senders).toEqual([
    [first.address, "2000000uact"],
    [second.address, "1000000uact"],
  ]);
  // The used-up grant is saved with nothing left, not deleted.
  expect(await limitLeft(first.address, grantee.address)).toEqual([]);
  expect(await limitLeft(second.address, grantee.address)).toEqual([{ denom: "uact", amount: "1000000" }]);
});

it("skips expired grants", async () => {
  // `rest` is in byte order: x comes first but expires, so only y pays. The grantee is `first`, unused so far.
  const [x, y] = rest as [typeof first, typeof first];
  const target = first.address;
  const latest = (await comet.block()).block.header.time.getTime();
  const expiration = new Date(latest + 3_000);
  expectOk(await send(x.address, grant(x.address, target, 5_000_000n, expiration)));
  expectOk(await send(y.address, grant(y.address, target, 5_000_000n)));
  await eventually("the first grant to expire", async () => {
    const time = (await comet.block()).block.header.time.getTime();
    return time > expiration.getTime() + 200;
  });
  expectOk(await send(target, createDeployment(target, 2, 1_000_000n)));
  expect(await depositors(target, 2)).toEqual([{ owner: y.address, source: 2, amount: "1000000" }]);
});
