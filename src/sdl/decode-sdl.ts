/**
 * Parsed YAML → SdlModel, accepting what Akash's Go SDL parser accepts (chain-sdk go/sdl at the version the CLI and
 * providers run) and refusing what it refuses, what the chain would refuse, or what Go would read with another
 * meaning than written. What Go ignores or fills in is reported as a warning (see yaml-reader.ts).
 */
import { decodeCompute } from "./decode-compute";
import { decodePlacement } from "./decode-placement";
import { decodeService } from "./decode-services";
import { goParseDuration } from "../go-duration";
import type { IssueCollector } from "./sdl-error";
import type {
  ComputeModel,
  PlacementModel,
  SdlModel,
  ServiceDeploymentModel,
  ServiceModel,
} from "./sdl-model";
import { childPath } from "./sdl-path";
import { decodeVersion } from "./sdl-version";
import { isMapping, isNull, YamlReader } from "./yaml-reader";

const TOP_LEVEL_FIELDS = [
  "version",
  "include",
  "services",
  "profiles",
  "deployment",
  "endpoints",
  "reclamation",
];
export const ENDPOINT_NAME = /^[a-z]+[-_0-9a-z]+$/;
const UINT32_MAX = 4294967295;

function decodeDeployment(r: YamlReader, raw: unknown): SdlModel["deployment"] | undefined {
  const map = r.mapping(raw, "deployment", "any");
  if (!map) return undefined;
  const deployment = new Map<string, Map<string, ServiceDeploymentModel>>();
  let good = true;
  for (const [service, value, servicePath] of r.entries(map, "deployment")) {
    if (isNull(value) || (isMapping(value) && Object.keys(value).length === 0)) {
      r.error(servicePath, "must name at least one placement: <placement>: {profile: …, count: …}");
      good = false;
      continue;
    }
    const placements = r.mapping(value, servicePath, "any");
    if (!placements) {
      good = false;
      continue;
    }
    const byPlacement = new Map<string, ServiceDeploymentModel>();
    for (const [placement, entry, entryPath] of r.entries(placements, servicePath)) {
      const item = r.mapping(entry, entryPath, ["profile", "count"], ["profile", "count"]);
      if (!item) {
        good = false;
        continue;
      }
      const profile =
        item.profile === undefined ? undefined : r.string(item.profile, childPath(entryPath, "profile"));
      const count =
        item.count === undefined
          ? undefined
          : r.integer(item.count, childPath(entryPath, "count"), 1, UINT32_MAX, "count");
      if (profile === undefined || count === undefined) good = false;
      else byPlacement.set(placement, { profile, count });
    }
    deployment.set(service, byPlacement);
  }
  return good ? deployment : undefined;
}

function decodeEndpoints(r: YamlReader, raw: unknown): SdlModel["endpoints"] | undefined {
  const map = r.mapping(raw, "endpoints", "any");
  if (!map) return undefined;
  const endpoints = new Map<string, { kind: string }>();
  let good = true;
  for (const [name, value, path] of r.entries(map, "endpoints")) {
    if (!ENDPOINT_NAME.test(name)) {
      r.error(
        path,
        `invalid endpoint name "${name}": use lower-case letters, digits, "-" and "_", starting with a letter`,
      );
      good = false;
    }
    const endpoint = r.mapping(value, path, ["kind"], ["kind"]);
    const kind =
      endpoint?.kind === undefined
        ? undefined
        : r.oneOf(endpoint.kind, childPath(path, "kind"), ["ip"] as const);
    if (kind === undefined) good = false;
    else endpoints.set(name, { kind });
  }
  return good ? endpoints : undefined;
}

const SCHEMA_WINDOW = /^[1-9][0-9]*(s|m|h)$/;
const NANOS_PER_SECOND = 1_000_000_000n;

/** The same duration in the schema's form, when it has one ("1h30m" → ` (write "90m")`). */
function wholeDurationHint(nanos: bigint): string {
  if (nanos % NANOS_PER_SECOND !== 0n) return "";
  const seconds = nanos / NANOS_PER_SECOND;
  const text =
    seconds % 3600n === 0n
      ? `${seconds / 3600n}h`
      : seconds % 60n === 0n
        ? `${seconds / 60n}m`
        : `${seconds}s`;
  return ` (write "${text}")`;
}

function decodeReclamation(r: YamlReader, raw: unknown): SdlModel["reclamation"] | null {
  const map = r.mapping(raw, "reclamation", ["min_window"], ["min_window"]);
  if (!map || map.min_window === undefined) return null;
  const path = "reclamation.min_window";
  const text = r.string(map.min_window, path);
  if (text === undefined) return null;
  const nanos = goParseDuration(text);
  if (nanos === undefined || nanos <= 0n) {
    r.error(
      path,
      nanos === undefined
        ? `min_window must be a duration such as "24h", "90m" or "1h30m", got "${text}"`
        : `min_window must be greater than 0, got "${text}"`,
    );
    return null;
  }
  if (!SCHEMA_WINDOW.test(text)) {
    r.issues.warn(
      path,
      "schema-only",
      `"${text}" is a duration Akash's SDL parser accepts, but the SDL schema only allows a whole number ` +
        `followed by s, m or h${wholeDurationHint(nanos)}; other tools may refuse it`,
    );
  }
  return { minWindowSeconds: Number(nanos) / 1e9 };
}

/** Decodes a parsed SDL document; returns undefined if anything was reported. */
export function decodeSdl(document: unknown, issues: IssueCollector): SdlModel | undefined {
  const r = new YamlReader(issues);
  if (document === undefined || document === null) {
    r.error("", "the SDL document is empty");
    return undefined;
  }
  // Go refuses unknown top-level keys ("sdl: unexpected field").
  const root = r.mapping(
    document,
    "",
    TOP_LEVEL_FIELDS,
    ["version", "services", "profiles", "deployment"],
    "refuse",
  );
  if (!root) return undefined;
  const version = root.version === undefined ? undefined : decodeVersion(root.version, issues);

  if (root.include !== undefined) r.stringList(root.include, "include");

  const services = new Map<string, ServiceModel>();
  if (root.services !== undefined) {
    const map = r.mapping(root.services, "services", "any");
    for (const [name, value, path] of map ? r.entries(map, "services") : []) {
      const service = decodeService(r, value, path);
      if (service) services.set(name, service);
    }
  }

  const compute = new Map<string, ComputeModel>();
  const placements = new Map<string, PlacementModel>();
  if (root.profiles !== undefined) {
    const profiles = r.mapping(root.profiles, "profiles", ["compute", "placement"], ["compute", "placement"]);
    if (profiles?.compute !== undefined) {
      const map = r.mapping(profiles.compute, "profiles.compute", "any");
      for (const [name, value, path] of map ? r.entries(map, "profiles.compute") : []) {
        const profile = decodeCompute(r, value, path);
        if (profile) compute.set(name, profile);
      }
    }
    if (profiles?.placement !== undefined) {
      const map = r.mapping(profiles.placement, "profiles.placement", "any");
      for (const [name, value, path] of map ? r.entries(map, "profiles.placement") : []) {
        const placement = decodePlacement(r, value, path);
        if (placement) placements.set(name, placement);
      }
    }
  }

  const deployment = root.deployment === undefined ? undefined : decodeDeployment(r, root.deployment);
  const endpointsRaw = r.optional(root, "endpoints", "");
  const endpoints =
    endpointsRaw === undefined ? new Map<string, { kind: string }>() : decodeEndpoints(r, endpointsRaw);
  const reclamation = root.reclamation === undefined ? undefined : decodeReclamation(r, root.reclamation);

  if (issues.count > 0 || !version || !deployment || !endpoints || reclamation === null) return undefined;
  return {
    version,
    services,
    compute,
    placements,
    deployment,
    endpoints,
    ...(reclamation ? { reclamation } : {}),
  };
}
