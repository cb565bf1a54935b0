/**
 * Decodes `services.<name>`: image, command/args/env, expose, params and registry credentials, with Go's rules
 * (chain-sdk go/sdl v2.go, expose.go): unknown keys are ignored with a warning, limits are Go's.
 */
import type {
  CredentialsModel,
  ExposeModel,
  ExposeToModel,
  HttpOptionsModel,
  ServiceModel,
  ServiceParamsModel,
  StorageParamsModel,
} from "./sdl-model";
import { childPath, indexPath } from "./sdl-path";
import { isNull, type YamlReader } from "./yaml-reader";

const UINT32_MAX = 4294967295;

// Limits and defaults from chain-sdk go/sdl/v2.go (asManifest) and the SDL input schema.
export const HTTP_DEFAULTS = {
  maxBodySize: 1048576,
  readTimeout: 60000,
  sendTimeout: 60000,
  nextTries: 3,
} as const;
const MAX_BODY_SIZE = 104857600;
const MAX_PROXY_BUFFER_SIZE = 1048576;
const MAX_TIMEOUT_MS = 60000;
const NEXT_CASES = ["error", "timeout", "500", "502", "503", "504", "403", "404", "429", "off"] as const;

const SERVICE_FIELDS = ["image", "command", "args", "env", "expose", "dependencies", "params", "credentials"];
const EXPOSE_FIELDS = ["port", "as", "proto", "to", "accept", "http_options"];
// Go's v2ExposeTo also has `http_options`, which nothing reads.
const EXPOSE_TO_FIELDS = ["service", "global", "ip", "http_options"];
const HTTP_OPTION_FIELDS = [
  "max_body_size",
  "next_cases",
  "next_timeout",
  "next_tries",
  "proxy_buffer_size",
  "read_timeout",
  "send_timeout",
];

function decodeHttpOptions(r: YamlReader, raw: unknown, path: string): HttpOptionsModel {
  const options: HttpOptionsModel = {
    maxBodySize: 0,
    proxyBufferSize: 0,
    readTimeout: 0,
    sendTimeout: 0,
    nextTries: 0,
    nextTimeout: 0,
    nextCases: null,
  };
  if (raw === undefined) return options;
  const map = r.mapping(raw, path, HTTP_OPTION_FIELDS);
  if (!map) return options;
  const int = (key: string, max: number): number => {
    const value = r.optional(map, key, path);
    return value === undefined ? 0 : (r.integer(value, childPath(path, key), 0, max, key) ?? 0);
  };
  options.maxBodySize = int("max_body_size", MAX_BODY_SIZE);
  options.proxyBufferSize = int("proxy_buffer_size", MAX_PROXY_BUFFER_SIZE);
  options.readTimeout = int("read_timeout", MAX_TIMEOUT_MS);
  options.sendTimeout = int("send_timeout", MAX_TIMEOUT_MS);
  options.nextTries = int("next_tries", UINT32_MAX);
  options.nextTimeout = int("next_timeout", UINT32_MAX);
  const nextCases = r.optional(map, "next_cases", path);
  if (nextCases !== undefined) {
    const casesPath = childPath(path, "next_cases");
    const list = r.list(nextCases, casesPath);
    if (list) {
      const cases = list.map((item, i) => r.oneOf(item, indexPath(casesPath, i), NEXT_CASES));
      if (cases.includes("off") && cases.length > 1)
        r.error(casesPath, `"off" cannot be combined with other cases`);
      options.nextCases = cases.filter((c): c is (typeof NEXT_CASES)[number] => c !== undefined);
    }
  }
  return options;
}

function decodeExposeTo(r: YamlReader, raw: unknown, path: string): ExposeToModel | undefined {
  const map = r.mapping(raw, path, EXPOSE_TO_FIELDS);
  if (!map) return undefined;
  if (map.http_options !== undefined) {
    r.issues.warn(
      childPath(path, "http_options"),
      "ignored-field",
      "http_options belongs to the expose entry, not to `to`; Akash's SDL parser reads it here but never uses it",
    );
  }
  const to: ExposeToModel = { service: "", global: false, ip: "" };
  const service = r.optional(map, "service", path);
  const global = r.optional(map, "global", path);
  const ip = r.optional(map, "ip", path);
  if (service !== undefined) to.service = r.string(service, childPath(path, "service")) ?? "";
  if (global !== undefined) to.global = r.boolean(global, childPath(path, "global")) ?? false;
  if (ip !== undefined) {
    to.ip = r.string(ip, childPath(path, "ip")) ?? "";
    if (to.ip === "") {
      r.issues.warn(childPath(path, "ip"), "empty-value", `"ip" is empty and is read as absent`);
    } else if (!to.global) {
      r.error(childPath(path, "ip"), `an IP endpoint can only be used with "global: true"`);
    }
  }
  return to;
}

function decodeExpose(r: YamlReader, raw: unknown, path: string): ExposeModel | undefined {
  const map = r.mapping(raw, path, EXPOSE_FIELDS, ["port"]);
  if (!map) return undefined;
  const port = isNull(map.port) ? undefined : r.integer(map.port, childPath(path, "port"), 1, 65535, "port");
  const asValue = r.optional(map, "as", path);
  const as = asValue === undefined ? 0 : r.integer(asValue, childPath(path, "as"), 1, 65535, "as");
  let protoText = "";
  const protoValue = r.optional(map, "proto", path);
  if (protoValue !== undefined) {
    const proto = r.string(protoValue, childPath(path, "proto"));
    // Go upper-cases it first, so "Tcp" is TCP; "" means TCP.
    if (proto !== undefined && !["TCP", "UDP", ""].includes(proto.toUpperCase())) {
      r.error(childPath(path, "proto"), `proto must be TCP or UDP, got "${proto}"`);
    } else if (proto !== undefined) protoText = proto;
  }
  const acceptValue = r.optional(map, "accept", path);
  const accept = acceptValue === undefined ? null : r.stringList(acceptValue, childPath(path, "accept"));
  const to: ExposeToModel[] = [];
  const toValue = r.optional(map, "to", path);
  if (toValue !== undefined) {
    const toPath = childPath(path, "to");
    const list = r.list(toValue, toPath);
    list?.forEach((item, i) => {
      const decoded = decodeExposeTo(r, item, indexPath(toPath, i));
      if (decoded) to.push(decoded);
    });
  }
  const httpOptions = decodeHttpOptions(
    r,
    r.optional(map, "http_options", path),
    childPath(path, "http_options"),
  );
  if (port === undefined || as === undefined || accept === undefined) return undefined;
  return {
    port,
    as,
    protoText,
    proto: protoText.toUpperCase() === "UDP" ? "UDP" : "TCP",
    accept,
    to,
    httpOptions,
  };
}

function decodeStorageParams(r: YamlReader, raw: unknown, path: string): ServiceParamsModel["storage"] {
  const storage = new Map<string, StorageParamsModel>();
  const map = r.mapping(raw, path, "any");
  for (const [name, value, volumePath] of map ? r.entries(map, path) : []) {
    // Go reads an entry without a value as an empty mount, which it then refuses.
    const volume = isNull(value) ? {} : r.mapping(value, volumePath, ["mount", "readOnly"]);
    if (!volume) continue;
    const entry: StorageParamsModel = { mount: "", readOnly: false };
    const mountPath = childPath(volumePath, "mount");
    if (isNull(volume.mount)) r.error(mountPath, "mount is required (an absolute path such as /data)");
    else {
      const mount = r.string(volume.mount, mountPath, 1);
      if (mount !== undefined && !mount.startsWith("/")) {
        r.error(mountPath, `mount must be an absolute path (starting with "/"), got "${mount}"`);
      }
      entry.mount = mount ?? "";
    }
    const readOnly = r.optional(volume, "readOnly", volumePath);
    if (readOnly !== undefined)
      entry.readOnly = r.boolean(readOnly, childPath(volumePath, "readOnly")) ?? false;
    storage.set(name, entry);
  }
  return storage;
}

function decodePermissions(r: YamlReader, raw: unknown, path: string): ServiceParamsModel["permissions"] {
  const permissions = r.mapping(raw, path, ["read"]);
  if (!permissions) return null;
  const readValue = r.optional(permissions, "read", path);
  if (readValue === undefined) return { read: null };
  const readPath = childPath(path, "read");
  const list = r.list(readValue, readPath) ?? [];
  const read = list
    .map((item, i) => r.oneOf(item, indexPath(readPath, i), ["deployment", "logs", "events"] as const))
    .filter((item): item is "deployment" | "logs" | "events" => item !== undefined);
  return { read };
}

function decodeParams(r: YamlReader, raw: unknown, path: string): ServiceParamsModel | undefined {
  const map = r.mapping(raw, path, ["storage", "permissions", "tee"]);
  if (!map) return undefined;
  const params: ServiceParamsModel = { storage: new Map(), permissions: null, tee: "" };
  const storage = r.optional(map, "storage", path);
  if (storage !== undefined) params.storage = decodeStorageParams(r, storage, childPath(path, "storage"));
  const permissions = r.optional(map, "permissions", path);
  if (permissions !== undefined) {
    params.permissions = decodePermissions(r, permissions, childPath(path, "permissions"));
  }
  const tee = r.optional(map, "tee", path);
  if (tee !== undefined) params.tee = r.oneOf(tee, childPath(path, "tee"), ["cpu", "cpu-gpu"] as const) ?? "";
  return params;
}

/** Go only refuses blank host, username or password; the schema's minimum lengths are warnings. */
function decodeCredentials(r: YamlReader, raw: unknown, path: string): CredentialsModel | undefined {
  const map = r.mapping(
    raw,
    path,
    ["host", "username", "password", "email"],
    ["host", "username", "password"],
  );
  if (!map) return undefined;
  const field = (key: string, required: boolean, schemaMinLength: number): string => {
    if (isNull(map[key])) return "";
    const keyPath = childPath(path, key);
    const text = r.string(map[key], keyPath);
    if (text === undefined) return "";
    if (required && text.trim() === "") r.error(keyPath, "must not be blank");
    else if (text.length < schemaMinLength) {
      r.issues.warn(
        keyPath,
        "schema-only",
        `is shorter than the ${schemaMinLength} characters the SDL schema asks for; Akash's SDL parser and ` +
          "providers accept it, other tools may not",
      );
    }
    return text;
  };
  return {
    host: field("host", true, 1),
    username: field("username", true, 1),
    password: field("password", true, 6),
    email: field("email", false, 5),
  };
}

function decodeDependencies(r: YamlReader, raw: unknown, path: string): void {
  r.list(raw, path)?.forEach((item, i) => {
    const dep = r.mapping(item, indexPath(path, i), ["service"]);
    if (dep?.service !== undefined) r.string(dep.service, childPath(indexPath(path, i), "service"));
  });
}

export function decodeService(r: YamlReader, raw: unknown, path: string): ServiceModel | undefined {
  const map = r.mapping(raw, path, SERVICE_FIELDS, ["image"]);
  if (!map) return undefined;
  const image = isNull(map.image) ? undefined : r.string(map.image, childPath(path, "image"), 1);
  const list = (key: string): string[] | null | undefined => {
    const value = r.optional(map, key, path);
    return value === undefined ? null : r.stringList(value, childPath(path, key));
  };
  const command = list("command");
  const args = list("args");
  const env = list("env");
  const expose: ExposeModel[] = [];
  const exposeValue = r.optional(map, "expose", path);
  if (exposeValue !== undefined) {
    const exposePath = childPath(path, "expose");
    r.list(exposeValue, exposePath)?.forEach((item, i) => {
      const decoded = decodeExpose(r, item, indexPath(exposePath, i));
      if (decoded) expose.push(decoded);
    });
  }
  const dependencies = r.optional(map, "dependencies", path);
  if (dependencies !== undefined) decodeDependencies(r, dependencies, childPath(path, "dependencies"));
  const paramsValue = r.optional(map, "params", path);
  const params = paramsValue === undefined ? null : decodeParams(r, paramsValue, childPath(path, "params"));
  const credentialsValue = r.optional(map, "credentials", path);
  const credentials =
    credentialsValue === undefined
      ? null
      : decodeCredentials(r, credentialsValue, childPath(path, "credentials"));
  if (image === undefined || command === undefined || args === undefined || env === undefined)
    return undefined;
  if (params === undefined || credentials === undefined) return undefined;
  return { image, command, args, env, expose, params, credentials };
}
