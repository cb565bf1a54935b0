/**
 * Import with the SDL the deployment was created from gives an empty first plan (issue 14): the import ID names
 * the SDL file (`<dseq>,sdl=deploy.yaml`), its hash is checked against the chain, and the deposit is recovered from
 * the escrow. A wrong SDL is refused at import, saying why.
 */
import { applyStep, importStep, inWorkspace } from "./acceptance";
import { stateOf, startE2eNet, type E2eNet } from "./localnet-terraform";
import { webSdl } from "../support/web-sdl";

let e2e: E2eNet;

beforeAll(async () => {
  e2e = await startE2eNet({ blockTimeMs: 250, providers: 1 });
});

afterAll(async () => {
  await e2e?.stop();
});

const body = `
resource "akash_deployment" "web" {
  sdl = file("\${path.module}/deploy.yaml")
}
`;

test("import with its SDL: the first plan is empty, for the CLI and for import blocks", async () => {
  const dir = await e2e.workspace(body, { "deploy.yaml": webSdl({ image: "nginx:import" }) });
  expect((await applyStep(inWorkspace(e2e, dir))).code).toBe(0);
  const created = await stateOf(e2e, dir, "akash_deployment.web");
  const dseq = String(created.dseq);
  // Into a fresh workspace with the same configuration: balance and runway move with the chain.
  await importStep(e2e, dir, [
    {
      address: "akash_deployment.web",
      id: `${dseq},sdl=deploy.yaml`,
      ignore: ["balance", "runway", "timeouts"],
    },
  ]);
  expect((await e2e.tf(dir, ["state", "rm", "akash_deployment.web"])).code).toBe(0);

  const imported = await e2e.tf(dir, ["import", "akash_deployment.web", `${dseq},sdl=deploy.yaml`]);
  expect(imported.code).toBe(0);
  const state = await stateOf(e2e, dir, "akash_deployment.web");
  // Attribute by attribute: everything the create wrote is recovered (balance and runway move with the chain).
  for (const key of Object.keys(created)) {
    if (key === "balance" || key === "runway" || key === "timeouts") continue;
    expect([key, state[key]]).toEqual([key, created[key]]);
  }
  const plan = await e2e.tf(dir, ["plan", "-detailed-exitcode"]);
  expect([plan.code, plan.stdout]).toEqual([0, expect.stringContaining("No changes.") as unknown]);

  // The same through an import block.
  expect((await e2e.tf(dir, ["state", "rm", "akash_deployment.web"])).code).toBe(0);
  const { writeFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  writeFileSync(
    join(dir, "import.tf"),
    `import {\n  to = akash_deployment.web\n  id = "${dseq},sdl=deploy.yaml"\n}\n`,
  );
  const blockPlan = await e2e.tf(dir, ["plan"]);
  expect(blockPlan.code).toBe(0);
  expect(blockPlan.stdout).toContain("Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.");
  expect((await e2e.tf(dir, ["apply", "-auto-approve"])).code).toBe(0);
  expect((await e2e.tf(dir, ["plan", "-detailed-exitcode"])).code).toBe(0);
  expect((await e2e.tf(dir, ["destroy", "-auto-approve"])).code).toBe(0);
}, 300_000);

test("import with an SDL that is not the deployment's is refused, saying why", async () => {
  const dir = await e2e.workspace(body, { "deploy.yaml": webSdl({ image: "nginx:import-a" }) });
  expect((await applyStep(inWorkspace(e2e, dir))).code).toBe(0);
  const dseq = String((await stateOf(e2e, dir, "akash_deployment.web")).dseq);
  expect((await e2e.tf(dir, ["state", "rm", "akash_deployment.web"])).code).toBe(0);
  const { writeFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  writeFileSync(join(dir, "other.yaml"), webSdl({ image: "nginx:import-b" }));
  const wrong = await e2e.tf(dir, ["import", "akash_deployment.web", `${dseq},sdl=other.yaml`]);
  expect(wrong.code).not.toBe(0);
  expect(wrong.stderr.replace(/\s+/g, " ")).toContain("SDL does not match the deployment");
  const missing = await e2e.tf(dir, ["import", "akash_deployment.web", `${dseq},sdl=nowhere.yaml`]);
  expect(missing.stderr).toContain("Cannot read the SDL file");
  expect((await e2e.tf(dir, ["import", "akash_deployment.web", `${dseq},sdl=deploy.yaml`])).code).toBe(0);
  expect((await e2e.tf(dir, ["destroy", "-auto-approve"])).code).toBe(0);
}, 300_000);
