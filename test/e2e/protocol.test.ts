/**
 * The protocol and the framework through the real terraform binary: the echo test provider
 * (test/fixtures/echo-provider) is bundled with esbuild, installed into a filesystem mirror and driven through
 * init / plan / apply / update / replace / import / drift / destroy, with AutoMTLS and with plaintext.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildSync } from "esbuild";
import { terraformSandbox, type TerraformResult } from "../support/terraform";
import { expectEmptyPlan, expectSameAttributes, valuesIn } from "./acceptance";

const root = resolve(__dirname, "..", "..");
const work = mkdtempSync(join(tmpdir(), "echo-e2e-"));
const bundle = join(work, "provider.js");
const mirror = join(work, "mirror");
const cliConfig = join(work, "mirror.tfrc");
const sandbox = terraformSandbox();

beforeAll(() => {
  buildSync({
    entryPoints: [join(root, "test/fixtures/echo-provider/main.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    outfile: bundle,
    logLevel: "warning",
  });
  const pkgDir = join(mirror, "registry.terraform.io/akash-cdktf/echo/0.0.1/linux_amd64");
  mkdirSync(pkgDir, { recursive: true });
  const wrapper = join(pkgDir, "terraform-provider-echo_v0.0.1");
  writeFileSync(
    wrapper,
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(bundle)} "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  writeFileSync(
    cliConfig,
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["akash-cdktf/*"]\n  }\n}\n`,
  );
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Thing {
  name?: string;
  message?: string;
  level?: string;
  extra?: string;
}

function config(store: string, t: Thing = {}): string {
  return `
terraform {
  required_providers {
    echo = { source = "akash-cdktf/echo" }
  }
}
provider "echo" {
  prefix    = "p-"
  store_dir = ${JSON.stringify(store)}
}
resource "echo_thing" "a" {
  name    = ${JSON.stringify(t.name ?? "alpha")}
  message = ${JSON.stringify(t.message ?? "hello")}
  secret  = "s3cret-value"
  big     = 123456789012345678901234567890
  tags    = { env = "test" }
  ${t.level ? `level = ${JSON.stringify(t.level)}` : ""}
  rule {
    port = 80
  }
  ${t.extra ?? ""}
}
data "echo_echo" "e" {
  input = echo_thing.a.name
}
output "echo" { value = data.echo_echo.e.output }
output "big" { value = echo_thing.a.big }
output "id" { value = echo_thing.a.id }
output "size" { value = echo_thing.a.size }
output "proto" { value = echo_thing.a.rule[0].proto }
`;
}

function project(t: Thing = {}): { dir: string; store: string; write(t: Thing): void } {
  const dir = mkdtempSync(join(work, "tf-"));
  const store = join(dir, "store");
  const write = (next: Thing) => writeFileSync(join(dir, "main.tf"), config(store, next));
  write(t);
  return { dir, store, write };
}

const tf = (dir: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  sandbox.run(dir, [...args, "-no-color"], { TF_CLI_CONFIG_FILE: cliConfig, ...env });

function expectOk(r: TerraformResult): void {
  if (r.code !== 0) throw new Error(`terraform failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
}

function expectNoCrash(r: TerraformResult): void {
  expect(r.stderr + r.stdout).not.toMatch(
    /plugin crashed|panic|Unrecognized remote plugin message|at .*\.js:\d+/,
  );
}

async function outputs(dir: string, env: NodeJS.ProcessEnv = {}): Promise<Record<string, unknown>> {
  const r = await sandbox.run(dir, ["output", "-json"], { TF_CLI_CONFIG_FILE: cliConfig, ...env });
  const parsed = JSON.parse(r.stdout) as Record<string, { value: unknown }>;
  const bigText = /"big":\s*\{[^}]*"value":\s*([0-9.eE+-]+)/.exec(r.stdout)?.[1];
  return { ...Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, v.value])), bigText };
}

describe.each([
  ["AutoMTLS", {}],
  ["plaintext (TF_DISABLE_PLUGIN_TLS)", { TF_DISABLE_PLUGIN_TLS: "1" }],
])("echo provider over %s", (_mode, env: NodeJS.ProcessEnv) => {
  test("init, apply, no-op plan, in-place update, replacement, drift, import, destroy", async () => {
    const p = project();
    expectOk(await tf(p.dir, ["init"], env));

    const create = await tf(p.dir, ["apply", "-auto-approve"], env);
    expectOk(create);
    expect(create.stdout).toContain("1 added, 0 changed, 0 destroyed");
    expect(create.stdout).not.toContain("s3cret-value");
    const out = await outputs(p.dir, env);
    expect(out).toMatchObject({ echo: "p-ALPHA", id: "p-alpha", size: 1, proto: "tcp" });
    // Beyond 2^53: exact through msgpack, state and back (compared as text, a JS number would round).
    expect(out.bigText).toBe("123456789012345678901234567890");

    // Nothing changed: terraform must see an empty plan (exit 0 with -detailed-exitcode).
    const noop = await tf(p.dir, ["plan", "-detailed-exitcode"], env);
    expect(noop.code).toBe(0);

    // A plain attribute updates in place; the id survives (useStateForUnknown), revision is recomputed.
    p.write({ message: "changed" });
    const update = await tf(p.dir, ["apply", "-auto-approve"], env);
    expectOk(update);
    expect(update.stdout).toContain("update in-place");
    expect(update.stdout).toContain("0 added, 1 changed, 0 destroyed");
    expect(update.stdout).not.toMatch(/id\s+=.*known after apply/);
    expect((await tf(p.dir, ["plan", "-detailed-exitcode"], env)).code).toBe(0);

    // The name forces replacement, with the reason shown.
    p.write({ name: "beta", message: "changed" });
    const replace = await tf(p.dir, ["apply", "-auto-approve"], env);
    expectOk(replace);
    expect(replace.stdout).toContain("# forces replacement");
    expect(replace.stdout).toContain("1 added, 0 changed, 1 destroyed");
    expect(replace.stdout).toContain("the name is the thing's identity");
    expect(readdirSync(p.store)).toEqual(["p-beta.json"]);
    expect((await outputs(p.dir, env)).echo).toBe("p-BETA");
    await expectEmptyPlan((args) => tf(p.dir, args, env), "the replacement");

    // Drift: the object vanished remotely, so read returns null and terraform plans a create.
    rmSync(join(p.store, "p-beta.json"));
    const drift = await tf(p.dir, ["plan", "-detailed-exitcode"], env);
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain("1 to add");
    expectOk(await tf(p.dir, ["apply", "-auto-approve"], env));
    await expectEmptyPlan((args) => tf(p.dir, args, env), "the re-create");

    // Import: forget it, then import by id (ImportResourceState, then ReadResource).
    const inDir = (args: string[]) => tf(p.dir, args, env);
    const created = await valuesIn(inDir, "echo_thing.a");
    expectOk(await tf(p.dir, ["state", "rm", "echo_thing.a"], env));
    const imported = await tf(p.dir, ["import", "echo_thing.a", "p-beta"], env);
    expectOk(imported);
    expectSameAttributes("echo_thing.a", created, await valuesIn(inDir, "echo_thing.a"));
    expect(imported.stdout).toContain("Import successful");
    const show = await tf(p.dir, ["state", "show", "echo_thing.a"], env);
    expect(show.stdout).toContain('message    = "changed"');
    expect(show.stdout).toContain("123456789012345678901234567890");
    expect((await tf(p.dir, ["plan", "-detailed-exitcode"], env)).code).toBe(0);

    const destroy = await tf(p.dir, ["destroy", "-auto-approve"], env);
    expectOk(destroy);
    expect(destroy.stdout).toContain("1 destroyed");
    expect(readdirSync(p.store)).toEqual([]);
    expectNoCrash(destroy);
  });
});

describe("diagnostics through terraform", () => {
  test("a validator failure points at the attribute, without a crash", async () => {
    const p = project({ level: "medium" });
    expectOk(await tf(p.dir, ["init"]));
    const plan = await tf(p.dir, ["plan"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain("Invalid value");
    expect(plan.stderr).toContain('"medium" is not allowed; expected one of `low`, `high`');
    expect(plan.stderr).toMatch(/on main\.tf line \d+, in resource "echo_thing" "a":/);
    expect(plan.stderr).toMatch(/level = "medium"/);
    expectNoCrash(plan);
  });

  test("timeouts abort a slow create with a clear error; a partial create is kept as tainted", async () => {
    const p = project({ name: "slow", extra: 'timeouts {\n    create = "1s"\n  }' });
    expectOk(await tf(p.dir, ["init"]));
    const started = Date.now();
    const slow = await tf(p.dir, ["apply", "-auto-approve"]);
    expect(slow.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(slow.stderr).toContain("Timed out");
    expect(slow.stderr).toContain("did not finish within 1s");
    expectNoCrash(slow);

    p.write({ name: "partial", message: "fail-after-create" });
    const partial = await tf(p.dir, ["apply", "-auto-approve"]);
    expect(partial.code).toBe(1);
    expect(partial.stderr).toContain("Half done");
    expect(existsSync(join(p.store, "p-partial.json"))).toBe(true);
    const show = await tf(p.dir, ["state", "show", "echo_thing.a"]);
    expect(show.stdout).toContain("tainted");
    expect(show.stdout).toContain('id         = "p-partial"');
  });
});

describe("the provider process outside terraform", () => {
  test("run by hand it explains itself on stderr and exits 1", () => {
    const r = spawnSync(process.execPath, [bundle], { encoding: "utf8", env: { PATH: process.env.PATH } });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("This is the echo Terraform provider; terraform runs it");
    expect(r.stderr).toContain("README");
  });

  test("an old terraform offering only protocol 5 gets a one-line explanation as the handshake", () => {
    const r = spawnSync(process.execPath, [bundle], {
      encoding: "utf8",
      env: {
        PATH: process.env.PATH,
        TF_PLUGIN_MAGIC_COOKIE: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
        PLUGIN_PROTOCOL_VERSIONS: "5",
      },
    });
    expect(r.status).toBe(1);
    expect(r.stdout.split("\n")[0]).toMatch(/speaks plugin protocol 6.*offered only protocol\(s\) 5/);
  });
});
