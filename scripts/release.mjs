// `npm run release`: everything a release publishes, in release/ (or --out DIR):
//   terraform-provider-akash_<v>_<os>_<arch>.zip   one self-contained executable each (no Node needed)
//   terraform-provider-akash_<v>_manifest.json     registry manifest (plugin protocol 6.0)
//   terraform-provider-akash_<v>_SHA256SUMS        checksums of the zips and the manifest
//   terraform-provider-akash_<v>_SHA256SUMS.sig    detached GPG signature (key from AKASH_RELEASE_GPG_KEY, or a
//                                                  throwaway key, which the release announces)
//   terraform-provider-akash_<v>_signing-key.asc   the public key that verifies it
//   akash-cdktf-<v>.tgz, akash-cdktn-<v>.tgz       the npm packages
//   release.json                                   what was built, for tests and humans
// `--targets linux_amd64,darwin_amd64` builds a subset of the executables. docs/guides/publishing.md says how to
// publish the result.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { packageCdktn } from "./package-cdktn.mjs";
import { bundleProviderForSea, buildSeaExecutable, TARGETS } from "./release-sea.mjs";
import { signRelease } from "./release-sign.mjs";
import { writeZip } from "./release-zip.mjs";
import { root } from "./run-ts-entry.mjs";

const flag = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const out = resolve(flag("--out") ?? join(root, "release"));
const wanted = flag("--targets")?.split(",");
const targets = wanted ? TARGETS.filter((t) => wanted.includes(`${t.os}_${t.arch}`)) : TARGETS;
if (wanted && targets.length !== wanted.length) {
  console.error(
    `release: unknown target in ${wanted.join(",")}; known: ${TARGETS.map((t) => `${t.os}_${t.arch}`).join(", ")}`,
  );
  process.exit(2);
}
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const base = `terraform-provider-akash_${version}`;
const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");
const step = (text) => console.log(`release: ${text}`);

function packRoot() {
  const result = spawnSync("npm", ["pack", "--json", "--pack-destination", out], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (result.status !== 0) throw new Error(`npm pack failed (exit ${result.status})`);
  return join(out, JSON.parse(result.stdout)[0].filename);
}

async function executables(work) {
  const bundle = join(work, "provider.cjs");
  await bundleProviderForSea(root, bundle, version);
  const blobs = {};
  const built = {};
  for (const target of targets) {
    const platform = `${target.os}_${target.arch}`;
    step(`executable for ${platform}`);
    const exe = join(work, platform, `terraform-provider-akash_v${version}`);
    mkdirSync(join(work, platform), { recursive: true });
    const found = await buildSeaExecutable({ target, bundle, workDir: work, outFile: exe, blobs });
    const zip = `${base}_${platform}.zip`;
    writeZip(join(out, zip), [
      { name: `terraform-provider-akash_v${version}`, data: readFileSync(exe), mode: 0o755 },
    ]);
    built[platform] = { zip, ...found };
  }
  return built;
}

async function main() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const work = join(root, "node_modules", ".cache", "akash-cdktf", "release-work");
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });

  // The npm packages first: they fail fast (e.g. a schema name the cdktn bindings cannot carry).
  step("npm package akash-cdktn");
  const cdktn = packageCdktn(out);
  step("npm package akash-cdktf");
  const cdktf = packRoot();
  const built = await executables(work);

  const manifest = `${base}_manifest.json`;
  writeFileSync(
    join(out, manifest),
    `${JSON.stringify({ version: 1, metadata: { protocol_versions: ["6.0"] } }, null, 2)}\n`,
  );
  const summed = [...Object.values(built).map((b) => b.zip), manifest].sort();
  const sums = `${base}_SHA256SUMS`;
  writeFileSync(join(out, sums), summed.map((f) => `${sha256(readFileSync(join(out, f)))}  ${f}\n`).join(""));
  step("signing the checksums");
  const key = signRelease({
    file: join(out, sums),
    sigFile: join(out, `${sums}.sig`),
    publicKeyFile: join(out, `${base}_signing-key.asc`),
  });
  rmSync(work, { recursive: true, force: true });

  const info = {
    version,
    executables: built,
    npmPackages: [cdktf, cdktn].map((p) => p.slice(out.length + 1)),
    signingKey: key,
    files: readdirSync(out).sort(),
  };
  writeFileSync(join(out, "release.json"), `${JSON.stringify(info, null, 2)}\n`);
  for (const f of info.files) console.log(`  ${join(out, f)}`);
  if (key.throwaway) {
    console.warn(
      `\nrelease: AKASH_RELEASE_GPG_KEY is not set, so the checksums are signed with a THROWAWAY key (${key.fingerprint}).\n` +
        "This release verifies locally but must not be published: set AKASH_RELEASE_GPG_KEY (and AKASH_RELEASE_GPG_PASSPHRASE) to the key registered with the Terraform registry.",
    );
  } else {
    step(`signed with ${key.fingerprint}`);
  }
}

main().catch((error) => {
  console.error(`release failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
