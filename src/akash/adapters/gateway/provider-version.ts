/**
 * `GET /version` body → ProviderVersion. The provider answers `{akash: version.Info, kube: k8s version.Info}`
 * (gateway/rest/router.go, version/version.go); `akash.build_deps` lists Go's build info as "path@version" (or
 * "path@version => replacement@version"), which is where the chain-sdk version, and so the manifest types, show.
 */
import { GatewayError } from "../../ports/errors";
import { manifestCapability } from "../../ports/manifest-compatibility";
import type { ProviderVersion } from "../../ports/provider-gateway";

type Json = Record<string, unknown>;

const CHAIN_SDK_GO = "pkg.akt.dev/go";

const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** The version of `module` in Go build-info dependency lines (the replacement's when it is replaced). */
export function buildDependencyVersion(deps: unknown, module: string): string | undefined {
  if (!Array.isArray(deps)) return undefined;
  for (const dep of deps) {
    if (typeof dep !== "string") continue;
    const [required, replacement] = dep.split(" => ");
    const at = (required ?? "").lastIndexOf("@");
    if (at <= 0 || required?.slice(0, at) !== module) continue;
    const replaced = replacement?.lastIndexOf("@") ?? -1;
    return replacement && replaced > 0 ? replacement.slice(replaced + 1) : required.slice(at + 1);
  }
  return undefined;
}

export function parseProviderVersion(body: string, where: string): ProviderVersion {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new GatewayError(
      "bad-response",
      `${where} answered /version with something that is not JSON.`,
      200,
      body.slice(0, 200),
    );
  }
  const akash = obj(obj(parsed).akash);
  if (str(akash.version) === "") {
    throw new GatewayError(
      "bad-response",
      `${where} answered /version without akash.version; it may not be an Akash provider gateway.`,
      200,
      body.slice(0, 200),
    );
  }
  const kube = obj(obj(parsed).kube);
  return {
    version: str(akash.version),
    commit: str(akash.commit),
    cosmosSdk: str(akash.cosmos_sdk_version),
    ...(str(kube.gitVersion) ? { kubernetes: str(kube.gitVersion) } : {}),
    manifest: manifestCapability(buildDependencyVersion(akash.build_deps, CHAIN_SDK_GO)),
  };
}
