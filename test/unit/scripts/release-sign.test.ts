/**
 * Release signing with a key from the environment (AKASH_RELEASE_GPG_KEY, passphrase in AKASH_RELEASE_GPG_PASSPHRASE)
 * and without one (a throwaway key); the signature verifies with only the exported public key, and neither the key
 * nor the passphrase appears in errors.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signRelease, verifyRelease } from "../../../scripts/release-sign.mjs";

jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), "release-sign-"));
const PASSPHRASE = "correct horse battery staple";
const file = join(dir, "SHA256SUMS");
writeFileSync(file, "0123  terraform-provider-akash_1.0.0_linux_amd64.zip\n");
let armored = "";
let fingerprint = "";

function gpg(home: string, args: string[]): string {
  const r = spawnSync("gpg", ["--homedir", home, "--batch", "--pinentry-mode", "loopback", ...args], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

beforeAll(() => {
  // A release key like the one a maintainer keeps in the CI secret store: RSA, with a passphrase.
  const home = mkdtempSync(join(tmpdir(), "release-sign-key-"));
  gpg(home, [
    "--passphrase",
    PASSPHRASE,
    "--quick-generate-key",
    "Release Test <release-test@example.invalid>",
    "rsa2048",
    "sign",
    "never",
  ]);
  fingerprint = gpg(home, ["--with-colons", "--list-secret-keys"])
    .split("\n")
    .find((l) => l.startsWith("fpr:"))!
    .split(":")[9]!;
  armored = gpg(home, ["--passphrase", PASSPHRASE, "--armor", "--export-secret-keys", fingerprint]);
  spawnSync("gpgconf", ["--homedir", home, "--kill", "gpg-agent"]);
  rmSync(home, { recursive: true, force: true });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("signs with the key from the environment; the public key alone verifies it", () => {
  const env = { AKASH_RELEASE_GPG_KEY: armored, AKASH_RELEASE_GPG_PASSPHRASE: PASSPHRASE };
  const out = { sigFile: join(dir, "env.sig"), publicKeyFile: join(dir, "env.asc") };
  expect(signRelease({ file, ...out, env })).toEqual({ fingerprint, throwaway: false });
  expect(verifyRelease({ file, ...out })).toBe(fingerprint);
});

test("a wrong passphrase fails without showing the key or the passphrase", () => {
  const env = { AKASH_RELEASE_GPG_KEY: armored, AKASH_RELEASE_GPG_PASSPHRASE: "wrong passphrase" };
  let message = "";
  try {
    signRelease({ file, sigFile: join(dir, "bad.sig"), publicKeyFile: join(dir, "bad.asc"), env });
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toMatch(/^gpg --detach-sign failed: .*(Bad passphrase|bad passphrase|No secret key)/is);
  expect(message).not.toContain("wrong passphrase");
  expect(message).not.toContain("PRIVATE KEY BLOCK");
});

test("without a key, a throwaway one signs and says so", () => {
  const out = { sigFile: join(dir, "throwaway.sig"), publicKeyFile: join(dir, "throwaway.asc") };
  const key = signRelease({ file, ...out, env: {} });
  expect(key.throwaway).toBe(true);
  expect(key.fingerprint).toMatch(/^[0-9A-F]{40}$/);
  expect(verifyRelease({ file, ...out })).toBe(key.fingerprint);
  expect(key.fingerprint).not.toBe(fingerprint);
});
