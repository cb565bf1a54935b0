/**
 * Consent before real money: the offer names the network, the account, its balance and the costs; consent comes
 * only from a "yes" on the terminal or a --confirm-chain that names this very chain; without a terminal the job
 * refuses and says how to confirm.
 */
import { seekConsent, type SpendingOffer } from "../../../src/cli/consent";
import type { CommandIO } from "../../../src/cli/io";

const offer: SpendingOffer = {
  stack: "hello-world",
  node: "https://rpc.example.net:443",
  chainId: "akashnet-2",
  account: "akash1ssr77atpazepv6t9h3k9suulqr84wrgfag5mjs",
  balances: [
    { denom: "uact", amount: 12_500_000n },
    { denom: "uakt", amount: 3_000_000n },
    { denom: "ibc/ABC", amount: 0n },
  ],
  planLines: [
    "hello-world is 1 deployment + 1 lease:",
    "  deposit 5 ACT (5000000 uact) into escrow, refunded on destroy",
  ],
};

function io(answer?: string): CommandIO & { out: string[]; questions: string[] } {
  const out: string[] = [];
  const questions: string[] = [];
  return {
    out,
    questions,
    stdout: (s) => out.push(s),
    stderr: (s) => out.push(s),
    ...(answer === undefined
      ? {}
      : {
          ask: async (q: string) => {
            questions.push(q);
            return answer;
          },
        }),
  };
}

test("the offer shows network, account, balance and the stack's costs", async () => {
  const terminal = io("n");
  await seekConsent(offer, undefined, terminal);
  const text = terminal.out.join("\n");
  expect(text).toContain("network   https://rpc.example.net:443 (chain akashnet-2)");
  expect(text).toContain(`account   ${offer.account}`);
  expect(text).toContain("balance   12500000 uact (12.5 ACT), 3000000 uakt (3 AKT)");
  expect(text).toContain("deposit 5 ACT (5000000 uact) into escrow");
  expect(text).toContain("plus transaction fees (uakt)");
});

test.each(["y", "yes", " YES "])("answering %j on the terminal consents", async (answer) => {
  const terminal = io(answer);
  expect(await seekConsent(offer, undefined, terminal)).toEqual({ given: true });
  expect(terminal.questions).toEqual([`Deploy hello-world to akashnet-2 with ${offer.account}? [y/N] `]);
});

test.each(["", "n", "no", "sure", "yes please"])("answering %j does not consent", async (answer) => {
  const consent = await seekConsent(offer, undefined, io(answer));
  expect(consent).toEqual({
    given: false,
    reason: "Not deploying: not confirmed. Nothing was created on akashnet-2.",
  });
});

test("without a terminal it refuses and says how to confirm", async () => {
  const consent = await seekConsent(offer, undefined, io());
  expect(consent.given).toBe(false);
  if (consent.given) return;
  expect(consent.reason).toContain("there is no terminal to ask for confirmation");
  expect(consent.reason).toContain("Nothing was created on akashnet-2.");
  expect(consent.reason).toContain("akash-cdktf main --confirm-chain akashnet-2");
  expect(consent.reason).toContain("npm start -- --confirm-chain akashnet-2");
});

test("--confirm-chain with the network's chain id consents without asking", async () => {
  const terminal = io("n");
  expect(await seekConsent(offer, "akashnet-2", terminal)).toEqual({ given: true });
  expect(terminal.questions).toEqual([]);
  expect(terminal.out).toContain("  confirmed with --confirm-chain akashnet-2");
});

test("--confirm-chain naming another chain refuses, terminal or not", async () => {
  for (const where of [io(), io("y")]) {
    const consent = await seekConsent(offer, "sandbox-2", where);
    expect(consent).toEqual({
      given: false,
      reason:
        "--confirm-chain sandbox-2 does not match the chain id of https://rpc.example.net:443, which is akashnet-2. " +
        "Nothing was created on akashnet-2.",
    });
    expect(where.questions).toEqual([]);
  }
});

test("grantee mode says whose authorization pays; an empty account says so", async () => {
  const terminal = io("n");
  await seekConsent({ ...offer, balances: [], depositGranter: "akash1granter" }, undefined, terminal);
  expect(terminal.out).toContain("  balance   no funds");
  expect(terminal.out).toContain("  deposits  paid from the deposit authorization of akash1granter");
});
