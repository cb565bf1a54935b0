import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { localnetKeys } from "../../../src/localnet/keys";
import { eventually } from "../../support/eventually";
import { startTestChain, testAccountClient } from "./test-chain";

describe("localnet chain: persistence", () => {
  it("replays the block log on restart: balances, sequences, txs and heights survive", async () => {
    const first = await startTestChain();
    const dataDir = first.dataDir;
    try {
      const { client, address } = await testAccountClient(first.chain);
      const recipient = localnetKeys.provider(8).address;
      const sent = await client.sendTokens(address, recipient, [{ denom: "uakt", amount: "777" }], "auto");
      expect(sent.code).toBe(0);
      const sequence = await client.getSequence(address);
      const balance = await client.getBalance(address, "uakt");
      client.disconnect();
      await first.chain.waitForHeight(first.chain.height() + 2n);
      await first.chain.stop();
      const stoppedAt = first.chain.height();

      const second = await startTestChain({ dataDir });
      try {
        expect(second.chain.height()).toBeGreaterThanOrEqual(stoppedAt);
        const again = await testAccountClient(second.chain);
        expect(await again.client.getSequence(address)).toEqual(sequence);
        expect(await again.client.getBalance(address, "uakt")).toEqual(balance);
        expect(await again.client.getBalance(recipient, "uakt")).toEqual({ denom: "uakt", amount: "777" });
        expect((await again.client.getTx(sent.transactionHash))?.height).toBe(sent.height);
        const next = await again.client.sendTokens(
          address,
          recipient,
          [{ denom: "uakt", amount: "1" }],
          "auto",
        );
        expect(next.code).toBe(0);
        again.client.disconnect();
      } finally {
        await second.chain.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("replays operator inputs from the block log: an oracle stall (logged with its block) survives a restart", async () => {
    const first = await startTestChain();
    const dataDir = first.dataDir;
    try {
      first.chain.actions.oracle.setFeed({ stalled: true, aktPrice: "2" });
      await eventually("the stall to apply", async () => !first.chain.actions.oracle.feed().healthy);
      const stalledHeight = first.chain.height();
      await first.chain.stop();
      const logged = readFileSync(join(dataDir, "blocks.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { h: string; in?: Record<string, unknown> })
        .filter((line) => line.in !== undefined);
      expect(logged).toEqual([
        {
          h: expect.any(String),
          t: expect.any(String),
          txs: [],
          in: { oracle: { stalled: true, aktPrice: "2" } },
        },
      ]);
      expect(BigInt(logged[0]!.h)).toBeLessThanOrEqual(stalledHeight);

      const second = await startTestChain({ dataDir });
      try {
        expect(second.chain.actions.oracle.feed()).toEqual({ aktPrice: "2", healthy: false });
        second.chain.actions.oracle.setFeed({ stalled: false });
        await eventually("the feed to resume", async () => second.chain.actions.oracle.feed().healthy);
      } finally {
        await second.chain.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
