// A packed Terraform filesystem mirror from a release (for machines that cannot reach a registry), checked the
// way terraform checks a registry download: the SHA256SUMS signature against the release's public key, then each
// zip against SHA256SUMS. Writes the lock-file entry a registry install would record (a `zh:` hash per platform),
// so `terraform init` accepts exactly these zips and refuses any other.
//
//   node scripts/release-mirror.mjs --release release/ --mirror DIR [--lock FILE]
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { verifyRelease } from "./release-sign.mjs";

const NAMESPACE = "akash-cdktf";
const TYPE = "akash";
const HOSTS = ["registry.terraform.io", "registry.opentofu.org"];

/** Returns { version, zips, fingerprint, lockEntry } after filling `mirrorDir`. */
export function mirrorRelease(releaseDir, mirrorDir) {
  const sumsName = readdirSync(releaseDir).find((f) => /^terraform-provider-akash_.+_SHA256SUMS$/.test(f));
  if (!sumsName) throw new Error(`${releaseDir} holds no terraform-provider-akash_<version>_SHA256SUMS`);
  const version = sumsName.slice("terraform-provider-akash_".length, -"_SHA256SUMS".length);
  const sums = join(releaseDir, sumsName);
  const fingerprint = verifyRelease({
    file: sums,
    sigFile: `${sums}.sig`,
    publicKeyFile: join(releaseDir, `terraform-provider-akash_${version}_signing-key.asc`),
  });
  const zips = {};
  for (const line of readFileSync(sums, "utf8").split("\n").filter(Boolean)) {
    const [hash, file] = line.split(/\s+/);
    if (!file.endsWith(".zip")) continue;
    const bytes = readFileSync(join(releaseDir, file));
    if (createHash("sha256").update(bytes).digest("hex") !== hash) {
      throw new Error(`${file} does not match its checksum in ${sumsName}`);
    }
    zips[file] = hash;
    for (const host of HOSTS) {
      const dir = join(mirrorDir, host, NAMESPACE, TYPE);
      mkdirSync(dir, { recursive: true });
      copyFileSync(join(releaseDir, file), join(dir, file));
    }
  }
  const hashes = Object.values(zips)
    .sort()
    .map((h) => `    "zh:${h}",\n`)
    .join("");
  const lockEntry = (host) =>
    `provider "${host}/${NAMESPACE}/${TYPE}" {\n  version = "${version}"\n  hashes = [\n${hashes}  ]\n}\n`;
  return { version, zips, fingerprint, lockEntry };
}

// (import.meta.url is undefined when jest loads this file as CommonJS.)
const self = typeof import.meta.url === "string" ? fileURLToPath(import.meta.url) : undefined;
if (process.argv[1] && resolve(process.argv[1]) === self) {
  const flag = (name) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? resolve(process.argv[i + 1]) : undefined;
  };
  const release = flag("--release") ?? resolve("release");
  const mirror = flag("--mirror");
  if (!mirror || !existsSync(release)) {
    console.error("usage: node scripts/release-mirror.mjs --release DIR --mirror DIR [--lock FILE]");
    process.exit(2);
  }
  const result = mirrorRelease(release, mirror);
  const lock = flag("--lock");
  if (lock) writeFileSync(lock, result.lockEntry(HOSTS[0]));
  console.log(`akash-cdktf/akash v${result.version} (signed by ${result.fingerprint}) is in ${mirror}`);
}
