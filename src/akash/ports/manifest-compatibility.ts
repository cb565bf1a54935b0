/**
 * Which manifest fields a provider keeps. A provider decodes the manifest into the Go types of the chain-sdk
 * version it was built with (pkg.akt.dev/go/manifest/v2beta3) and hashes its own re-encoding: a field those types
 * lack is dropped, the hash no longer matches the deployment's, and the provider answers 422 "manifest version
 * validation failed" after the lease was created and paid for. Two fields are new in 2026:
 *
 * - `expose[].httpOptions.proxyBufferSize` (SDL `http_options.proxy_buffer_size`): none of the v0.2 line, v0.3.0
 *   or the v0.4.0 alphas has it. go/v0.3.1 has it without `omitempty`, so it writes `proxyBufferSize: 0` into
 *   every manifest that leaves it out; chain-sdk main after 55f1c683 (2026-07-02) has it with `omitempty`.
 * - `params.tee`: in go/v0.2.15-rc1, v0.3.0-rc1 and later on the v0.3 line, and v0.4.0-a2 and later (not v0.2.16).
 *
 * Facts from the tags of akash-network/chain-sdk (go/manifest/v2beta3/{httpoptions,service}.pb.go).
 */

/** How a provider treats one optional manifest field. */
export type FieldSupport =
  /** Decoded and re-encoded: the field counts towards the hash as sent. */
  | "kept"
  /** Unknown to its types: silently dropped before hashing. */
  | "dropped"
  /** Always written, zero included (go/v0.3.1's proxyBufferSize): a manifest without it hashes differently. */
  | "always-written"
  /** The chain-sdk version is not one we know: the field may be dropped. */
  | "unknown";

export interface ManifestCapability {
  /** The chain-sdk go version this was derived from (undefined: the provider did not say). */
  chainSdkGo?: string;
  proxyBufferSize: FieldSupport;
  tee: FieldSupport;
}

interface Semver {
  major: number;
  minor: number;
  patch: number;
  pre: string;
}

function parseSemver(version: string): Semver | undefined {
  const m = /^v(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/.exec(version.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), pre: m[4] ?? "" };
}

/** go/v0.2.15-rc1 is the one v0.2 tag with tee (v0.2.16 was cut without it). */
const V02_WITH_TEE = new Set(["rc1"]);
/** 55f1c683 ("proxy_buffer_size backward compatibility"), as a Go pseudo-version timestamp. */
const PROXY_BUFFER_OMITEMPTY_SINCE = "20260702121717";

function teeSupport(v: Semver): FieldSupport {
  if (v.major !== 0) return "unknown";
  if (v.minor === 2) return v.patch === 15 && V02_WITH_TEE.has(v.pre) ? "kept" : "dropped";
  if (v.minor === 3) return v.patch === 0 && (v.pre === "rc0" || v.pre.startsWith("b")) ? "dropped" : "kept";
  if (v.minor === 4 && v.patch === 0 && /^a\d+$/.test(v.pre))
    return Number(v.pre.slice(1)) >= 2 ? "kept" : "dropped";
  return "unknown";
}

function proxyBufferSupport(v: Semver): FieldSupport {
  if (v.major !== 0) return "unknown";
  if (v.minor === 2) return "dropped";
  if (v.minor === 3 && v.patch === 0) return "dropped";
  if (v.minor === 3 && v.patch === 1 && v.pre === "") return "always-written";
  // A build from main after v0.3.1: Go names it v0.3.2-0.<commit time>-<commit>.
  const pseudo = /^0\.(\d{14})-[0-9a-f]{12}$/.exec(v.pre);
  if (v.minor === 3 && v.patch === 2 && pseudo) {
    return (pseudo[1] as string) >= PROXY_BUFFER_OMITEMPTY_SINCE ? "kept" : "always-written";
  }
  if (v.minor === 4 && v.patch === 0 && /^a\d+$/.test(v.pre)) return "dropped";
  return "unknown";
}

/** What a provider built with chain-sdk go `version` (e.g. "v0.2.16") does with the 2026 fields. */
export function manifestCapability(chainSdkGo: string | undefined): ManifestCapability {
  const parsed = chainSdkGo === undefined ? undefined : parseSemver(chainSdkGo);
  if (parsed === undefined) return { chainSdkGo, proxyBufferSize: "unknown", tee: "unknown" };
  return { chainSdkGo, proxyBufferSize: proxyBufferSupport(parsed), tee: teeSupport(parsed) };
}

export interface ManifestFieldIssue {
  group: string;
  service: string;
  /** JSON path in the manifest, e.g. `[0].services[1].expose[0].httpOptions.proxyBufferSize`. */
  path: string;
  field: "proxyBufferSize" | "tee";
  /** dropped: the provider removes it; added: it writes a zero the manifest does not have; maybe: unknown. */
  change: "dropped" | "added" | "maybe-dropped";
}

type Json = Record<string, unknown>;
const objects = (value: unknown): Json[] =>
  Array.isArray(value) ? value.filter((v): v is Json => typeof v === "object" && v !== null) : [];
const isSet = (value: unknown) => value !== undefined && value !== null && value !== 0;

/**
 * The fields of a compiled manifest (the JSON text sent to providers) that a provider with `capability` would not
 * hash as sent. An empty list means the provider computes the same version hash as the deployment's.
 */
export function manifestFieldIssues(
  manifestJson: string,
  capability: ManifestCapability,
): ManifestFieldIssue[] {
  const issues: ManifestFieldIssue[] = [];
  const lossy = (support: FieldSupport) =>
    support === "dropped" ? "dropped" : support === "unknown" ? "maybe-dropped" : undefined;
  objects(JSON.parse(manifestJson) as unknown).forEach((group, g) => {
    objects(group.services).forEach((service, s) => {
      const where = { group: String(group.name ?? ""), service: String(service.name ?? "") };
      const base = `[${g}].services[${s}]`;
      objects(service.expose).forEach((expose, e) => {
        const http = (expose.httpOptions ?? {}) as Json;
        const path = `${base}.expose[${e}].httpOptions.proxyBufferSize`;
        const set = isSet(http.proxyBufferSize);
        const change = set
          ? lossy(capability.proxyBufferSize)
          : capability.proxyBufferSize === "always-written" && http.proxyBufferSize === undefined
            ? "added"
            : undefined;
        if (change) issues.push({ ...where, path, field: "proxyBufferSize", change });
      });
      const params = service.params as Json | null | undefined;
      const change = params && isSet(params.tee) ? lossy(capability.tee) : undefined;
      if (change) issues.push({ ...where, path: `${base}.params.tee`, field: "tee", change });
    });
  });
  return issues;
}
