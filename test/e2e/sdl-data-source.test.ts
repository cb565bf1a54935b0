/**
 * The provider as users get it: built bundle, `akash-cdktf install` into terraform's implied mirror, offline
 * `terraform init`, then plan/apply/output of `data "akash_sdl"` with the real terraform binary.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { packageInfo } from "../../src/cli/package-info";
import { sdlFixturesDir } from "../support/fixtures";
import { terraformSandbox, workspace } from "../support/terraform";
import { expectEmptyPlan } from "./acceptance";

const fixtureDir = sdlFixturesDir();

const sandbox = terraformSandbox();

const config = (sdlPath: string) => `
terraform {
  required_providers {
    akash = { source = "akash-cdktf/akash" }
  }
}
provider "akash" {}
data "akash_sdl" "app" {
  sdl = file(${JSON.stringify(sdlPath)})
}
output "hash" { value = data.akash_sdl.app.hash }
output "manifest" {
  value     = data.akash_sdl.app.manifest_json
  sensitive = true # env values of the SDL are in it
}
output "services" { value = data.akash_sdl.app.services }
output "groups" { value = data.akash_sdl.app.groups }
`;

/** The real command line, as users run it (`npx akash-cdktf install`), with the sandbox as HOME. */
function installCommand(): { code: number | null; stdout: string } {
  const cli = join(packageInfo().root, "bin", "akash-cdktf.js");
  const result = spawnSync(process.execPath, [cli, "install"], { env: sandbox.env, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout };
}

beforeAll(() => {
  expect(installCommand().code).toBe(0);
});

describe("data akash_sdl through terraform", () => {
  test("install is idempotent and lands in the implied mirror", async () => {
    const again = installCommand();
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Already installed");
    const version = packageInfo().version;
    const wrapper = join(
      sandbox.home,
      ".terraform.d/plugins/registry.terraform.io/akash-cdktf/akash",
      version,
      `linux_amd64/terraform-provider-akash_v${version}`,
    );
    expect(statSync(wrapper).mode & 0o111).not.toBe(0);
  });

  test("offline init, apply and outputs match the Go fixtures", async () => {
    const sdlPath = join(fixtureDir, "v2.0", "simple", "input.yaml");
    const dir = workspace(config(sdlPath));
    const init = await sandbox.run(dir, ["init", "-no-color"]);
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("Installing akash-cdktf/akash");

    const apply = await sandbox.run(dir, ["apply", "-auto-approve", "-no-color"]);
    expect(apply.stderr).toBe("");
    expect(apply.code).toBe(0);
    await expectEmptyPlan((args) => sandbox.run(dir, [...args, "-no-color"]));

    const output = await sandbox.run(dir, ["output", "-json"]);
    const outputs = JSON.parse(output.stdout) as Record<string, { value: unknown }>;
    const manifestJson = outputs.manifest!.value as string;
    const expected = JSON.parse(readFileSync(join(fixtureDir, "v2.0", "simple", "manifest.json"), "utf8"));
    expect(JSON.parse(manifestJson)).toEqual(expected);
    expect(outputs.hash!.value).toBe(createHash("sha256").update(manifestJson).digest("hex"));
    expect(outputs.services!.value).toEqual(["web"]);
    expect(outputs.groups!.value).toEqual(["westcoast"]);

    // A second plan has nothing to do.
    const plan = await sandbox.run(dir, ["plan", "-detailed-exitcode", "-no-color"]);
    expect(plan.code).toBe(0);

    // Re-installing the same build keeps the lock file valid.
    expect(installCommand().code).toBe(0);
    const reinit = await sandbox.run(dir, ["init", "-no-color"]);
    expect(reinit.code).toBe(0);
  });

  test("a bad SDL yields a diagnostic with the SDL path, at plan time, without a crash", async () => {
    const dir = workspace(config(join(fixtureDir, "invalid", "port-zero.yaml")));
    expect((await sandbox.run(dir, ["init", "-no-color"])).code).toBe(0);
    const plan = await sandbox.run(dir, ["plan", "-no-color"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain("Invalid SDL");
    expect(plan.stderr).toMatch(/services\.\w+\.expose\[0\]\.port/);
    expect(plan.stderr).toContain('data "akash_sdl" "app"');
    expect(plan.stderr).not.toMatch(/panic|plugin crashed|at .*\.js:\d+/);
  });

  test("install --dir prints a CLI configuration with which terraform init works offline", async () => {
    const mirror = mkdtempSync(join(tmpdir(), "akash-cdktf-mirror-"));
    const cli = join(packageInfo().root, "bin", "akash-cdktf.js");
    const result = spawnSync(process.execPath, [cli, "install", "--dir", mirror], {
      env: sandbox.env,
      encoding: "utf8",
    });
    expect(result.status).toBe(0);
    const printed = result.stdout.slice(result.stdout.indexOf("provider_installation"));
    expect(printed).toContain(JSON.stringify(mirror));
    const cliConfig = join(mirror, "terraform.rc");
    writeFileSync(cliConfig, printed);
    // A fresh HOME-less configuration: only the printed CLI config can find the provider.
    const dir = workspace(config(join(fixtureDir, "v2.1", "credentials", "input.yaml")));
    const emptyHome = mkdtempSync(join(tmpdir(), "akash-cdktf-emptyhome-"));
    const init = await sandbox.run(dir, ["init", "-no-color"], {
      TF_CLI_CONFIG_FILE: cliConfig,
      HOME: emptyHome,
    });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("Installing akash-cdktf/akash");
  });

  test("run by hand, the provider explains itself and exits 1", () => {
    const result = spawnSync(process.execPath, [join(packageInfo().root, "dist", "provider.js")], {
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/terraform/i);
  });
});
