/**
 * Parsed YAML → SdlModel. Enforces the SDL input schema (chain-sdk go/sdl/sdl-input.schema.yaml: unknown fields,
 * types, enums, ranges) together with the checks Go's parser does while decoding, and reports all of them.
 */
import { decodeCompute } from "./decode-compute";
import { decodePlacement } from "./decode-placement";
import { decodeService } from "./decode-services";
import type { IssueCollector } from "./sdl-error";
import type {
  ComputeModel,
  PlacementModel,
  SdlModel,
  SdlVersion,
  ServiceDeploymentModel,
  ServiceModel,
} from "./sdl-model";
import { childPath } from "./sdl-path";
import { YamlReader } from "./yaml-reader";
import { isYamlScalar } from "./yaml-scalar";

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

function decodeVersion(r: YamlReader, raw: unknown): SdlVersion | undefined {
  // The schema wants the string "2.0" or "2.1"; an unquoted 2.0 is accepted too, as Go's parser does.
  const text =
    typeof raw === "string" ? raw : isYamlScalar(raw) && raw.kind === "float" ? raw.raw : undefined;
  if (text === "2.0" || text === "2.1") return text;
  const shown = typeof raw === "string" || isYamlScalar(raw) ? `"${String(raw)}"` : "a non-string value";
  r.error("version", `unsupported SDL version ${shown}; use "2.0" or "2.1"`);
  return undefined;
}

function decodeDeployment(r: YamlReader, raw: unknown): SdlModel["deployment"] | undefined {
  const map = r.mapping(raw, "deployment", "any");
  if (!map) return undefined;
  const deployment = new Map<string, Map<string, ServiceDeploymentModel>>();
  let good = true;
  for (const [service, value, servicePath] of r.entries(map, "deployment")) {
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
    if (byPlacement.size === 0 && Object.keys(placements).length === 0) {
      r.error(servicePath, "must name at least one placement: <placement>: {profile: …, count: …}");
      good = false;
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

const WINDOW_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 };

function decodeReclamation(r: YamlReader, raw: unknown): SdlModel["reclamation"] | null {
  const map = r.mapping(raw, "reclamation", ["min_window"], ["min_window"]);
  if (!map || map.min_window === undefined) return null;
  const path = "reclamation.min_window";
  const text = r.string(map.min_window, path);
  if (text === undefined) return null;
  const match = /^([1-9][0-9]*)(s|m|h)$/.exec(text);
  if (!match) {
    r.error(
      path,
      `min_window must be a whole number greater than 0 followed by s, m or h (e.g. "24h"), got "${text}"`,
    );
    return null;
  }
  return { minWindowSeconds: Number(match[1]) * WINDOW_UNITS[match[2]!]! };
}

/** Decodes a parsed SDL document; returns undefined if anything was reported. */
export function decodeSdl(document: unknown, issues: IssueCollector): SdlModel | undefined {
  const r = new YamlReader(issues);
  if (document === undefined || document === null) {
    r.error("", "the SDL document is empty");
    return undefined;
  }
  const root = r.mapping(document, "", TOP_LEVEL_FIELDS, ["version", "services", "profiles", "deployment"]);
  if (!root) return undefined;
  const version = root.version === undefined ? undefined : decodeVersion(r, root.version);

  if (root.include !== undefined) r.stringList(root.include, "include", false);

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
  const endpoints =
    root.endpoints === undefined ? new Map<string, { kind: string }>() : decodeEndpoints(r, root.endpoints);
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
