/**
 * Where the generators take the provider's identity from: name and source address from cdktf.json (the same
 * entry `cdktf get` would read), version from package.json, because the npm package and the provider it installs
 * are released together and the bindings describe exactly that provider version.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface ProviderIdentity {
  /** Local name, e.g. "akash": the `required_providers` key and the resource type prefix. */
  name: string;
  /** Source address, e.g. "akash-cdktf/akash". */
  source: string;
  /** Exact provider version the generated bindings pin, e.g. "0.1.0". */
  version: string;
}

interface CdktfJsonProvider {
  name?: unknown;
  source?: unknown;
  version?: unknown;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function readProviderIdentity(root: string): ProviderIdentity {
  const cdktfJsonPath = join(root, "cdktf.json");
  const cdktfJson = readJson(cdktfJsonPath) as { terraformProviders?: unknown };
  const providers = Array.isArray(cdktfJson.terraformProviders) ? cdktfJson.terraformProviders : [];
  if (providers.length !== 1 || typeof providers[0] !== "object" || providers[0] === null) {
    throw new Error(
      `${cdktfJsonPath}: "terraformProviders" must hold exactly one entry like {"name": "akash", "source": "akash-cdktf/akash"}`,
    );
  }
  const entry = providers[0] as CdktfJsonProvider;
  if (typeof entry.name !== "string" || typeof entry.source !== "string") {
    throw new Error(`${cdktfJsonPath}: the provider entry needs string "name" and "source" fields`);
  }
  if (entry.version !== undefined) {
    throw new Error(
      `${cdktfJsonPath}: leave "version" out of the provider entry; the bindings pin the version in package.json`,
    );
  }
  const pkg = readJson(join(root, "package.json")) as { version?: unknown };
  if (typeof pkg.version !== "string") throw new Error(`${join(root, "package.json")} has no version`);
  return { name: entry.name, source: entry.source, version: pkg.version };
}
