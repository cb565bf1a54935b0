// Detached GPG signature of the release checksums, as the Terraform registry wants it. The key comes from the
// environment and lives only in a throwaway keyring for the duration of the release:
//   AKASH_RELEASE_GPG_KEY         ASCII-armored secret key (RSA, as the registry accepts)
//   AKASH_RELEASE_GPG_PASSPHRASE  its passphrase, if it has one (given to gpg on stdin, never on a command line)
// Without AKASH_RELEASE_GPG_KEY a throwaway RSA key is generated, and the release says so: such a release can be
// checked locally but not published.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const GPG = process.env.AKASH_RELEASE_GPG ?? "gpg";
const THROWAWAY_UID = "akash-cdktf throwaway release key (not for publishing) <release@akash-cdktf.invalid>";

const COMMANDS = [
  "--import",
  "--quick-generate-key",
  "--detach-sign",
  "--export",
  "--list-secret-keys",
  "--verify",
];

/** Runs gpg on keyring `home`; an error names the gpg command and what gpg said (never the passphrase). */
function gpg(home, args, input) {
  const result = spawnSync(
    GPG,
    ["--homedir", home, "--batch", "--no-tty", "--pinentry-mode", "loopback", ...args],
    {
      input: input ?? "",
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  if (result.error) throw new Error(`cannot run ${GPG}: ${result.error.message}`);
  if (result.status !== 0) {
    const command = args.find((a) => COMMANDS.includes(a)) ?? "";
    throw new Error(`gpg ${command} failed: ${result.stderr.trim()}`);
  }
  return result.stdout;
}

/** Stops the gpg-agent that gpg started for `home`, then removes `home`. */
function removeKeyring(home) {
  spawnSync(process.env.AKASH_RELEASE_GPGCONF ?? "gpgconf", ["--homedir", home, "--kill", "gpg-agent"], {
    stdio: "ignore",
  });
  rmSync(home, { recursive: true, force: true });
}

function fingerprintOf(home) {
  const colons = gpg(home, ["--with-colons", "--list-secret-keys"]);
  const fpr = colons.split("\n").find((l) => l.startsWith("fpr:"));
  if (!fpr) throw new Error("the signing key has no fingerprint (is it a secret key?)");
  return fpr.split(":")[9];
}

/**
 * Signs `file` into `sigFile` (binary detached signature) and writes the public key to `publicKeyFile`.
 * Returns { fingerprint, throwaway }.
 */
export function signRelease({ file, sigFile, publicKeyFile, env = process.env }) {
  const home = mkdtempSync(join(tmpdir(), "akash-release-gpg-"));
  try {
    const armored = env.AKASH_RELEASE_GPG_KEY;
    const passphrase = env.AKASH_RELEASE_GPG_PASSPHRASE ?? "";
    const throwaway = !armored;
    if (armored) {
      const keyFile = join(home, "key.asc");
      writeFileSync(keyFile, armored, { mode: 0o600 });
      gpg(home, ["--import", keyFile]);
      rmSync(keyFile);
    } else {
      gpg(home, ["--passphrase", "", "--quick-generate-key", THROWAWAY_UID, "rsa3072", "sign", "never"]);
    }
    const fingerprint = fingerprintOf(home);
    const passArgs = armored ? ["--passphrase-fd", "0"] : ["--passphrase", ""];
    gpg(
      home,
      [...passArgs, "--local-user", fingerprint, "--output", sigFile, "--detach-sign", file],
      passphrase,
    );
    writeFileSync(publicKeyFile, gpg(home, ["--armor", "--export", fingerprint]));
    return { fingerprint, throwaway };
  } finally {
    removeKeyring(home);
  }
}

/** Verifies `sigFile` over `file` with only the public key in `publicKeyFile`; returns the signer's fingerprint. */
export function verifyRelease({ file, sigFile, publicKeyFile }) {
  const home = mkdtempSync(join(tmpdir(), "akash-release-verify-"));
  try {
    gpg(home, ["--import", publicKeyFile]);
    const result = spawnSync(
      GPG,
      ["--homedir", home, "--batch", "--status-fd", "1", "--verify", sigFile, file],
      {
        encoding: "utf8",
      },
    );
    const valid = /^\[GNUPG:\] VALIDSIG (\S+)/m.exec(result.stdout);
    if (result.status !== 0 || !valid)
      throw new Error(`the signature does not verify: ${result.stderr.trim()}`);
    return valid[1];
  } finally {
    removeKeyring(home);
  }
}
