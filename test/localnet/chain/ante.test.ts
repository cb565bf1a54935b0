import { Secp256k1HdWallet } from "@cosmjs/amino";
import { toBase64 } from "@cosmjs/encoding";
import { TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { SigningStargateClient, type StdFee } from "@cosmjs/stargate";
import type { MsgSendEncodeObject } from "@cosmjs/stargate";
import { localnetKeys } from "../../../src/localnet/keys";
import { startTestChain, testAccountClient, type TestChain } from "./test-chain";

const RECIPIENT = localnetKeys.auditor().address;
const FEE: StdFee = { amount: [{ denom: "uakt", amount: "5000" }], gas: "200000" };

function send(from: string, amount = "1"): MsgSendEncodeObject {
  return {
    typeUrl: "/cosmos.bank.v1beta1.MsgSend",
    value: { fromAddress: from, toAddress: RECIPIENT, amount: [{ denom: "uakt", amount }] },
  };
}

async function rpc(
  url: string,
  method: string,
  params: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: "POST",
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return (await res.json()) as Record<string, unknown>;
}

describe("localnet chain: ante checks", () => {
  let t: TestChain;
  let client: SigningStargateClient;
  let address: string;
  beforeAll(async () => {
    t = await startTestChain();
    ({ client, address } = await testAccountClient(t.chain));
  });
  afterAll(async () => {
    client.disconnect();
    await t.dispose();
  });

  async function signerData() {
    const account = await client.getAccount(address);
    return { accountNumber: account!.accountNumber, sequence: account!.sequence, chainId: t.chain.chainId };
  }

  it("rejects a forged signature (wrong chain id) with the SDK's text", async () => {
    const data = await signerData();
    const tx = await client.sign(address, [send(address)], FEE, "", { ...data, chainId: "akashnet-2" });
    await expect(client.broadcastTxSync(TxRaw.encode(tx).finish())).rejects.toThrow(
      `Broadcasting transaction failed with code 4 (codespace: sdk). Log: signature verification failed; please verify account number (${data.accountNumber}) and chain-id (${t.chain.chainId}): (unable to verify single signer signature): unauthorized`,
    );
  });

  it("rejects a tampered body even with a valid-looking signature", async () => {
    const tx = await client.sign(address, [send(address)], FEE, "original memo", await signerData());
    const tampered = await client.sign(
      address,
      [send(address, "999")],
      FEE,
      "original memo",
      await signerData(),
    );
    const forged = TxRaw.encode({ ...tampered, signatures: tx.signatures }).finish();
    const result = await rpc(t.chain.rpcUrl, "broadcast_tx_sync", { tx: toBase64(forged) });
    expect((result.result as { code: number }).code).toBe(4);
  });

  it("rejects a wrong sequence and a resent tx", async () => {
    const data = await signerData();
    const good = TxRaw.encode(await client.sign(address, [send(address)], FEE, "", data)).finish();
    const hash = await client.broadcastTxSync(good);
    expect(hash).toMatch(/^[0-9A-F]{64}$/);
    // Same bytes again while cached: Comet's mempool cache answers before CheckTx.
    const again = await rpc(t.chain.rpcUrl, "broadcast_tx_sync", { tx: toBase64(good) });
    expect(again.error).toEqual({
      code: -32603,
      message: "Internal error",
      data: "tx already exists in cache",
    });
    // A different tx reusing the now-spent sequence (check state already advanced).
    const replay = TxRaw.encode(await client.sign(address, [send(address, "2")], FEE, "", data)).finish();
    await expect(client.broadcastTxSync(replay)).rejects.toThrow(
      `Log: account sequence mismatch, expected ${data.sequence + 1}, got ${data.sequence}: incorrect account sequence`,
    );
    // The next sequence is accepted before the first tx is even in a block.
    const next = TxRaw.encode(
      await client.sign(address, [send(address, "3")], FEE, "", { ...data, sequence: data.sequence + 1 }),
    ).finish();
    const result = await client.broadcastTx(next, 10_000, 100);
    expect(result.code).toBe(0);
  });

  it("rejects a fee below the minimum gas price (CheckTx)", async () => {
    const tx = await client.sign(
      address,
      [send(address)],
      { amount: [{ denom: "uakt", amount: "100" }], gas: "200000" },
      "",
      await signerData(),
    );
    await expect(client.broadcastTxSync(TxRaw.encode(tx).finish())).rejects.toThrow(
      "Log: insufficient fees; got: 100uakt required: 500uakt: insufficient fee",
    );
    const empty = await client.sign(
      address,
      [send(address)],
      { amount: [], gas: "200000" },
      "",
      await signerData(),
    );
    await expect(client.broadcastTxSync(TxRaw.encode(empty).finish())).rejects.toThrow(
      "Log: insufficient fees; got:  required: 500uakt: insufficient fee",
    );
  });

  it("rejects a memo over 256 characters", async () => {
    const tx = await client.sign(address, [send(address)], FEE, "x".repeat(300), await signerData());
    await expect(client.broadcastTxSync(TxRaw.encode(tx).finish())).rejects.toThrow(
      "Log: maximum number of characters is 256 but received 300 characters: memo too large",
    );
  });

  it("runs out of gas: in CheckTx for the tx size, in the block for execution", async () => {
    const tiny = await client.sign(
      address,
      [send(address)],
      { amount: [{ denom: "uakt", amount: "10" }], gas: "1000" },
      "",
      await signerData(),
    );
    await expect(client.broadcastTxSync(TxRaw.encode(tiny).finish())).rejects.toThrow(
      /Log: out of gas in location: txSize; gasWanted: 1000, gasUsed: \d+: out of gas/,
    );
    // Enough for the ante handler, not for the send: fails in FinalizeBlock, fee and sequence still taken.
    const data = await signerData();
    const tight = await client.sign(
      address,
      [send(address)],
      { amount: [{ denom: "uakt", amount: "100" }], gas: "35000" },
      "",
      data,
    );
    const result = await client.broadcastTx(TxRaw.encode(tight).finish(), 10_000, 100);
    expect(result.code).toBe(11);
    expect(result.rawLog).toMatch(
      /^out of gas in location: \w+; gasWanted: 35000, gasUsed: \d+: out of gas$/,
    );
    expect(result.gasUsed).toBeGreaterThan(35000n);
    expect((await client.getAccount(address))!.sequence).toBe(data.sequence + 1);
  });

  it("reports an unknown message type as a parse error", async () => {
    const data = await signerData();
    const tx = await client.sign(address, [send(address)], FEE, "", data);
    const body = tx.bodyBytes;
    // Same-length type URL swap keeps the protobuf framing valid.
    const bad = new TextEncoder().encode("/cosmos.bank.v1beta1.MsgSenX");
    const patched = new Uint8Array(body);
    const at = Buffer.from(body).indexOf(Buffer.from("/cosmos.bank.v1beta1.MsgSend"));
    patched.set(bad, at);
    const raw = TxRaw.encode({ ...tx, bodyBytes: patched }).finish();
    await expect(client.broadcastTxSync(raw)).rejects.toThrow(
      "Log: unable to resolve type URL /cosmos.bank.v1beta1.MsgSenX: tx parse error: tx parse error",
    );
  });

  it("accepts LEGACY_AMINO_JSON signatures", async () => {
    const wallet = await Secp256k1HdWallet.fromMnemonic(localnetKeys.testAccount().mnemonic, {
      prefix: "akash",
    });
    const aminoClient = await SigningStargateClient.connectWithSigner(t.chain.rpcUrl, wallet, {
      broadcastPollIntervalMs: 100,
    });
    const result = await aminoClient.sendTokens(
      address,
      RECIPIENT,
      [{ denom: "uakt", amount: "7" }],
      FEE,
      "amino",
    );
    expect(result.code).toBe(0);
    // And a forged amino signature gets the amino variant of the text.
    const account = await aminoClient.getAccount(address);
    const tx = await aminoClient.sign(address, [send(address)], FEE, "", {
      accountNumber: account!.accountNumber,
      sequence: account!.sequence,
      chainId: "wrong-chain",
    });
    await expect(aminoClient.broadcastTxSync(TxRaw.encode(tx).finish())).rejects.toThrow(
      `Log: signature verification failed; please verify account number (${account!.accountNumber}), sequence (${account!.sequence}) and chain-id (${t.chain.chainId}): unauthorized`,
    );
    aminoClient.disconnect();
  });
});
