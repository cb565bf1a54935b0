/**
 * Chain v2.1 reclamation (AEP-82) and a stalled oracle, through the real terraform binary against the localnet
 * (issue 12): an SDL 2.1 with `reclamation.min_window` lands on chain (deployment and lease carry it, decoded from
 * the chain's answers); bids offering a shorter window than the bid policy asks are rejected with the reason; a
 * provider starting reclamation shows in the next plan with when the lease closes; a stalled oracle stops a mint
 * with a clear error and nothing is created.
 */
import { Bip39, Random } from "@cosmjs/crypto";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { GasPrice, SigningStargateClient } from "@cosmjs/stargate";
import { stateOf, STACK_TRACE, startE2eNet, type E2eNet } from "./localnet-terraform";
import { webSdl } from "../support/web-sdl";
import { eventually } from "../support/eventually";

let e2e: E2eNet;
const HOUR_MS = 3_600_000;

beforeAll(async () => {
  // Providers offer a 3 h window (a real provider's --reclamation-window); the chain's bounds scale with blocks.
  e2e = await startE2eNet({
    blockTimeMs: 250,
    providers: 1,
    providerTiming: { reclamationWindowMs: 3 * HOUR_MS },
  });
});

afterAll(async () => {
  await e2e?.stop();
});

/** The web SDL as version 2.1 with a reclamation minimum. */
const sdl21 = (minWindow: string) =>
  webSdl({ image: "nginx:reclaim" }).replace('version: "2.0"', 'version: "2.1"') +
  `reclamation:\n  min_window: ${minWindow}\n`;

const leaseTf = (policy = "") => `
resource "akash_deployment" "web" {
  sdl = file("\${path.module}/deploy.yaml")
}
resource "akash_lease" "web" {
  dseq     = akash_deployment.web.dseq
  manifest = akash_deployment.web.manifest_json
  bid_policy {
    max_price = { uact = "1000" }
    collect   = "1s"
    wait      = "20s"
${policy}
  }
}
`;

const flat = (text: string) => text.replace(/\s+/g, " ");

test("min_window 2h lands on chain; the lease carries the bid's window; reclamation shows in the next plan", async () => {
  const dir = await e2e.workspace(leaseTf(), { "deploy.yaml": sdl21("2h") });
  const apply = await e2e.tf(dir, ["apply", "-auto-approve"]);
  expect(apply.code).toBe(0);
  const deployment = await stateOf(e2e, dir, "akash_deployment.web");
  const lease = await stateOf(e2e, dir, "akash_lease.web");
  const dseq = BigInt(String(deployment.dseq));
  e2e.chain.invalidate();
  // Decoded from the chain's own answers: the deployment requires 2 h, the lease inherited its bid's 3 h.
  expect((await e2e.chain.deployment(e2e.net.address, dseq))?.reclamation).toEqual({
    minWindowSeconds: 7200,
  });
  const [onChain] = await e2e.chain.leases(e2e.net.address, { dseq });
  expect(onChain?.reclamation?.windowSeconds).toBe(10_800);
  expect(lease.reclamation_window).toBe("3h");
  expect(lease.reclaim_deadline).toBeNull();
  expect((await e2e.tf(dir, ["plan", "-detailed-exitcode"])).code).toBe(0);

  // The provider announces it wants its resources back.
  const started = await e2e.net.startReclaim(String(lease.provider_address), {
    dseq: dseq.toString(),
    gseq: 1,
    oseq: 1,
  });
  expect(started.code).toBe(0);
  const plan = await e2e.tf(dir, ["plan"]);
  expect(plan.code).toBe(0);
  const text = flat(plan.stdout + plan.stderr);
  expect(text).toContain("Lease being reclaimed by its provider");
  expect(text).toContain(`until ${started.deadline!.replace(/\.\d+Z$/, "")}`);
  // The refresh records it: state and deadline, as `plan -refresh-only` shows and state keeps.
  const refresh = await e2e.tf(dir, ["apply", "-refresh-only", "-auto-approve"]);
  expect(flat(refresh.stdout)).toMatch(/state\s*=\s*"active" -> "reclaiming"/);
  const reclaiming = await stateOf(e2e, dir, "akash_lease.web");
  expect(reclaiming.state).toBe("reclaiming");
  expect(String(reclaiming.reclaim_deadline).replace(/\.\d+Z$/, "")).toBe(
    started.deadline!.replace(/\.\d+Z$/, ""),
  );
  expect((await e2e.tf(dir, ["destroy", "-auto-approve"])).code).toBe(0);
  e2e.chain.invalidate();
  expect((await e2e.chain.deployment(e2e.net.address, dseq))?.state).toBe("closed");
}, 300_000);

test("a bid offering a shorter window than min_reclamation_window is rejected with the reason", async () => {
  const dir = await e2e.workspace(leaseTf('    min_reclamation_window = "4h"'), { "deploy.yaml": webSdl() });
  const apply = await e2e.tf(dir, ["apply", "-auto-approve"]);
  expect(apply.code).not.toBe(0);
  expect(apply.stderr).not.toMatch(STACK_TRACE);
  const text = flat(apply.stderr);
  expect(text).toContain("No acceptable bid");
  expect(text).toContain("offers a reclamation window of 3h, below min_reclamation_window 4h");
  expect((await e2e.tf(dir, ["destroy", "-auto-approve"])).code).toBe(0);
}, 300_000);

test("a stalled oracle stops the mint with a clear error; nothing is created", async () => {
  const mnemonic = Bip39.encode(Random.getBytes(32)).toString();
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: "akash" });
  const [account] = await wallet.getAccounts();
  const funder = await DirectSecp256k1HdWallet.fromMnemonic(e2e.net.mnemonic, { prefix: "akash" });
  const client = await SigningStargateClient.connectWithSigner(e2e.net.node, funder, {
    gasPrice: GasPrice.fromString("0.025uakt"),
    broadcastPollIntervalMs: 100,
  });
  const sent = await client.sendTokens(
    e2e.net.address,
    account!.address,
    [{ denom: "uakt", amount: "100000000" }],
    "auto",
  );
  expect(sent.code).toBe(0);
  client.disconnect();

  e2e.net.oracle.setFeed({ stalled: true });
  await eventually("the oracle to be stalled", () =>
    Promise.resolve(e2e.net.oracle.feed().healthy ? undefined : true),
  );
  try {
    const dir = await e2e.workspace(
      `resource "akash_deployment" "app" {\n  sdl      = file("\${path.module}/deploy.yaml")\n  mint_act = "20000000uakt"\n}\n`,
      { "deploy.yaml": webSdl() },
    );
    const apply = await e2e.tf(dir, ["apply", "-auto-approve"], { AKASH_MNEMONIC: mnemonic });
    expect(apply.code).not.toBe(0);
    expect(apply.stderr).not.toMatch(STACK_TRACE);
    const text = flat(apply.stderr);
    expect(text).toContain("ACT minting is paused");
    expect(text).toMatch(/retry once the oracle reports prices again/i);
    e2e.chain.invalidate();
    expect(await e2e.chain.deployments(account!.address)).toEqual([]);
    // Nothing was burnt either: the AKT is all there but for fees.
    const akt = (await e2e.chain.balances(account!.address)).find((c) => c.denom === "uakt")?.amount ?? 0n;
    expect(akt).toBeGreaterThan(99_000_000n);
  } finally {
    e2e.net.oracle.setFeed({ stalled: false });
  }
}, 300_000);
