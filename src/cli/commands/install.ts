/**
 * `akash-cdktf install [--dir DIR]`: puts the provider into a Terraform filesystem mirror so that
 * `terraform init` with `source = "akash-cdktf/akash"` works offline.
 *
 * The package directory holds a copy of the provider bundle (dist/provider/*.mjs) and a two-line shell wrapper
 * that runs it with `node`. It depends on nothing outside itself, so its content (and the `h1:` hash in users' lock files) is the
 * same on every machine for a given build, and re-installing the same build changes nothing.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import type { CommandIO } from "../io";
import { packageInfo } from "../package-info";

export const PROVIDER_NAMESPACE = "akash-cdktf";
export const PROVIDER_TYPE = "akash";
/** Terraform resolves short sources on its own registry host, OpenTofu on its own: install under both. */
const REGISTRY_HOSTS = ["registry.terraform.io", "registry.opentofu.org"];

export interface InstallResult {
  mirrorDir: string;
  version: string;
  /** Package directories written or confirmed. */
  packageDirs: string[];
  /** True when at least one file changed. */
  changed: boolean;
}

/** Terraform's name for this machine's platform, e.g. linux_amd64. */
export function terraformPlatform(): string {
  const os = process.platform === "win32" ? "windows" : process.platform;
  const arch = ({ x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" } as Record<string, string>)[
    process.arch
  ];
  return `${os}_${arch ?? process.arch}`;
}

/** The implied local mirror Terraform searches without any CLI configuration. */
export function defaultMirrorDir(): string {
  return join(homedir(), ".terraform.d", "plugins");
}

export function wrapperScript(): string {
  // `exec` so that terraform's signals and go-plugin's kill reach node itself.
  return '#!/bin/sh\nexec node "$(dirname "$0")/main.mjs" "$@"\n';
}

function writeIfDifferent(path: string, content: Buffer | string, mode?: number): boolean {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  if (existsSync(path) && readFileSync(path).equals(bytes)) return false;
  writeFileSync(path, bytes);
  if (mode !== undefined) chmodSync(path, mode);
  return true;
}

export function installProvider(mirrorDir: string = defaultMirrorDir()): InstallResult {
  const { root, version } = packageInfo();
  const bundleDir = join(root, "dist", "provider");
  if (!existsSync(join(bundleDir, "main.mjs"))) {
    throw new Error(
      `the provider is not built (${bundleDir}/main.mjs is missing): run \`npm run build\` first`,
    );
  }
  const files = new Map(readdirSync(bundleDir).map((name) => [name, readFileSync(join(bundleDir, name))]));
  const wrapperName = `terraform-provider-${PROVIDER_TYPE}_v${version}`;
  const packageDirs: string[] = [];
  let changed = false;
  for (const host of REGISTRY_HOSTS) {
    const dir = join(mirrorDir, host, PROVIDER_NAMESPACE, PROVIDER_TYPE, version, terraformPlatform());
    mkdirSync(dir, { recursive: true });
    // Chunk names carry content hashes: drop what a previous build left behind.
    for (const name of readdirSync(dir)) {
      if (name !== wrapperName && !files.has(name)) {
        rmSync(join(dir, name), { force: true });
        changed = true;
      }
    }
    for (const [name, bytes] of files) changed = writeIfDifferent(join(dir, name), bytes) || changed;
    changed = writeIfDifferent(join(dir, wrapperName), wrapperScript(), 0o755) || changed;
    packageDirs.push(dir);
  }
  return { mirrorDir, version, packageDirs, changed };
}

/** CLI configuration that makes terraform use `mirrorDir` for our provider and the registry for the rest. */
export function cliConfigFor(mirrorDir: string): string {
  const include = REGISTRY_HOSTS.map((h) => `"${h}/${PROVIDER_NAMESPACE}/*"`).join(", ");
  return [
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${JSON.stringify(mirrorDir)}`,
    `    include = [${include}]`,
    "  }",
    "  direct {",
    `    exclude = [${include}]`,
    "  }",
    "}",
    "",
  ].join("\n");
}

export const INSTALL_USAGE = `Usage: akash-cdktf install [--dir DIR]

Installs the akash Terraform provider into a plugin mirror. Without --dir it goes into ~/.terraform.d/plugins,
which terraform searches by itself; with --dir it prints the CLI configuration that uses DIR.
`;

export async function runInstallCommand(args: string[], io: CommandIO): Promise<number> {
  let dir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--dir") {
      dir = args[++i];
      if (!dir) {
        io.stderr("akash-cdktf install: --dir needs a directory");
        return 2;
      }
    } else if (arg === "--help" || arg === "-h") {
      io.stdout(INSTALL_USAGE);
      return 0;
    } else {
      io.stderr(`akash-cdktf install: unexpected argument "${arg}"\n\n${INSTALL_USAGE}`);
      return 2;
    }
  }
  const result = installProvider(dir ? resolve(dir) : undefined);
  io.stdout(
    `${result.changed ? "Installed" : "Already installed:"} ${PROVIDER_NAMESPACE}/${PROVIDER_TYPE} v${result.version} in ${result.mirrorDir}`,
  );
  if (dir) {
    io.stdout(
      `\nThis is not one of terraform's implied mirrors. Put this in a CLI configuration file (TF_CLI_CONFIG_FILE or ~/.terraformrc):\n\n${cliConfigFor(result.mirrorDir)}`,
    );
  } else {
    io.stdout(
      `Use it with:\n  terraform { required_providers { akash = { source = "${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}" } } }`,
    );
  }
  return 0;
}
