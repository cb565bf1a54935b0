/**
 * `npm run release` as a registry would receive it: one zip per platform holding a self-contained executable,
 * the manifest, SHA256SUMS and its detached signature (verified with nothing but the released public key), and the
 * two npm packages. Then terraform installs the provider from a packed mirror made of the release zips, with a lock
 * file that records the zips' hashes, and plans, applies and destroys against the localnet with only terraform on
 * PATH: no Node anywhere.
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { inspectExecutable } from "../../scripts/executable-format.mjs";
import { mirrorRelease } from "../../scripts/release-mirror.mjs";
import { verifyRelease } from "../../scripts/release-sign.mjs";
import { writeZip } from "../../scripts/release-zip.mjs";
import { createCosmosChain, type CosmosChain } from "../../src/akash/adapters/cosmos/cosmos-chain";
import { releaseArtifacts, type ReleaseArtifacts } from "../support/release-artifacts";
import { runProcess } from "../support/run-process";
import { startTempLocalnet, type TempLocalnet } from "../support/temp-localnet";
import { webSdl } from "../support/web-sdl";
import { zipEntries } from "../support/zip-entries";

jest.setTimeout(600_000);

const PLATFORMS = ["darwin_amd64", "linux_amd64", "linux_arm64"];
let release: ReleaseArtifacts;
let version: string;
const work = mkdtempSync(join(tmpdir(), "akash-release-test-"));
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

beforeAll(async () => {
  release = await releaseArtifacts();
  version = release.info.version;
}, 1_500_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

async function tarList(tgz: string): Promise<string[]> {
  const r = await runProcess("tar", ["tzf", tgz], { env: process.env });
  if (r.code !== 0) throw new Error(r.stderr);
  return r.stdout.split("\n").filter(Boolean);
}

async function tarRead(tgz: string, path: string): Promise<string> {
  const r = await runProcess("tar", ["xzf", tgz, "-O", path], { env: process.env });
  if (r.code !== 0) throw new Error(r.stderr);
  return r.stdout;
}

describe("the release directory", () => {
  test("holds a zip per platform, manifest, checksums, signature, public key and both npm packages", () => {
    const base = `terraform-provider-akash_${version}`;
    expect(release.info.files).toEqual(
      [
        `akash-cdktf-${version}.tgz`,
        `akash-cdktn-${version}.tgz`,
        `${base}_SHA256SUMS`,
        `${base}_SHA256SUMS.sig`,
        ...PLATFORMS.map((p) => `${base}_${p}.zip`),
        `${base}_manifest.json`,
        `${base}_signing-key.asc`,
      ].sort(),
    );
    // Built without AKASH_RELEASE_GPG_KEY: the release says its key is a throwaway one.
    expect(release.info.signingKey.throwaway).toBe(true);
    expect(readFileSync(release.file(`${base}_signing-key.asc`), "utf8")).toContain(
      "-----BEGIN PGP PUBLIC KEY BLOCK-----",
    );
  });

  test("SHA256SUMS covers every zip and the manifest, and its signature verifies with only the public key", () => {
    const base = `terraform-provider-akash_${version}`;
    const sums = readFileSync(release.file(`${base}_SHA256SUMS`), "utf8");
    const lines = sums.trimEnd().split("\n");
    const expected = [...PLATFORMS.map((p) => `${base}_${p}.zip`), `${base}_manifest.json`].sort();
    expect(lines.map((l) => l.split("  ")[1])).toEqual(expected);
    for (const line of lines) {
      const [hash, file] = line.split("  ") as [string, string];
      expect(sha256(readFileSync(release.file(file)))).toBe(hash);
    }
    const signer = verifyRelease({
      file: release.file(`${base}_SHA256SUMS`),
      sigFile: release.file(`${base}_SHA256SUMS.sig`),
      publicKeyFile: release.file(`${base}_signing-key.asc`),
    });
    expect(signer).toBe(release.info.signingKey.fingerprint);
    // Any change to the checksums breaks the signature.
    const forged = join(work, "forged_SHA256SUMS");
    writeFileSync(
      forged,
      sums.replace(/^[0-9a-f]/, (c) => (c === "0" ? "1" : "0")),
    );
    expect(() =>
      verifyRelease({
        file: forged,
        sigFile: release.file(`${base}_SHA256SUMS.sig`),
        publicKeyFile: release.file(`${base}_signing-key.asc`),
      }),
    ).toThrow(/does not verify/);
  });

  test("the manifest declares plugin protocol 6.0", () => {
    const manifest = JSON.parse(
      readFileSync(release.file(`terraform-provider-akash_${version}_manifest.json`), "utf8"),
    );
    expect(manifest).toEqual({ version: 1, metadata: { protocol_versions: ["6.0"] } });
  });

  test("each zip holds one executable for its platform, named and permissioned as terraform expects, SEA injected", () => {
    for (const platform of PLATFORMS) {
      const entries = zipEntries(
        readFileSync(release.file(`terraform-provider-akash_${version}_${platform}.zip`)),
      );
      expect(entries.map((e) => e.name)).toEqual([`terraform-provider-akash_v${version}`]);
      const [exe] = entries as [(typeof entries)[0]];
      expect({ madeBy: exe.madeBy, mode: exe.mode.toString(8) }).toEqual({ madeBy: 3, mode: "755" });
      const [os, arch] = platform.split("_");
      // A Mach-O executable must not keep the Node binary's signature, which the injection invalidated.
      expect(inspectExecutable(exe.data)).toEqual({
        format: os === "darwin" ? "macho" : "elf",
        arch,
        seaBlob: true,
        fuseSet: true,
        codeSignature: false,
      });
    }
  });

  test("akash-cdktf carries provider, CLI and cdktf constructs; akash-cdktn only constructs that import cdktn", async () => {
    const cdktf = await tarList(release.file(`akash-cdktf-${version}.tgz`));
    for (const path of [
      "bin/akash-cdktf.js",
      "dist/cli.js",
      "dist/provider/main.mjs",
      "dist/constructs/index.d.ts",
    ])
      expect(cdktf).toContain(`package/${path}`);
    expect(cdktf.filter((p) => p.startsWith("package/dist/cdktn/"))).toEqual([]);

    const tgz = release.file(`akash-cdktn-${version}.tgz`);
    const cdktn = await tarList(tgz);
    expect(cdktn).toContain("package/dist/constructs/index.d.ts");
    expect(cdktn).toContain("package/docs/resources/lease.md");
    expect(cdktn.filter((p) => /provider\/main|cli\.js/.test(p))).toEqual([]);
    const pkg = JSON.parse(await tarRead(tgz, "package/package.json")) as {
      name: string;
      peerDependencies: Record<string, string>;
      dependencies: Record<string, string>;
    };
    expect(pkg.name).toBe("akash-cdktn");
    expect(pkg.peerDependencies).toEqual({ cdktn: "^0.24.0", constructs: ">=10.6.0 <10.8.0" });
    expect(Object.keys(pkg.dependencies)).not.toContain("cdktf");
    const lease = await tarRead(
      tgz,
      "package/dist/constructs/constructs/generated/providers/akash/lease/index.js",
    );
    expect(lease).toContain('require("cdktn")');
    expect(lease).not.toContain('require("cdktf")');
  });
});

describe("terraform with only terraform on PATH, the provider from a packed mirror of the release", () => {
  let localnet: TempLocalnet;
  let chain: CosmosChain;
  let env: NodeJS.ProcessEnv;
  let mirror: ReturnType<typeof mirrorRelease>;
  const tf = (cwd: string, args: string[], extra: NodeJS.ProcessEnv = {}) =>
    runProcess("terraform", [...args, "-no-color"], { cwd, env: { ...env, ...extra } });
  const workspace = (name: string, lock?: string) => {
    const dir = join(work, name);
    mkdirSync(dir);
    writeFileSync(join(dir, "deploy.yaml"), webSdl());
    writeFileSync(
      join(dir, "main.tf"),
      `terraform {
  required_providers {
    akash = { source = "akash-cdktf/akash", version = "${version}" }
  }
}
provider "akash" {}
resource "akash_deployment" "web" {
  sdl     = file("\${path.module}/deploy.yaml")
  deposit = "5000000uact"
}
resource "akash_lease" "web" {
  dseq     = akash_deployment.web.dseq
  manifest = akash_deployment.web.manifest_json
  bid_policy {
    max_price = { uact = "1000" }
    collect   = "2s"
  }
}
output "dseq" { value = akash_deployment.web.dseq }
output "uris" { value = akash_lease.web.uris }
`,
    );
    if (lock) writeFileSync(join(dir, ".terraform.lock.hcl"), lock);
    return dir;
  };

  beforeAll(async () => {
    localnet = await startTempLocalnet({ blockTimeMs: 250, providers: 2 }, "akash-release-net-");
    chain = await createCosmosChain({ nodes: [localnet.net.node], cacheTtlMs: 0 });
    mirror = mirrorRelease(release.dir, join(work, "mirror"));
    // PATH holds terraform and nothing else: the provider cannot fall back on a node binary.
    const bin = join(work, "bin");
    mkdirSync(bin);
    const terraform = (process.env.PATH ?? "")
      .split(delimiter)
      .map((d) => join(d, "terraform"))
      .find((p) => {
        try {
          return readFileSync(p).length > 0;
        } catch {
          return false;
        }
      });
    if (!terraform) throw new Error("terraform is not on PATH");
    symlinkSync(terraform, join(bin, "terraform"));
    const cliConfig = join(work, "mirror.tfrc");
    writeFileSync(
      cliConfig,
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(join(work, "mirror"))}\n    include = ["registry.terraform.io/akash-cdktf/*"]\n  }\n}\n`,
    );
    const home = join(work, "home");
    mkdirSync(home);
    env = {
      PATH: bin,
      HOME: home,
      TF_CLI_CONFIG_FILE: cliConfig,
      CHECKPOINT_DISABLE: "1",
      TF_IN_AUTOMATION: "1",
      AKASH_NODE: localnet.net.node,
      AKASH_MNEMONIC: localnet.net.mnemonic,
    };
  });

  afterAll(async () => {
    await chain?.close();
    await localnet?.stop();
  });

  test("init installs the zip the lock file records and keeps its hash; a tampered zip is refused", async () => {
    const dir = workspace("good", mirror.lockEntry("registry.terraform.io"));
    const init = await tf(dir, ["init", "-input=false"]);
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    const lock = readFileSync(join(dir, ".terraform.lock.hcl"), "utf8");
    for (const hash of Object.values(mirror.zips)) expect(lock).toContain(`"zh:${hash}"`);
    expect(lock).toMatch(/"h1:[A-Za-z0-9+/=]+"/);

    // The same mirror, but its linux_amd64 zip holds another executable under the same name.
    const forgedMirror = join(work, "forged-mirror", "registry.terraform.io", "akash-cdktf", "akash");
    mkdirSync(forgedMirror, { recursive: true });
    writeZip(join(forgedMirror, `terraform-provider-akash_${version}_linux_amd64.zip`), [
      { name: `terraform-provider-akash_v${version}`, data: Buffer.from("#!/bin/sh\nexit 1\n"), mode: 0o755 },
    ]);
    const forgedConfig = join(work, "forged.tfrc");
    writeFileSync(
      forgedConfig,
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(join(work, "forged-mirror"))}\n    include = ["registry.terraform.io/akash-cdktf/*"]\n  }\n}\n`,
    );
    const forged = workspace("forged", mirror.lockEntry("registry.terraform.io"));
    const refused = await tf(forged, ["init", "-input=false"], { TF_CLI_CONFIG_FILE: forgedConfig });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.replace(/\s+/g, " ")).toContain(
      "doesn't match any of the checksums previously recorded in the dependency lock file",
    );
  });

  test("plan, apply and destroy a deployment with its lease on the localnet", async () => {
    const dir = join(work, "good");
    const plan = await tf(dir, ["plan", "-input=false"]);
    expect(plan.stderr).toBe("");
    expect(plan.stdout).toContain("Plan: 2 to add, 0 to change, 0 to destroy.");
    const apply = await tf(dir, ["apply", "-auto-approve", "-input=false"]);
    expect(apply.stderr).toBe("");
    expect(apply.code).toBe(0);
    const outputs = JSON.parse((await tf(dir, ["output", "-json"])).stdout) as {
      dseq: { value: string };
      uris: { value: string[] };
    };
    expect(outputs.uris.value[0]).toMatch(/\.ingress\./);
    chain.invalidate();
    expect((await chain.deployment(localnet.net.address, BigInt(outputs.dseq.value)))?.state).toBe("active");
    const leases = await chain.leases(localnet.net.address, { dseq: BigInt(outputs.dseq.value) });
    expect(leases.map((l) => l.state)).toEqual(["active"]);

    const destroy = await tf(dir, ["destroy", "-auto-approve", "-input=false"]);
    expect(destroy.stderr).toBe("");
    expect(destroy.code).toBe(0);
    chain.invalidate();
    expect((await chain.deployment(localnet.net.address, BigInt(outputs.dseq.value)))?.state).toBe("closed");
  });
});
