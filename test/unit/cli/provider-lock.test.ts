/**
 * The main job writes the dependency lock file itself so that `terraform init` has nothing to add and prints no
 * "Incomplete lock file information" warning. Checked against the real terraform binary: `terraform providers
 * lock` on a filesystem mirror computes the same "h1:" hash and writes byte for byte the same file.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lockFileText, packageHashV1, writeLockFile } from "../../../src/cli/provider-lock";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "akash-provider-lock-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A provider package in a filesystem mirror, with a nested folder and names whose byte order matters. */
function mirrorPackage(): string {
  const pkg = join(dir, "mirror", "registry.terraform.io", "acme", "thing", "1.2.3", "linux_amd64");
  mkdirSync(join(pkg, "sub"), { recursive: true });
  writeFileSync(join(pkg, "terraform-provider-thing_v1.2.3"), "#!/bin/sh\nexec node main.mjs\n");
  chmodSync(join(pkg, "terraform-provider-thing_v1.2.3"), 0o755);
  writeFileSync(join(pkg, "Zeta.mjs"), "export {};\n");
  writeFileSync(join(pkg, "alpha.mjs"), "console.log(1);\n");
  writeFileSync(join(pkg, "sub", "chunk-1.mjs"), "x".repeat(5000));
  return pkg;
}

test("the lock file is what terraform itself writes for the package", () => {
  const pkg = mirrorPackage();
  const config = join(dir, "config");
  mkdirSync(config);
  writeFileSync(
    join(config, "main.tf.json"),
    JSON.stringify({
      terraform: { required_providers: { thing: { source: "acme/thing", version: "1.2.3" } } },
    }),
  );
  const lock = spawnSync(
    "terraform",
    ["providers", "lock", `-fs-mirror=${join(dir, "mirror")}`, "-platform=linux_amd64"],
    {
      cwd: config,
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_CLI_CONFIG_FILE: "/dev/null" },
    },
  );
  if (lock.status !== 0) throw new Error(`terraform providers lock failed:\n${lock.stdout}${lock.stderr}`);
  const byTerraform = readFileSync(join(config, ".terraform.lock.hcl"), "utf8");
  expect(byTerraform).toContain(packageHashV1(pkg));
  expect(
    lockFileText([
      {
        address: "registry.terraform.io/acme/thing",
        version: "1.2.3",
        constraints: "1.2.3",
        packageDir: pkg,
      },
    ]),
  ).toBe(byTerraform);
});

test("writeLockFile puts it where terraform looks, and without constraints when the stack has none", () => {
  const pkg = mirrorPackage();
  const stackDir = join(dir, "stack");
  mkdirSync(stackDir);
  writeLockFile(stackDir, [
    { address: "registry.terraform.io/acme/thing", version: "1.2.3", packageDir: pkg },
  ]);
  const text = readFileSync(join(stackDir, ".terraform.lock.hcl"), "utf8");
  expect(text).toContain(
    `provider "registry.terraform.io/acme/thing" {\n  version     = "1.2.3"\n  hashes = [\n    "h1:`,
  );
  expect(text).not.toContain("constraints");
});

test("the hash changes with any byte of the package", () => {
  const pkg = mirrorPackage();
  const before = packageHashV1(pkg);
  writeFileSync(join(pkg, "sub", "chunk-1.mjs"), "y" + "x".repeat(4999));
  expect(packageHashV1(pkg)).not.toBe(before);
});
