/**
 * Leases against providers that behave like akash-network/provider (issue 10), through the real terraform binary:
 * an image that cannot be pulled ends the create quickly with the service, the image and the kubelet's reason; an
 * in-place update to a broken image during a slow rollout is an error and leaves the change pending; an update
 * while the provider's view of the hash lags applies and converges; an SDL with a field today's providers drop
 * creates nothing; a client certificate the provider refuses is reported as such.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateClientCertificate } from "../../src/resources/certificate/client-certificate";
import { webSdl } from "../support/web-sdl";
import { applyStep, inWorkspace } from "./acceptance";
import { leasesOf, stateOf, STACK_TRACE, startE2eNet, type E2eNet } from "./localnet-terraform";

let e2e: E2eNet;

beforeAll(async () => {
  // No reclamation window, so the provider's monitor may close an unstable lease at once.
  e2e = await startE2eNet({ blockTimeMs: 250, providers: 1, providerTiming: { reclamationWindowMs: 0 } });
});

afterEach(() => e2e.net.faults.clear());

afterAll(async () => {
  await e2e?.stop();
});

const LEASE_TF = (policy = "") => `
resource "akash_deployment" "web" {
  sdl = file("\${path.module}/deploy.yaml")
}
resource "akash_lease" "web" {
  dseq     = akash_deployment.web.dseq
  manifest = akash_deployment.web.manifest_json
  bid_policy {
    max_price = { uact = "1000" }
    collect   = "1s"
    wait      = "30s"
${policy}
  }
}
`;

const flat = (text: string) => text.replace(/\s+/g, " ");

async function destroy(dir: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const result = await e2e.tf(dir, ["destroy", "-auto-approve"], env);
  expect(result.code).toBe(0);
}

test("an image that cannot be pulled: create fails fast, naming the service, the image and why", async () => {
  e2e.net.faults.set({ providers: { "*": { images: { failing: ["nginx:does-not-exist"] } } } });
  const dir = await e2e.workspace(LEASE_TF(), { "deploy.yaml": webSdl({ image: "nginx:does-not-exist" }) });
  const started = Date.now();
  const apply = await e2e.tf(dir, ["apply", "-auto-approve"]);
  const took = Date.now() - started;
  expect(apply.code).toBe(1);
  const text = flat(apply.stderr);
  expect(text).toContain("Error: Workload not running");
  expect(text).toContain("service web (image nginx:does-not-exist)");
  expect(text).toContain('Failed to pull image "nginx:does-not-exist"');
  expect(text).toMatch(/not found/);
  expect(apply.stderr).not.toMatch(STACK_TRACE);
  // Not the 15-minute create timeout: a few polls after the provider's first events.
  expect(took).toBeLessThan(60_000);
  // The lease exists and costs money: it stays in state (tainted), and destroy closes it.
  const lease = await stateOf(e2e, dir, "akash_lease.web");
  expect(lease.provider_address).toMatch(/^akash1/);
  await destroy(dir);
  const leases = await leasesOf(e2e, String(lease.dseq));
  expect(leases.every((l) => l.state !== "active")).toBe(true);
});

test("an update to a broken image during a slow rollout is an error, and the change stays pending", async () => {
  const dir = await e2e.workspace(LEASE_TF(), { "deploy.yaml": webSdl({ image: "nginx:1.27" }) });
  expect((await applyStep(inWorkspace(e2e, dir))).code).toBe(0);
  const before = await stateOf(e2e, dir, "akash_lease.web");

  e2e.net.faults.set({ providers: { "*": { rolloutMs: 6000, images: { failing: ["nginx:broken"] } } } });
  writeFileSync(join(dir, "deploy.yaml"), webSdl({ image: "nginx:broken" }));
  const update = await e2e.tf(dir, ["apply", "-auto-approve"]);
  expect(update.code).toBe(1);
  const text = flat(update.stderr);
  expect(text).toContain("Error: Workload not running");
  expect(text).toContain("service web (image nginx:broken)");
  expect(update.stderr).not.toMatch(STACK_TRACE);

  // The state says what runs: the old manifest, so the next plan still shows the lease's update.
  const after = await stateOf(e2e, dir, "akash_lease.web");
  expect(after.manifest).toBe(before.manifest);
  expect(after.id).toBe(before.id);
  const plan = await e2e.tf(dir, ["plan", "-detailed-exitcode"]);
  expect(plan.code).toBe(2);
  expect(plan.stdout).toContain("# akash_lease.web will be updated in-place");

  // Back to a working image: the update applies (through the rollout) and the plan is empty.
  e2e.net.faults.set({ providers: { "*": { rolloutMs: 3000 } } });
  writeFileSync(join(dir, "deploy.yaml"), webSdl({ image: "nginx:1.28" }));
  const fixed = await e2e.tf(dir, ["apply", "-auto-approve"]);
  expect(fixed.stderr).toBe("");
  expect(fixed.code).toBe(0);
  const running = await stateOf(e2e, dir, "akash_lease.web");
  expect(running.services).toEqual([expect.objectContaining({ name: "web", available: 1, total: 1 })]);
  expect((await e2e.tf(dir, ["plan", "-detailed-exitcode"])).code).toBe(0);
  await destroy(dir);
});

test("an update while the provider's view of the hash lags applies, and the next plan is empty", async () => {
  const dir = await e2e.workspace(LEASE_TF(), { "deploy.yaml": webSdl({ image: "nginx:1.27" }) });
  expect((await applyStep(inWorkspace(e2e, dir))).code).toBe(0);
  e2e.net.faults.set({ providers: { "*": { hashLagMs: 4000 } } });
  writeFileSync(join(dir, "deploy.yaml"), webSdl({ image: "nginx:1.29" }));
  const update = await e2e.tf(dir, ["apply", "-auto-approve"]);
  expect(update.stderr).toBe("");
  expect(update.code).toBe(0);
  expect((await e2e.tf(dir, ["plan", "-detailed-exitcode"])).code).toBe(0);
  await destroy(dir);
});

test("an SDL with proxy_buffer_size is refused at plan: nothing is created", async () => {
  const sdl = webSdl().replace(
    /(\n {6}- port: 80\n(?: {8}.*\n)*)/,
    (block) => `${block}        http_options:\n          proxy_buffer_size: 16384\n`,
  );
  expect(sdl).toContain("proxy_buffer_size");
  const deploymentsBefore = (await e2e.chain.deployments(e2e.net.address)).length;
  const dir = await e2e.workspace(LEASE_TF(), { "deploy.yaml": sdl });
  const apply = await e2e.tf(dir, ["apply", "-auto-approve"]);
  expect(apply.code).toBe(1);
  const text = flat(apply.stderr);
  expect(text).toContain("Error: Manifest field today's providers drop");
  expect(text).toContain("service web: http_options.proxy_buffer_size");
  expect(text).toContain("bid_policy.require_manifest_support");
  e2e.chain.invalidate();
  expect((await e2e.chain.deployments(e2e.net.address)).length).toBe(deploymentsBefore);

  // Opting in lets the plan through, and the bid of today's provider is then rejected with its version.
  const optIn = await e2e.workspace(
    LEASE_TF('    require_manifest_support = true\n    wait = "6s"').replace('    wait      = "30s"\n', ""),
    { "deploy.yaml": sdl },
  );
  const refused = await e2e.tf(optIn, ["apply", "-auto-approve"]);
  expect(refused.code).toBe(1);
  const why = flat(refused.stderr);
  expect(why).toContain("Error: No acceptable bid");
  expect(why).toMatch(
    /chain-sdk go v0\.2\.16\) cannot take this manifest: it drops http_options\.proxy_buffer_size/,
  );
  await destroy(optIn);
});

test("a client certificate the provider refuses is reported as such, with what to do", async () => {
  // A well-formed certificate of this owner that was never published on chain.
  const material = await generateClientCertificate(e2e.net.address, 3_600_000);
  const tf = `
variable "cert" { type = string }
variable "key" {
  type      = string
  sensitive = true
}
${LEASE_TF()}`.replace(
    "  manifest = akash_deployment.web.manifest_json\n",
    '  manifest = akash_deployment.web.manifest_json\n  provider_auth = "mtls"\n' +
      "  client_certificate_pem = var.cert\n  client_private_key_pem = var.key\n",
  );
  const dir = await e2e.workspace(tf, { "deploy.yaml": webSdl({ image: "nginx:mtls" }) });
  const vars = { TF_VAR_cert: material.certPem, TF_VAR_key: material.keyPem };
  const apply = await e2e.tf(dir, ["apply", "-auto-approve"], vars);
  expect(apply.code).toBe(1);
  const text = flat(apply.stderr);
  expect(text).toContain("Error: The provider did not accept the client certificate");
  expect(text).toContain("valid on chain");
  expect(text).not.toContain("BEGIN PRIVATE KEY");
  expect(apply.stderr).not.toMatch(STACK_TRACE);
  await destroy(dir, vars);
});
