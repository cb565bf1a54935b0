/**
 * Policy and inputs are checked before money moves (issue 11): each mistake below ends `terraform apply` at plan
 * time with a diagnostic naming the attribute, and nothing is created on chain (no deployment, no deposit).
 */
import { STACK_TRACE, startE2eNet, type E2eNet } from "./localnet-terraform";
import { webSdl } from "../support/web-sdl";

let e2e: E2eNet;

beforeAll(async () => {
  e2e = await startE2eNet({ blockTimeMs: 250, providers: 1 });
});

afterAll(async () => {
  await e2e?.stop();
});

const provider = (i = 0) => e2e.net.providers[i]!.address;
/** The address with its last character changed: still bech32 characters, but the checksum no longer holds. */
const typo = (address: string) => address.slice(0, -1) + (address.endsWith("q") ? "p" : "q");

function pair(lease: string, deposit = "5000000uact"): string {
  return `
resource "akash_deployment" "app" {
  sdl     = file("\${path.module}/deploy.yaml")
  deposit = "${deposit}"
}
resource "akash_lease" "app" {
  dseq = akash_deployment.app.dseq
${lease}
}
`;
}

async function activeDeployments(): Promise<number> {
  e2e.chain.invalidate();
  return (await e2e.chain.deployments(e2e.net.address, { state: "active" })).length;
}

const flat = (text: string) => text.replace(/\s+/g, " ");

const cases: { name: string; body: () => string; summary: string; detail: RegExp }[] = [
  {
    name: "a max_price in uakt on an SDL priced in uact",
    body: () =>
      pair(`  manifest = akash_deployment.app.manifest_json
  bid_policy {
    max_price = { uakt = "100" }
  }`),
    summary: "max_price in a denom no bid uses",
    detail: /every bid is in uact and a cap in uakt would cap nothing/,
  },
  {
    name: "a provider both allowed and denied",
    body: () =>
      pair(`  manifest = akash_deployment.app.manifest_json
  bid_policy {
    allowed_providers = ["${provider()}"]
    denied_providers  = ["${provider()}"]
  }`),
    summary: "Provider both allowed and denied",
    detail: /is in allowed_providers and in denied_providers/,
  },
  {
    name: "a malformed provider address",
    body: () =>
      pair(`  manifest = akash_deployment.app.manifest_json
  bid_policy {
    denied_providers = ["${typo(provider())}"]
  }`),
    summary: "Invalid address",
    detail: /bech32 checksum or length is wrong/,
  },
  {
    name: "a deposit below the chain's minimum",
    body: () => pair(`  manifest = akash_deployment.app.manifest_json`, "1000uact"),
    summary: "Deposit below the chain's minimum",
    detail: /below the chain's minimum deployment deposit 500000uact/,
  },
  {
    name: "a manifest that is not JSON",
    body: () => pair(`  manifest = "{not json"`),
    summary: "Invalid manifest",
    detail: /manifest is not JSON/,
  },
];

test.each(cases)(
  "$name: refused at plan, nothing created",
  async ({ body, summary, detail }) => {
    const dir = await e2e.workspace(body(), { "deploy.yaml": webSdl() });
    const before = await activeDeployments();
    const apply = await e2e.tf(dir, ["apply", "-auto-approve"]);
    expect(apply.code).not.toBe(0);
    expect(apply.stderr).not.toMatch(STACK_TRACE);
    const text = flat(apply.stderr);
    expect(text).toContain(summary);
    expect(text).toMatch(detail);
    // Plan-time: terraform never got to "Creating...", and the chain has no new deployment.
    expect(apply.stdout).not.toContain("Creating...");
    expect(await activeDeployments()).toBe(before);
  },
  120_000,
);

test('strategy = "preferred" without preferred providers warns', async () => {
  const dir = await e2e.workspace(
    pair(`  manifest = akash_deployment.app.manifest_json
  bid_policy {
    strategy = "preferred"
  }`),
    { "deploy.yaml": webSdl() },
  );
  const plan = await e2e.tf(dir, ["plan"]);
  expect(plan.code).toBe(0);
  expect(flat(plan.stderr + plan.stdout)).toContain("No preferred providers");
});
