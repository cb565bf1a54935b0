/**
 * The output of `npm run release` (scripts/release.mjs) for the tests that install from it, built once per change
 * of its inputs into node_modules/.cache (never into release/, which may hold a real, signed release) and shared by
 * the test files: the first one to need it builds it while the others wait for its lock to go.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { packageInfo } from "../../src/cli/package-info";
import { eventually } from "./eventually";
import { runProcess } from "./run-process";

export interface ReleaseInfo {
  version: string;
  executables: Record<
    string,
    { zip: string; format: string; arch: string; codeCache: boolean; nodeVersion: string }
  >;
  npmPackages: string[];
  signingKey: { fingerprint: string; throwaway: boolean };
  files: string[];
}

export interface ReleaseArtifacts {
  dir: string;
  info: ReleaseInfo;
  /** Absolute path of a file of the release. */
  file(name: string): string;
}

const INPUT_DIRS = ["src", "constructs", "scripts", "bin", "packaging", "docs"];
const INPUT_FILES = [
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "tsconfig.constructs.json",
  "cdktf.json",
];

function inputsHash(root: string): string {
  const hash = createHash("sha256");
  const add = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) add(join(path, name));
    } else {
      hash.update(relative(root, path)).update("\0").update(readFileSync(path)).update("\0");
    }
  };
  for (const name of [...INPUT_DIRS, ...INPUT_FILES]) {
    if (existsSync(join(root, name))) add(join(root, name));
  }
  return hash.digest("hex");
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function releaseArtifacts(): Promise<ReleaseArtifacts> {
  const { root } = packageInfo();
  const base = join(root, "node_modules", ".cache", "akash-cdktf");
  const dir = join(base, "release-for-tests");
  const marker = join(base, "release-for-tests.inputs");
  const lock = join(base, "release-for-tests.lock");
  const want = inputsHash(root);
  const ready = () => existsSync(marker) && readFileSync(marker, "utf8") === want;
  mkdirSync(base, { recursive: true });

  const acquire = () => {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, "pid"), String(process.pid));
      return true;
    } catch {
      // A lock left by a process that died is taken over.
      const pid = Number(existsSync(join(lock, "pid")) ? readFileSync(join(lock, "pid"), "utf8") : "0");
      if (pid && !processAlive(pid)) rmSync(lock, { recursive: true, force: true });
      return false;
    }
  };
  await eventually("the release build of another test file", async () => ready() || acquire(), {
    timeoutMs: 20 * 60_000,
    pollMs: 1000,
  });
  try {
    if (!ready()) {
      rmSync(marker, { force: true });
      const result = await runProcess(
        process.execPath,
        [join(root, "scripts", "release.mjs"), "--out", dir],
        {
          cwd: root,
          // No signing key: the release makes a throwaway one, as it would for any contributor.
          env: { ...process.env, AKASH_RELEASE_GPG_KEY: "", CHECKPOINT_DISABLE: "1" },
        },
      );
      if (result.code !== 0) {
        throw new Error(
          `npm run release failed (exit ${result.code}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`,
        );
      }
      writeFileSync(marker, want);
    }
  } finally {
    if (existsSync(join(lock, "pid")) && readFileSync(join(lock, "pid"), "utf8") === String(process.pid)) {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  const info = JSON.parse(readFileSync(join(dir, "release.json"), "utf8")) as ReleaseInfo;
  return { dir, info, file: (name) => join(dir, name) };
}
