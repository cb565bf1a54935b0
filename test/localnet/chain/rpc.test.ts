import { fromHex, toHex } from "@cosmjs/encoding";
import { connectComet, Comet38Client } from "@cosmjs/tendermint-rpc";
import { StargateClient } from "@cosmjs/stargate";
import { localnetKeys } from "../../../src/localnet/keys";
import { startTestChain, testAccountClient, type TestChain } from "./test-chain";

// Raw JSON-RPC replies are read field by field in assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function rpc(url: string, method: string, params: Record<string, unknown> = {}): Promise<Json> {
  const res = await fetch(url, {
    method: "POST",
    body: JSON.stringify({ jsonrpc: "2.0", id: 7, method, params }),
  });
  expect(res.status).toBe(200);
  return res.json();
}

describe("localnet chain: CometBFT RPC", () => {
  let t: TestChain;
  let txHash: string;
  let txHeight: number;
  beforeAll(async () => {
    t = await startTestChain();
    const { client, address } = await testAccountClient(t.chain);
    const result = await client.sendTokens(
      address,
      localnetKeys.auditor().address,
      [{ denom: "uakt", amount: "5" }],
      "auto",
      "rpc",
    );
    txHash = result.transactionHash;
    txHeight = result.height;
    client.disconnect();
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("is a Comet 0.38 node to cosmjs and serves the block methods", async () => {
    const comet = await connectComet(t.chain.rpcUrl);
    expect(comet).toBeInstanceOf(Comet38Client);
    const status = await comet.status();
    expect(status.nodeInfo.network).toBe("akash-localnet-1");
    expect(status.nodeInfo.version).toBe("0.38.21");
    expect(status.syncInfo.latestBlockHeight).toBeGreaterThanOrEqual(txHeight);
    const block = await comet.block(txHeight);
    expect(block.block.header.height).toBe(txHeight);
    expect(block.block.txs).toHaveLength(1);
    expect(toHex(block.blockId.hash).toUpperCase()).toHaveLength(64);
    const previous = await comet.block(txHeight - 1);
    expect(block.block.header.lastBlockId?.hash).toEqual(previous.blockId.hash);
    const results = await comet.blockResults(txHeight);
    expect(results.results[0]?.code).toBe(0);
    const chain = await comet.blockchain(1, txHeight);
    expect(chain.blockMetas[0]?.header.height).toBe(txHeight);
    const validators = await comet.validatorsAll();
    expect(validators.total).toBe(1);
    const genesis = await comet.genesis();
    expect(genesis.chainId).toBe("akash-localnet-1");
    const info = await comet.abciInfo();
    expect(info.data).toBe("akash");
    await comet.health();
    const tx = await comet.tx({ hash: fromHex(txHash) });
    expect(tx.height).toBe(txHeight);
    comet.disconnect();
  });

  it("finds txs by hash, height and event, with Comet's JSON shapes", async () => {
    const client = await StargateClient.connect(t.chain.rpcUrl);
    const found = await client.getTx(txHash);
    expect(found).toMatchObject({ height: txHeight, code: 0, hash: txHash });
    const bySender = await client.searchTx(`message.sender='${localnetKeys.testAccount().address}'`);
    expect(bySender.map((r) => r.hash)).toContain(txHash);
    const byHeight = await client.searchTx(`tx.height=${txHeight}`);
    expect(byHeight.map((r) => r.hash)).toEqual([txHash]);
    const combined = await client.searchTx([
      { key: "transfer.recipient", value: localnetKeys.auditor().address },
      { key: "message.action", value: "/cosmos.bank.v1beta1.MsgSend" },
    ]);
    expect(combined.map((r) => r.hash)).toEqual([txHash]);
    // Crash recovery's query: the owner's txs of one block (height range plus an event condition).
    const ofSenderAtHeight = await client.searchTx(
      `tx.height=${txHeight} AND message.sender='${localnetKeys.testAccount().address}'`,
    );
    expect(ofSenderAtHeight.map((r) => r.hash)).toEqual([txHash]);
    const ofOtherAtHeight = await client.searchTx(
      `tx.height=${txHeight} AND message.sender='${localnetKeys.auditor().address}'`,
    );
    expect(ofOtherAtHeight).toEqual([]);
    client.disconnect();

    const raw = await rpc(t.chain.rpcUrl, "tx_search", { query: `tx.hash='${txHash}'`, prove: false });
    const entry = raw.result.txs[0];
    expect(raw.result.total_count).toBe("1");
    expect(typeof entry.index).toBe("number");
    expect(entry).not.toHaveProperty("proof");
    expect(entry.tx_result).not.toHaveProperty("code");
    expect(entry.tx_result).not.toHaveProperty("log");
    expect(entry.tx_result.gas_wanted).toMatch(/^\d+$/);
    expect(entry.tx_result.events[0].attributes[0]).toEqual(expect.objectContaining({ index: true }));
  });

  it("speaks Comet's error shapes, GET form and the akash discovery method", async () => {
    const unknown = await rpc(t.chain.rpcUrl, "nope");
    expect(unknown.error).toEqual({ code: -32601, message: "Method not found", data: "" });
    const future = await rpc(t.chain.rpcUrl, "block", { height: "999999" });
    expect(future.error.data).toMatch(
      /^height 999999 must be less than or equal to the current blockchain height \d+$/,
    );
    const missing = await rpc(t.chain.rpcUrl, "tx", { hash: Buffer.alloc(32, 1).toString("base64") });
    expect(missing.error.data).toBe(`tx (${"01".repeat(32).toUpperCase()}) not found`);
    const get = (await (await fetch(`${t.chain.rpcUrl}/block?height=1`)).json()) as Json;
    expect(get.result.block.header.height).toBe("1");
    const discovery = await rpc(t.chain.rpcUrl, "akash");
    expect(discovery.result.modules).toMatchObject({ deployment: "v1beta4", market: "v1beta5" });
  });
});
