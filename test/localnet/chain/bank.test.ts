import { toBech32 } from "@cosmjs/encoding";
import { localnetKeys } from "../../../src/localnet/keys";
import { testAccountClient, startTestChain, type TestChain } from "./test-chain";

/** Not in the default genesis (no providers), so the first send creates the account. */
const RECIPIENT = localnetKeys.provider(9).address;

describe("localnet chain: bank", () => {
  let t: TestChain;
  beforeAll(async () => {
    t = await startTestChain();
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("sends uakt with auto gas and the result carries events and msg responses", async () => {
    const { client, address } = await testAccountClient(t.chain);
    const before = await client.getBalance(address, "uakt");
    const result = await client.sendTokens(
      address,
      RECIPIENT,
      [{ denom: "uakt", amount: "12345" }],
      "auto",
      "hello",
    );
    expect(result.code).toBe(0);
    expect(result.msgResponses[0]?.typeUrl).toBe("/cosmos.bank.v1beta1.MsgSendResponse");
    expect(result.gasUsed).toBeGreaterThan(0n);
    expect(result.gasUsed).toBeLessThanOrEqual(result.gasWanted);
    expect(await client.getBalance(RECIPIENT, "uakt")).toEqual({ denom: "uakt", amount: "12345" });
    const after = await client.getBalance(address, "uakt");
    expect(BigInt(before.amount) - BigInt(after.amount)).toBeGreaterThan(12345n);
    const transfer = result.events.find(
      (e) => e.type === "transfer" && e.attributes.some((a) => a.value === RECIPIENT),
    );
    expect(transfer?.attributes).toEqual([
      { key: "recipient", value: RECIPIENT },
      { key: "sender", value: address },
      { key: "amount", value: "12345uakt" },
      { key: "msg_index", value: "0" },
    ]);
    const account = await client.getAccount(RECIPIENT);
    expect(account?.sequence).toBe(0);
  });

  it("refuses MsgSend of uact (SendEnabled=false) in the block, charging the fee", async () => {
    const { client, address } = await testAccountClient(t.chain);
    const fee = { amount: [{ denom: "uakt", amount: "5000" }], gas: "200000" };
    const result = await client.sendTokens(address, RECIPIENT, [{ denom: "uact", amount: "1" }], fee);
    expect(result.code).toBe(5);
    expect(result.rawLog).toBe(
      "failed to execute message; message index: 0: uact transfers are currently disabled: send transactions are disabled",
    );
    expect(await client.getBalance(RECIPIENT, "uact")).toEqual({ denom: "uact", amount: "0" });
    // Simulation runs the msgs too, so "auto" gas surfaces the error before broadcasting.
    await expect(
      client.sendTokens(address, RECIPIENT, [{ denom: "uact", amount: "1" }], "auto"),
    ).rejects.toThrow(
      /Query failed with \(6\): rpc error: code = Unknown desc = failed to execute message; message index: 0: uact transfers are currently disabled: send transactions are disabled with gas used: '\d+': unknown request/,
    );
  });

  it("fails a send beyond the balance with the SDK's insufficient funds text", async () => {
    const { client, address } = await testAccountClient(t.chain);
    const fee = { amount: [{ denom: "uakt", amount: "5000" }], gas: "200000" };
    const result = await client.sendTokens(
      address,
      RECIPIENT,
      [{ denom: "uakt", amount: "99000000000000000" }],
      fee,
    );
    expect(result.code).toBe(5);
    expect(result.rawLog).toMatch(
      /^failed to execute message; message index: 0: spendable balance \d+uakt is smaller than 99000000000000000uakt: insufficient funds$/,
    );
  });

  it("answers bank and auth queries, including the NotFound text cosmjs matches", async () => {
    const { client } = await testAccountClient(t.chain);
    const unknown = toBech32("akash", new Uint8Array(20).fill(7));
    await expect(client.getSequence(unknown)).rejects.toThrow(
      `Account '${unknown}' does not exist on chain. Send some tokens there before trying to query sequence.`,
    );
    expect(await client.getAllBalances(localnetKeys.testAccount().address)).toEqual([
      { denom: "uact", amount: "100000000000" },
      expect.objectContaining({ denom: "uakt" }),
    ]);
  });
});
