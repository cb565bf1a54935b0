/**
 * Funding from AKT only, through the real terraform binary: a wallet that holds AKT and no ACT reaches a running
 * deployment in one apply (the plan warns that a mint will happen and names the amount; the apply burns AKT for
 * ACT with MsgMintACT and waits for the BME epoch). When the chain halts mints, the error says so and nothing is
 * sent. `mint_act` may also name the ACT wanted: the plan quotes the burn from the oracle price, and the apply
 * refuses to burn more than `mint_act_max_burn` when the price has moved.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Bip39, Random } from "@cosmjs/crypto";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { GasPrice, SigningStargateClient } from "@cosmjs/stargate";
import { startChain, defaultGenesis, type ChainHandle } from "../../src/localnet/chain";
import { stateOf, STACK_TRACE, startE2eNet, type E2eNet } from "./localnet-terraform";
import { eventually } from "../support/eventually";
import { webSdl } from "../support/web-sdl";

let e2e: E2eNet;

async function freshWallet(): Promise<{ mnemonic: string; address: string }> {
  const mnemonic = Bip39.encode(Random.getBytes(32)).toString();
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: "akash" });
  const [account] = await wallet.getAccounts();
  return { mnemonic, address: account!.address };
}

beforeAll(async () => {
  e2e = await startE2eNet({ blockTimeMs: 200, providers: 1 });
});

afterAll(async () => {
  await e2e?.stop();
});

const mintingTf = `
resource "akash_deployment" "app" {
  sdl      = file("\${path.module}/deploy.yaml")
  deposit  = "5000000uact"
  mint_act = "20000000uakt"
}

resource "akash_lease" "app" {
  dseq     = akash_deployment.app.dseq
  manifest = akash_deployment.app.manifest_json
  bid_policy {
    max_price = { uact = "1000" }
    collect   = "1s"
  }
}
`;

test("an AKT-only wallet deploys in one apply: the plan announces the mint, the apply mints and runs", async () => {
  const wallet = await aktOnlyWallet();
  const dir = await e2e.workspace(mintingTf, { "deploy.yaml": webSdl() });
  const env = { AKASH_MNEMONIC: wallet.mnemonic };
  const plan = await e2e.tf(dir, ["plan"], env);
  expect(plan.code).toBe(0);
  expect(plan.stdout).toContain("ACT will be minted");
  expect(plan.stdout).toContain("burn 20000000uakt");

  const apply = await e2e.tf(dir, ["apply", "-auto-approve"], env);
  expect(apply.stderr).toBe("");
  expect(apply.code).toBe(0);
  expect((await stateOf(e2e, dir, "akash_lease.app")).state).toBe("active");
  e2e.chain.invalidate();
  const balances = await e2e.chain.balances(wallet.address);
  // 20 AKT burnt at the localnet price (1 ACT, 0.25% spread) = 19.95 ACT minted; 5 ACT went into escrow.
  expect(balances.find((c) => c.denom === "uact")?.amount).toBe(14_950_000n);
  const uakt = balances.find((c) => c.denom === "uakt")?.amount ?? 0n;
  expect(uakt).toBeLessThan(80_000_000n);
  expect(uakt).toBeGreaterThan(79_000_000n); // what is left after the burn and the fees

  // Nothing left to mint: a second plan is clean.
  const again = await e2e.tf(dir, ["plan", "-detailed-exitcode"], env);
  expect(again.code).toBe(0);
  expect(again.stdout).not.toContain("ACT will be minted");
  expect((await e2e.tf(dir, ["destroy", "-auto-approve"], env)).code).toBe(0);
});

/** Gives a fresh wallet 100 AKT and no ACT. */
async function aktOnlyWallet(): Promise<{ mnemonic: string; address: string }> {
  const wallet = await freshWallet();
  const funder = await DirectSecp256k1HdWallet.fromMnemonic(e2e.net.mnemonic, { prefix: "akash" });
  const client = await SigningStargateClient.connectWithSigner(e2e.net.node, funder, {
    gasPrice: GasPrice.fromString("0.025uakt"),
    broadcastPollIntervalMs: 100,
  });
  const sent = await client.sendTokens(
    e2e.net.address,
    wallet.address,
    [{ denom: "uakt", amount: "100000000" }],
    "auto",
  );
  expect(sent.code).toBe(0);
  client.disconnect();
  return wallet;
}

const flat = (text: string) => text.replace(/\s+/g, " ");

/** A feed change lands with the next block: waits until the chain's oracle query answers with it. */
async function oraclePriceOnChain(aktPrice: string): Promise<void> {
  await eventually(`the oracle's AKT price to be ${aktPrice}`, async () => {
    e2e.chain.invalidate();
    return Number((await e2e.chain.oraclePrice("akt")).price) === Number(aktPrice);
  });
}

test("mint_act as the ACT wanted: the plan quotes the burn and states its bound; a price drop beyond it burns nothing", async () => {
  const wallet = await aktOnlyWallet();
  const env = { AKASH_MNEMONIC: wallet.mnemonic };
  const tf = `
resource "akash_deployment" "app" {
  sdl      = file("\${path.module}/deploy.yaml")
  deposit  = "5000000uact"
  mint_act = "10000000uact"
  MAX_BURN
}
`;
  const unbounded = await e2e.workspace(tf.replace("MAX_BURN", ""), { "deploy.yaml": webSdl() });
  const advice = await e2e.tf(unbounded, ["plan"], env);
  expect(advice.code).toBe(0);
  expect(flat(advice.stdout)).toContain(
    'set mint_act_max_burn (e.g. "10225564uakt", 2 % above today\'s quote)',
  );
  const dir = await e2e.workspace(tf.replace("MAX_BURN", 'mint_act_max_burn = "10225564uakt"'), {
    "deploy.yaml": webSdl({ image: "nginx:quoted" }),
  });
  // At the localnet's 1 ACT per AKT and 0.25 % spread, 10 ACT take 10025062 uakt by the chain's own rounding; the bound adds 2 %.
  const plan = await e2e.tf(dir, ["plan", "-out=tfplan"], env);
  expect(plan.code).toBe(0);
  const planned = flat(plan.stdout);
  expect(planned).toContain("burn 10025062uakt");
  expect(planned).toContain("mints 10000000uact");
  expect(planned).toContain("burns at most 10225564uakt (mint_act_max_burn)");

  // AKT halves in price before the apply: the same 10 ACT would burn about twice as much.
  e2e.net.oracle.setFeed({ aktPrice: "0.5" });
  await oraclePriceOnChain("0.5");
  const refused = await e2e.tf(dir, ["apply", "-input=false", "tfplan"], env);
  expect(refused.code).toBe(1);
  expect(flat(refused.stderr)).toContain("Error: AKT price moved beyond the planned bound");
  expect(refused.stderr).toContain("Nothing was burnt");
  e2e.chain.invalidate();
  expect((await e2e.chain.balances(wallet.address)).find((c) => c.denom === "uakt")?.amount).toBe(
    100_000_000n,
  );
  expect(await e2e.chain.deployments(wallet.address)).toEqual([]);

  // Back at 1 ACT per AKT, a fresh plan and apply mint exactly what was asked for.
  e2e.net.oracle.setFeed({ aktPrice: "1" });
  await oraclePriceOnChain("1");
  const apply = await e2e.tf(dir, ["apply", "-auto-approve"], env);
  expect(apply.stderr).toBe("");
  expect(apply.code).toBe(0);
  e2e.chain.invalidate();
  const uact = (await e2e.chain.balances(wallet.address)).find((c) => c.denom === "uact")?.amount ?? 0n;
  expect(uact).toBeGreaterThanOrEqual(5_000_000n); // 10 ACT minted, 5 into escrow
  expect(uact).toBeLessThan(5_000_010n);
  expect((await e2e.tf(dir, ["plan", "-detailed-exitcode"], env)).code).toBe(0);
  expect((await e2e.tf(dir, ["destroy", "-auto-approve"], env)).code).toBe(0);
});

describe("when the chain halts ACT mints", () => {
  let chain: ChainHandle;
  let dataDir: string;
  let wallet: { mnemonic: string; address: string };

  beforeAll(async () => {
    wallet = await freshWallet();
    dataDir = mkdtempSync(join(tmpdir(), "akash-e2e-halted-"));
    const genesis = defaultGenesis({
      accounts: [{ address: wallet.address, coins: [{ denom: "uakt", amount: 100_000_000n }] }],
    });
    genesis.modules.bme = { mintsHalted: true };
    chain = await startChain({ dataDir, port: 0, blockTimeMs: 200, genesis });
  });

  afterAll(async () => {
    await chain?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("the apply fails with a clear error and sends nothing", async () => {
    const dir = await e2e.workspace(
      `
resource "akash_deployment" "app" {
  sdl      = file("\${path.module}/deploy.yaml")
  deposit  = "5000000uact"
  mint_act = "20000000uakt"
}
`,
      { "deploy.yaml": webSdl() },
    );
    const apply = await e2e.tf(dir, ["apply", "-auto-approve"], {
      AKASH_NODE: chain.rpcUrl,
      AKASH_MNEMONIC: wallet.mnemonic,
    });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain("ACT minting is halted");
    expect(apply.stderr).toContain("Nothing was sent");
    expect(apply.stderr).not.toMatch(STACK_TRACE);
    // Untouched: no fee was even paid.
    const { createCosmosChain } = await import("../../src/akash/adapters/cosmos/cosmos-chain");
    const reader = await createCosmosChain({ nodes: [chain.rpcUrl], cacheTtlMs: 0 });
    expect(await reader.balances(wallet.address)).toEqual([{ denom: "uakt", amount: 100_000_000n }]);
    expect(await reader.deployments(wallet.address)).toEqual([]);
    await reader.close();
  });
});
