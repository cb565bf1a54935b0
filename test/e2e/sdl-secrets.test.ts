/**
 * Secrets in the SDL stay secret: an env value passed from a sensitive variable (the postgres preset's pattern) and
 * one written inline appear nowhere in terraform's output or the provider's logs (TF_LOG=trace) across plan, apply,
 * an in-place update, show, output and destroy; plans show `manifest_summary` (names, no values) instead.
 */
import { stateOf, startE2eNet, type E2eNet } from "./localnet-terraform";
import type { TerraformResult } from "../support/terraform";

let e2e: E2eNet;

beforeAll(async () => {
  e2e = await startE2eNet({ blockTimeMs: 200, providers: 1 });
});

afterAll(async () => {
  await e2e?.stop();
});

const FROM_VARIABLE = "s3cr3t-from-a-sensitive-variable-6f1c";
const INLINE = "inline-token-written-in-the-sdl-92ad";

const template = (image: string) => `---
version: "2.0"
services:
  db:
    image: ${image}
    env:
      - POSTGRES_PASSWORD=\${password}
      - API_TOKEN=${INLINE}
    expose:
      - port: 5432
        to:
          - global: true
profiles:
  compute:
    db:
      resources:
        cpu:
          units: 0.5
        memory:
          size: 512Mi
        storage:
          size: 1Gi
  placement:
    dcloud:
      pricing:
        db:
          denom: uact
          amount: 1000
deployment:
  db:
    dcloud:
      profile: db
      count: 1
`;

const body = `
variable "db_password" {
  type      = string
  sensitive = true
}
resource "akash_deployment" "db" {
  sdl = templatefile("\${path.module}/deploy.yaml.tftpl", { password = var.db_password })
}
resource "akash_lease" "db" {
  dseq     = akash_deployment.db.dseq
  manifest = akash_deployment.db.manifest_json
}
output "summary" {
  value = akash_deployment.db.manifest_summary
}
`;

function expectNoSecret(run: TerraformResult): void {
  const text = run.stdout + run.stderr;
  expect(text.includes(FROM_VARIABLE)).toBe(false);
  expect(text.includes(INLINE)).toBe(false);
}

test("env values from a sensitive variable or inline never reach output or logs; the summary shows the change", async () => {
  const dir = await e2e.workspace(body, { "deploy.yaml.tftpl": template("postgres:16") });
  const env = { TF_LOG: "trace", TF_VAR_db_password: FROM_VARIABLE };
  const runs: TerraformResult[] = [];
  const run = async (args: string[]) => {
    const result = await e2e.tf(dir, args, env);
    runs.push(result);
    return result;
  };

  const plan = await run(["plan"]);
  expect(plan.code).toBe(0);
  expect(plan.stdout).toMatch(/manifest_json\s+=\s+\(sensitive value\)/);
  expect(plan.stdout).toContain("image postgres:16");
  expect(plan.stdout).toContain("env POSTGRES_PASSWORD, API_TOKEN (values hidden)");
  expect((await run(["apply", "-auto-approve"])).code).toBe(0);
  // The secret did reach the provider: it is in the manifest the chain's hash covers.
  const state = await stateOf(e2e, dir, "akash_deployment.db");
  expect(String(state.manifest_json)).toContain(FROM_VARIABLE);
  expect((await run(["plan", "-detailed-exitcode"])).code).toBe(0);

  // An in-place update: the plan says what changes through the summary, not through the manifest.
  const { writeFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  writeFileSync(join(dir, "deploy.yaml.tftpl"), template("postgres:17"));
  const update = await run(["plan"]);
  expect(update.stdout).toContain("image postgres:17");
  expect(update.stdout).toMatch(/~ update in-place/);
  expect((await run(["apply", "-auto-approve"])).code).toBe(0);
  expect((await run(["plan", "-detailed-exitcode"])).code).toBe(0);

  const show = await run(["show"]);
  expect(show.stdout).toMatch(/sdl\s+=\s+\(sensitive value\)/);
  const output = await run(["output", "summary"]);
  expect(output.stdout).toContain("image postgres:17");
  expect((await run(["destroy", "-auto-approve"])).code).toBe(0);

  for (const r of runs) expectNoSecret(r);
  // The trace logs are really there (the check above is not vacuous).
  expect(runs[1]!.stderr).toMatch(/\[TRACE\]/);
}, 300_000);
