/**
 * Every example the reference docs embed (examples/docs) is applied against the localnet, as written except for
 * the values that only exist on mainnet (a dseq, an auditor, a serial), which are filled in from what the earlier
 * examples created. Each placeholder must still be in its example, so this table and the docs cannot drift apart.
 * Import examples run with the resource example they belong to: they must import without creating or destroying
 * anything (attributes that only live in configuration, such as a deposit, are filled in by an in-place update), and
 * leave nothing to change.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { packageInfo } from "../../src/cli/package-info";
import { localnetKeys } from "../../src/localnet/keys";
import { webSdl } from "../support/web-sdl";
import { startE2eNet, stateOf, type E2eNet } from "./localnet-terraform";
import { namedStep } from "../support/named-step";
import { expectEmptyPlan, expectSameAttributes, inWorkspace } from "./acceptance";

jest.setTimeout(300_000);

const examplesDir = join(packageInfo().root, "examples", "docs");
const GRANTEE = "akash1rk090a6mq9gvm0h6ljf8kz8mrxglwwxsk4srxh";
const MAINNET_AUDITOR = "akash1365yvmc4s7awdyj3n2sav7xfx76adc6dnmlx63";
let e2e: E2eNet;
const applied = new Set<string>();

/** The example at `rel`, with each placeholder replaced; a placeholder missing from the example is an error. */
function example(rel: string, fill: Record<string, string> = {}): string {
  let text = readFileSync(join(examplesDir, rel), "utf8");
  for (const [placeholder, value] of Object.entries(fill)) {
    if (!text.includes(placeholder))
      throw new Error(`${rel} no longer contains the placeholder ${placeholder}`);
    text = text.split(placeholder).join(value);
  }
  applied.add(rel);
  return text;
}

/** Applies `dir` and returns its outputs; unless `converges` is false, the plan that follows must be empty. */
async function apply(dir: string, converges = true): Promise<Record<string, unknown>> {
  const result = await e2e.tf(dir, ["apply", "-auto-approve", "-input=false"]);
  if (result.code !== 0) throw new Error(`terraform apply failed:\n${result.stderr}`);
  expect(result.stderr).toBe("");
  if (converges) await expectEmptyPlan(inWorkspace(e2e, dir));
  const outputs = JSON.parse((await e2e.tf(dir, ["output", "-json"])).stdout) as Record<
    string,
    { value: unknown }
  >;
  return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value]));
}

/** What moves with the chain between the create and the import: the escrow's balance and its runway. */
const MOVING = ["balance", "runway"];

/**
 * Plans and applies a workspace with import blocks: `imports` imported, nothing created or destroyed, then no
 * changes; each imported object then has every attribute the workspace `from` that created it has (but MOVING).
 */
async function importInto(dir: string, imports: number, from: string, ignore: string[] = []): Promise<void> {
  const plan = await e2e.tf(dir, ["plan", "-input=false"]);
  expect(plan.stderr).toBe("");
  expect(plan.stdout).toMatch(
    new RegExp(`Plan: ${imports} to import, 0 to add, \\d+ to change, 0 to destroy\\.`),
  );
  await apply(dir, false); // checked just below, with what the example's users would see
  const again = await e2e.tf(dir, ["plan", "-input=false", "-detailed-exitcode"]);
  expect(again.stdout).toContain("No changes.");
  expect(again.code).toBe(0);
  const config = readFileSync(join(dir, "main.tf"), "utf8");
  for (const address of [...config.matchAll(/^\s*to\s*=\s*(\S+)/gm)].map((m) => m[1]!)) {
    const created = await stateOf(e2e, from, address);
    expectSameAttributes(address, created, await stateOf(e2e, dir, address), [...MOVING, ...ignore]);
  }
}

/** Applies an import example with its resource example (see importInto), then forgets the imported objects. */
async function applyImport(
  files: string[],
  fill: Record<string, string>,
  imports: number,
  from: string,
): Promise<void> {
  const body = files.map((f) => example(f, f.endsWith(".import.tf") ? fill : {})).join("\n");
  const dir = await e2e.workspace(body, { "deploy.yaml": webSdl() });
  await importInto(dir, imports, from);
  // The imported objects belong to the workspace that created them: forget them here.
  for (const address of [...body.matchAll(/^\s*to\s*=\s*(\S+)/gm)].map((m) => m[1]!)) {
    expect((await e2e.tf(dir, ["state", "rm", address])).code).toBe(0);
  }
}

beforeAll(async () => {
  e2e = await startE2eNet({ blockTimeMs: 250 });
});

afterAll(async () => {
  await e2e?.stop();
});

test("provider.tf configures the provider (node and chain_id pointed at the localnet by an override file)", async () => {
  const dir = await e2e.workspace(example("data-sources/akash_account.tf"));
  // provider.tf brings its own terraform and provider blocks: replace the workspace's with it.
  writeFileSync(join(dir, "main.tf"), example("data-sources/akash_account.tf"));
  writeFileSync(join(dir, "provider.tf"), example("provider.tf"));
  writeFileSync(
    join(dir, "provider_override.tf"),
    `provider "akash" {\n  node     = "${e2e.net.node}"\n  chain_id = "${e2e.net.chainId}"\n}\n`,
  );
  expect((await e2e.tf(dir, ["init", "-input=false"])).code).toBe(0);
  expect(await apply(dir)).toEqual({ address: e2e.net.address });
});

test("data akash_sdl and akash_providers", async () => {
  const sdl = await apply(
    await e2e.workspace(example("data-sources/akash_sdl.tf"), { "deploy.yaml": webSdl() }),
  );
  expect(sdl.manifest_version).toMatch(/^[0-9a-f]{64}$/);
  expect(sdl.services).toEqual(["web"]);
  const dir = await e2e.workspace(example("data-sources/akash_providers.tf"));
  await apply(dir);
  const west = await stateOf(e2e, dir, "data.akash_providers.us_west");
  expect(JSON.stringify(west)).toContain(e2e.net.providers[0]!.address);
});

// One deployment carried through every step: each named step builds on the one before it.
test("a deployment, read back and imported", async () => {
  let dir: string;
  let dseq: string;

  await namedStep("akash_deployment.tf", async () => {
    dir = await e2e.workspace(example("resources/akash_deployment.tf"), { "deploy.yaml": webSdl() });
    dseq = (await apply(dir)).dseq as string;
    e2e.chain.invalidate();
    expect((await e2e.chain.deployment(e2e.net.address, BigInt(dseq)))?.state).toBe("active");
  });

  await namedStep("data akash_deployment", async () => {
    // Not converged by design: the escrow_funds output moves with every block.
    const out = await apply(
      await e2e.workspace(example("data-sources/akash_deployment.tf", { "1234567": dseq })),
      false,
    );
    expect(out.state).toBe("active");
    expect(out.escrow_funds).toEqual([expect.stringMatching(/^\d+(\.\d+)?uact$/)]);
  });

  await namedStep("akash_deployment.import.tf", async () => {
    await applyImport(
      ["resources/akash_deployment.tf", "resources/akash_deployment.import.tf"],
      { '"1234567,': `"${dseq},` },
      1,
      dir,
    );
    expect((await e2e.tf(dir, ["destroy", "-auto-approve", "-input=false"])).code).toBe(0);
  });
});

describe("a lease with a bid policy, and one over mTLS with a certificate", () => {
  test("akash_lease.tf, then akash_lease.import.tf", async () => {
    const fill = { [MAINNET_AUDITOR]: localnetKeys.auditor().address };
    const dir = await e2e.workspace(example("resources/akash_lease.tf", fill), { "deploy.yaml": webSdl() });
    const out = await apply(dir);
    expect((out.uris as string[])[0]).toMatch(/\.ingress\./);
    const lease = await stateOf(e2e, dir, "akash_lease.web");
    // What the create recorded is what the chain holds: a refresh right after it changes nothing (but MOVING).
    const refreshed = await e2e.tf(dir, ["apply", "-refresh-only", "-auto-approve", "-input=false"]);
    expect(refreshed.code).toBe(0);
    expectSameAttributes("akash_lease.web", lease, await stateOf(e2e, dir, "akash_lease.web"), MOVING);
    const id = String(lease.id).split("/").slice(1).join("/");
    const importDir = await e2e.workspace(
      [
        example("resources/akash_lease.tf", fill),
        `import {\n  to = akash_deployment.web\n  id = "${lease.dseq as string}"\n}\n`,
        example("resources/akash_lease.import.tf", { [`"1234567/1/1/${GRANTEE}"`]: `"${id}"` }),
      ].join("\n"),
      { "deploy.yaml": webSdl() },
    );
    await importInto(importDir, 2, dir);
    for (const address of ["akash_deployment.web", "akash_lease.web"])
      expect((await e2e.tf(importDir, ["state", "rm", address])).code).toBe(0);
    expect((await e2e.tf(dir, ["destroy", "-auto-approve", "-input=false"])).code).toBe(0);
  });

  test("akash_certificate.tf, then akash_certificate.import.tf", async () => {
    const dir = await e2e.workspace(example("resources/akash_certificate.tf"), { "deploy.yaml": webSdl() });
    await apply(dir);
    const certificate = await stateOf(e2e, dir, "akash_certificate.client");
    const lease = await stateOf(e2e, dir, "akash_lease.web");
    expect(lease.state).toBe("active");
    const importDir = await e2e.workspace(
      `resource "akash_certificate" "client" {}\n` +
        example("resources/akash_certificate.import.tf", {
          '"170141183460469231731687303715884105727"': `"${certificate.serial as string}"`,
        }),
    );
    // The private key never leaves the creating state (the chain holds the certificate only), and the import
    // example's resource block leaves renew_before at its default.
    await importInto(importDir, 1, dir, ["private_key_pem", "renew_before"]);
    expect((await e2e.tf(importDir, ["state", "rm", "akash_certificate.client"])).code).toBe(0);
    expect((await e2e.tf(dir, ["destroy", "-auto-approve", "-input=false"])).code).toBe(0);
  });
});

test("grants: deposit authorization, fee allowance, their imports, and data akash_authorizations", async () => {
  const dir = await e2e.workspace(
    [example("resources/akash_deposit_authorization.tf"), example("resources/akash_fee_allowance.tf")].join(
      "\n",
    ),
  );
  const out = await apply(dir);
  expect(out.deposits_left).toEqual(["50000000uact"]);
  expect(out.fees_left_today).toEqual(["1000000uakt"]);
  await applyImport(
    ["resources/akash_deposit_authorization.tf", "resources/akash_deposit_authorization.import.tf"],
    {},
    1,
    dir,
  );
  await applyImport(
    ["resources/akash_fee_allowance.tf", "resources/akash_fee_allowance.import.tf"],
    {},
    1,
    dir,
  );
  // This account granted, it received nothing.
  const received = await apply(await e2e.workspace(example("data-sources/akash_authorizations.tf")));
  expect(received).toEqual({ deposit_grants: [], fee_allowances: [] });
  expect((await e2e.tf(dir, ["destroy", "-auto-approve", "-input=false"])).code).toBe(0);
});

test("no example was left out", () => {
  const all = (sub: string): string[] =>
    readdirSync(join(examplesDir, sub), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? all(join(sub, e.name)) : [join(sub, e.name)],
    );
  expect([...applied].sort()).toEqual(all("").sort());
});
