/**
 * The main job's dependency lock file, written by us before `terraform init`. Left to terraform, every init after
 * a rebuild of the provider records a new checksum computed from the local mirror and warns "Incomplete lock file
 * information for providers" (a mirror has no registry-signed checksums for other platforms). The workspace and
 * its mirror are ours, so we record the checksum of exactly the package we installed and terraform has nothing to
 * add or warn about.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Terraform's "h1:" package hash (Go's dirhash Hash1): SHA-256 over the sorted lines "<sha256 hex>  <path>\n" of
 * every file in the unpacked package, base64.
 */
export function packageHashV1(dir: string): string {
  const files: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel))) {
      const path = rel ? `${rel}/${name}` : name;
      if (statSync(join(dir, path)).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk("");
  files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const summary = files
    .map(
      (path) =>
        `${createHash("sha256")
          .update(readFileSync(join(dir, path)))
          .digest("hex")}  ${path}\n`,
    )
    .join("");
  return `h1:${createHash("sha256").update(summary).digest("base64")}`;
}

export interface LockedProvider {
  /** e.g. registry.terraform.io/akash-cdktf/akash */
  address: string;
  version: string;
  /** The configuration's version constraint, as terraform records it. */
  constraints?: string;
  packageDir: string;
}

export function lockFileText(providers: LockedProvider[]): string {
  const blocks = providers.map((p) =>
    [
      `provider "${p.address}" {`,
      `  version     = "${p.version}"`,
      ...(p.constraints ? [`  constraints = "${p.constraints}"`] : []),
      "  hashes = [",
      `    "${packageHashV1(p.packageDir)}",`,
      "  ]",
      "}",
    ].join("\n"),
  );
  return `# This file is maintained automatically by "terraform init".\n# Manual edits may be lost in future updates.\n\n${blocks.join("\n\n")}\n`;
}

export function writeLockFile(stackDir: string, providers: LockedProvider[]): void {
  writeFileSync(join(stackDir, ".terraform.lock.hcl"), lockFileText(providers));
}
