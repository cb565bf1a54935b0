/**
 * Grantee mode through the real terraform binary against the localnet: a granter grants a deposit authorization
 * and a fee allowance to a fresh CI key; the CI key (no funds at all) deploys, spending the granter's limit; closing
 * credits it back; revocation outside Terraform shows as drift; an exhausted grant fails cleanly.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Bip39, Random } from "@cosmjs/crypto";
import { mnemonicSigner } from "../../src/akash/adapters/cosmos/mnemonic-signer";
import { createCosmosChain, type CosmosChain } from "../../src/akash/adapters/cosmos/cosmos-chain";
import { PROVIDER_BLOCK, stateOf, STACK_TRACE, startE2eNet, type E2eNet } from "./localnet-terraform";
import { namedStep } from "../support/named-step";
import { webSdl } from "../support/web-sdl";
import { applyStep, inWorkspace } from "./acceptance";

let e2e: E2eNet;
let granterChain: CosmosChain;
let ci: { mnemonic: string; address: string };

beforeAll(async () => {
  e2e = await startE2eNet({ blockTimeMs: 200, providers: 1 });
  granterChain = await createCosmosChain({
    nodes: [e2e.net.node],
    mnemonic: e2e.net.mnemonic,
    cacheTtlMs: 0,
    pollIntervalMs: 100,
  });
  const mnemonic = Bip39.encode(Random.getBytes(32)).toString();
  ci = { mnemonic, address: (await mnemonicSigner(mnemonic)).address };
});

afterAll(async () => {
  await granterChain?.close();
  await e2e?.stop();
});

const grantsTf = (limit: string, periodic = false) => `
variable "ci" { type = string }

resource "akash_deposit_authorization" "ci" {
  grantee      = var.ci
  spend_limits = ["${limit}"]
}

resource "akash_fee_allowance" "ci" {
  grantee     = var.ci
  spend_limit = ["20000000uakt"]
  expiration  = "2999-01-01T00:00:00Z"
  ${periodic ? 'period = "24h"\n  period_spend_limit = ["5000000uakt"]' : ""}
}
`;

const ciTf = (deposit: string) => `
resource "akash_deployment" "app" {
  sdl     = file("\${path.module}/deploy.yaml")
  deposit = "${deposit}"
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

const ciEnv = () => ({ AKASH_MNEMONIC: ci.mnemonic, AKASH_GRANTER: e2e.net.address, TF_VAR_ci: ci.address });

async function remaining(): Promise<bigint> {
  const grants = await granterChain.depositGrants({ granter: e2e.net.address, grantee: ci.address });
  return grants[0]?.spendLimits.find((c) => c.denom === "uact")?.amount ?? -1n;
}

async function ciBalances() {
  e2e.chain.invalidate();
  return e2e.chain.balances(ci.address);
}

// One granter state and one CI state carried through every step: each named step builds on the one before it.
test("grantee mode: grant, list, deploy on the grant, refund, exhausted, revoked, re-grant and revoke", async () => {
  let granterDir: string;
  let ciDir: string;

  await namedStep(
    "the granter grants a deposit authorization and a fee allowance; a second plan is clean",
    async () => {
      granterDir = await e2e.workspace(grantsTf("20000000uact"));
      const env = { TF_VAR_ci: ci.address };
      const apply = await e2e.tf(granterDir, ["apply", "-auto-approve"], env);
      expect(apply.stderr).toBe("");
      expect(apply.code).toBe(0);
      expect(await remaining()).toBe(20_000_000n);
      const [allowance] = await granterChain.feeAllowances({ granter: e2e.net.address, grantee: ci.address });
      expect(allowance).toMatchObject({
        kind: "basic",
        spendLimit: [{ denom: "uakt", amount: 20_000_000n }],
      });
      const auth = await stateOf(e2e, granterDir, "akash_deposit_authorization.ci");
      expect(auth).toMatchObject({
        granter: e2e.net.address,
        grantee: ci.address,
        remaining: ["20000000uact"],
        scopes: ["deployment"],
      });
      const plan = await e2e.tf(granterDir, ["plan", "-detailed-exitcode"], env);
      expect(plan.code).toBe(0);
    },
  );

  await namedStep(
    "data akash_authorizations lists what the granter gave and what the CI key received",
    async () => {
      const dir = await e2e.workspace(`
variable "ci" { type = string }
data "akash_authorizations" "given" {}
data "akash_authorizations" "received" {
  address = var.ci
  role    = "grantee"
}
output "given" { value = data.akash_authorizations.given }
output "received" { value = data.akash_authorizations.received }
`);
      const apply = await applyStep(inWorkspace(e2e, dir, { TF_VAR_ci: ci.address }));
      expect(apply.code).toBe(0);
      const out = JSON.parse((await e2e.tf(dir, ["output", "-json"])).stdout) as Record<
        string,
        { value: unknown }
      >;
      const expected = {
        deposit_authorizations: [
          {
            granter: e2e.net.address,
            grantee: ci.address,
            spend_limits: ["20000000uact"],
            scopes: ["deployment"],
            expiration: null,
          },
        ],
        fee_allowances: [
          {
            granter: e2e.net.address,
            grantee: ci.address,
            kind: "basic",
            spend_limit: ["20000000uakt"],
            expiration: "2999-01-01T00:00:00.000Z",
          },
        ],
      };
      expect(out.given?.value).toMatchObject({ address: e2e.net.address, role: "granter", ...expected });
      expect(out.received?.value).toMatchObject({ address: ci.address, role: "grantee", ...expected });
    },
  );

  await namedStep(
    "the CI key, holding nothing, deploys: the deposit comes from the grant, fees from the allowance",
    async () => {
      expect(await ciBalances()).toEqual([]);
      ciDir = await e2e.workspace(ciTf("5000000uact"), { "deploy.yaml": webSdl() });
      const apply = await e2e.tf(ciDir, ["apply", "-auto-approve"], ciEnv());
      expect(apply.stderr).toBe("");
      expect(apply.code).toBe(0);
      const deployment = await stateOf(e2e, ciDir, "akash_deployment.app");
      expect(deployment).toMatchObject({
        owner: ci.address,
        deposit_source: "grant",
        deposit_granter: e2e.net.address,
        // Who the chain actually drew from, read from the create transaction's transfers.
        deposit_draws: [{ source: "grant", account: e2e.net.address, amount: "5000000uact" }],
      });
      expect((await stateOf(e2e, ciDir, "akash_lease.app")).state).toBe("active");
      expect((await e2e.tf(ciDir, ["plan", "-detailed-exitcode"], ciEnv())).code).toBe(0);
      // The granter's limit went down by exactly the deposit; the CI key still holds nothing.
      expect(await remaining()).toBe(15_000_000n);
      expect(await ciBalances()).toEqual([]);
      const [allowance] = await granterChain.feeAllowances({ granter: e2e.net.address, grantee: ci.address });
      const feesLeft = allowance?.spendLimit[0]?.amount ?? 0n;
      expect(feesLeft).toBeLessThan(20_000_000n); // the CI key's fees came out of the allowance
      expect(feesLeft).toBeGreaterThan(0n);
      const refresh = await e2e.tf(granterDir, ["apply", "-refresh-only", "-auto-approve"], {
        TF_VAR_ci: ci.address,
      });
      expect(refresh.code).toBe(0);
      expect((await stateOf(e2e, granterDir, "akash_deposit_authorization.ci")).remaining).toEqual([
        "15000000uact",
      ]);
    },
  );

  await namedStep("destroying the deployment credits what is left back to the grant", async () => {
    const destroy = await e2e.tf(ciDir, ["destroy", "-auto-approve"], ciEnv());
    expect(destroy.stderr).toBe("");
    expect(destroy.code).toBe(0);
    const left = await remaining();
    // Everything but what the lease consumed (a few blocks at <= 1000 uact/block) comes back.
    expect(left).toBeGreaterThan(19_900_000n);
    expect(left).toBeLessThanOrEqual(20_000_000n);
  });

  await namedStep("an exhausted grant gives a clear error and leaves nothing on chain", async () => {
    const dir = await e2e.workspace(ciTf("25000000uact"), { "deploy.yaml": webSdl() });
    const apply = await e2e.tf(dir, ["apply", "-auto-approve"], ciEnv());
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain("Deposit authorization exhausted");
    expect(apply.stderr).toContain(e2e.net.address);
    expect(apply.stderr).toMatch(/needs 25000000uact/);
    expect(apply.stderr).not.toMatch(STACK_TRACE);
    e2e.chain.invalidate();
    expect(await e2e.chain.deployments(ci.address, { state: "active" })).toEqual([]);
  });

  await namedStep(
    "revoking outside Terraform shows as drift, and a missing grant is named in CI errors",
    async () => {
      await granterChain.transactions!.submit({
        kind: "revokeDepositAuthorization",
        granter: e2e.net.address,
        grantee: ci.address,
      });
      const plan = await e2e.tf(granterDir, ["plan", "-detailed-exitcode"], { TF_VAR_ci: ci.address });
      expect(plan.code).toBe(2);
      expect(plan.stdout).toMatch(/akash_deposit_authorization\.ci will be created/);
      expect(plan.stdout).toContain("1 to add, 0 to change, 0 to destroy");

      const dir = await e2e.workspace(ciTf("5000000uact"), { "deploy.yaml": webSdl() });
      const apply = await e2e.tf(dir, ["apply", "-auto-approve"], ciEnv());
      expect(apply.code).toBe(1);
      expect(apply.stderr).toContain("Deposit authorization missing");
      expect(apply.stderr.replace(/\s+/g, " ")).toContain(
        `${e2e.net.address} has no live deposit authorization for ${ci.address}`,
      );
    },
  );

  await namedStep("changing the limits re-grants in place; destroy revokes both grants", async () => {
    writeFileSync(join(granterDir, "main.tf"), PROVIDER_BLOCK + grantsTf("30000000uact", true));
    const apply = await e2e.tf(granterDir, ["apply", "-auto-approve"], { TF_VAR_ci: ci.address });
    expect(apply.code).toBe(0);
    expect(await remaining()).toBe(30_000_000n);
    // The fee allowance became periodic: revoked and granted again.
    expect(await stateOf(e2e, granterDir, "akash_fee_allowance.ci")).toMatchObject({
      kind: "periodic",
      period: "24h",
      remaining: ["20000000uakt"],
      period_remaining: ["5000000uakt"],
    });
    const replan = await e2e.tf(granterDir, ["plan", "-detailed-exitcode"], { TF_VAR_ci: ci.address });
    expect(replan.code).toBe(0);
    const destroy = await e2e.tf(granterDir, ["destroy", "-auto-approve"], { TF_VAR_ci: ci.address });
    expect(destroy.code).toBe(0);
    expect(await granterChain.depositGrants({ granter: e2e.net.address, grantee: ci.address })).toEqual([]);
    expect(await granterChain.feeAllowances({ granter: e2e.net.address, grantee: ci.address })).toEqual([]);
  });
}, 1_500_000);
