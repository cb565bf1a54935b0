/**
 * Mistakes users make, through the real terraform binary: each must end in a diagnostic that names the problem
 * and the fix, at plan time when it can be known then, and never in a stack trace or a leaked secret.
 */
import { createServer } from "node:net";
import type { TerraformResult } from "../support/terraform";
import { STACK_TRACE, startE2eNet, type E2eNet } from "./localnet-terraform";
import { webSdl } from "../support/web-sdl";

let e2e: E2eNet;

// Each step runs terraform several times against a live chain; CI machines are slow and shared.
jest.setTimeout(300_000);

beforeAll(async () => {
  e2e = await startE2eNet({ blockTimeMs: 250, providers: 1 });
});

afterAll(async () => {
  await e2e?.stop();
});

const deploymentTf = (deposit = "5000000uact") => `
resource "akash_deployment" "app" {
  sdl     = file("\${path.module}/deploy.yaml")
  deposit = "${deposit}"
}
`;

/** Terraform wraps diagnostics at 80 columns; compare on single-spaced text. */
const flat = (text: string) => text.replace(/\s+/g, " ");

/** Expected failures are diagnostics about the input, never a crash or a "bug in the provider". */
function checked(result: TerraformResult) {
  expect(result.stderr).not.toMatch(STACK_TRACE);
  expect(result.stderr).not.toContain("Internal error");
  expect(result.stderr).not.toContain("This is a bug");
  return { ...result, text: flat(result.stderr) };
}

async function plan(body: string, sdl: string, env: NodeJS.ProcessEnv = {}) {
  const dir = await e2e.workspace(body, { "deploy.yaml": sdl });
  const result = await e2e.tf(dir, ["plan"], env);
  return checked(result);
}

async function apply(body: string, sdl: string, env: NodeJS.ProcessEnv = {}) {
  const dir = await e2e.workspace(body, { "deploy.yaml": sdl });
  const result = await e2e.tf(dir, ["apply", "-auto-approve"], env);
  return checked(result);
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 1));
    });
  });
}

test("an invalid SDL fails the plan with the SDL path of the problem", async () => {
  const sdl = webSdl().replace("port: 80\n        as: 80", "port: 0\n        as: 80");
  const result = await plan(deploymentTf(), sdl);
  expect(result.code).toBe(1);
  expect(result.text).toContain("Error: Invalid SDL");
  expect(result.text).toMatch(/services\.web\.expose\[0\]\.port/);
  expect(result.text).toContain('resource "akash_deployment" "app"');
});

test("uakt pricing is refused at plan time with the fix", async () => {
  const result = await plan(deploymentTf("5000000uakt"), webSdl({ denom: "uakt" }));
  expect(result.code).toBe(1);
  expect(result.text).toContain("Deployments must be priced in uact");
  expect(result.text).toContain("change `pricing.<profile>.denom` to uact");
});

test("a deposit in another denom than the pricing, or not a coin at all, fails the plan", async () => {
  const mismatch = await plan(deploymentTf("5000000uakt"), webSdl());
  expect(mismatch.code).toBe(1);
  expect(mismatch.text).toContain("Deposit denom does not match the SDL pricing");
  expect(mismatch.text).toContain("the deposit must be in uact too (got uakt)");

  const garbage = await plan(deploymentTf("five ACT"), webSdl());
  expect(garbage.code).toBe(1);
  expect(garbage.text).toContain('"five ACT" is not a coin amount; write it like 5000000uact.');
});

test("a bid policy with a bad duration or price fails the plan", async () => {
  const body = `${deploymentTf()}
resource "akash_lease" "app" {
  dseq     = akash_deployment.app.dseq
  manifest = akash_deployment.app.manifest_json
  bid_policy {
    wait      = "a while"
    max_price = { uact = "cheap" }
    strategy  = "random"
  }
}
`;
  const result = await plan(body, webSdl());
  expect(result.code).toBe(1);
  expect(result.text).toContain('"a while" is not a duration such as 90s, 5m or 1h30m.');
  expect(result.text).toContain('"cheap" is not a decimal price per block.');
  expect(result.text).toMatch(/strategy/);
});

test("a deposit below the chain minimum is explained by the chain's rule, at plan", async () => {
  const result = await apply(deploymentTf("1000uact"), webSdl());
  expect(result.code).toBe(1);
  expect(result.text).toContain("Error: Deposit below the chain's minimum");
  expect(result.text).toContain("below the chain's minimum deployment deposit 500000uact");
  expect(result.text).not.toContain("Apply complete");
});

test("an unreachable node names the URL and says what to check", async () => {
  const url = `http://127.0.0.1:${await closedPort()}`;
  const result = await apply(deploymentTf(), webSdl(), { AKASH_NODE: url });
  expect(result.code).toBe(1);
  expect(result.text).toContain("Error: Akash node unreachable");
  expect(result.text).toContain(url);
  expect(result.text).toContain("Check the `node` URLs");
});

test("a missing mnemonic says how to provide one; an invalid one is not echoed", async () => {
  const missing = await apply(deploymentTf(), webSdl(), { AKASH_MNEMONIC: "" });
  expect(missing.code).toBe(1);
  expect(missing.text).toContain("No signing key configured");
  expect(missing.text).toContain("AKASH_MNEMONIC");

  const words = "zebra ".repeat(11) + "secretword";
  const invalid = await apply(deploymentTf(), webSdl(), { AKASH_MNEMONIC: words });
  expect(invalid.code).toBe(1);
  expect(invalid.text).toContain("Error: Invalid mnemonic");
  expect(invalid.text).not.toContain("Invalid request");
  expect(invalid.text).toContain("not a valid BIP-39");
  expect(invalid.stdout + invalid.stderr).not.toContain("secretword");
  expect(invalid.stdout + invalid.stderr).not.toContain("zebra");
});
