/**
 * Secrets stay secret: with TF_LOG=trace, neither the mnemonic (from the environment or from a sensitive variable
 * in the provider block) nor a certificate's private key appears in plan/apply output or in the logs, and the
 * plan shows the key only as a sensitive value.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stateOf, startE2eNet, type E2eNet } from "./localnet-terraform";
import { webSdl } from "../support/web-sdl";
import { MTLS_LEASE_TF } from "./mtls-lease-tf";

let e2e: E2eNet;

beforeAll(async () => {
  e2e = await startE2eNet({ blockTimeMs: 200, providers: 1 });
});

afterAll(async () => {
  await e2e?.stop();
});

const body = `${MTLS_LEASE_TF}
output "key" {
  value     = akash_certificate.me.private_key_pem
  sensitive = true
}
`;

/** Distinctive pieces of a secret: the whole text and each long line of a PEM body. */
function fragments(secret: string): string[] {
  const lines = secret.split("\n").filter((l) => l.length >= 16 && !l.startsWith("-----"));
  return [secret.trim(), ...lines];
}

function expectNoSecrets(output: string, secrets: string[]): void {
  for (const secret of secrets) {
    for (const fragment of fragments(secret)) expect(output.includes(fragment)).toBe(false);
  }
}

test("TF_LOG=trace: no mnemonic and no private key in plan, apply, show or destroy output", async () => {
  const dir = await e2e.workspace(body, { "deploy.yaml": webSdl() });
  const mnemonic = e2e.net.mnemonic;
  // The mnemonic as a sensitive variable in the provider block, not only in the environment.
  writeFileSync(
    join(dir, "main.tf"),
    `terraform {
  required_providers {
    akash = { source = "akash-cdktf/akash" }
  }
}
variable "mnemonic" {
  type      = string
  sensitive = true
}
provider "akash" {
  mnemonic = var.mnemonic
}
${body}`,
  );
  const env = { TF_LOG: "trace", TF_VAR_mnemonic: mnemonic, AKASH_MNEMONIC: "" };
  const plan = await e2e.tf(dir, ["plan"], env);
  expect(plan.code).toBe(0);
  expect(plan.stdout).toMatch(/private_key_pem\s+=\s+\(sensitive value\)/);
  const apply = await e2e.tf(dir, ["apply", "-auto-approve"], env);
  expect(apply.code).toBe(0);
  const key = (await stateOf(e2e, dir, "akash_certificate.me")).private_key_pem as string;
  expect(key).toMatch(/BEGIN PRIVATE KEY/);

  const show = await e2e.tf(dir, ["show"], env);
  expect(show.stdout).toMatch(/private_key_pem\s+=\s+\(sensitive value\)/);
  const replan = await e2e.tf(dir, ["plan", "-detailed-exitcode"], env);
  expect(replan.code).toBe(0); // the apply converged
  const destroy = await e2e.tf(dir, ["destroy", "-auto-approve"], env);
  expect(destroy.code).toBe(0);

  for (const run of [plan, apply, show, replan, destroy]) {
    expectNoSecrets(run.stdout + run.stderr, [mnemonic, key]);
  }
  // The trace logs are really there (the check above is not vacuous).
  expect(apply.stderr).toMatch(/\[TRACE\]/);
});
