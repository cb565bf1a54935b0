/** Decodes `services.<name>`: image, command/args/env, expose, params and registry credentials. */
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
  const int = (key: string, max: number): number =>
    map[key] === undefined ? 0 : (r.integer(map[key], childPath(path, key), 0, max, key) ?? 0);
  options.maxBodySize = int("max_body_size", MAX_BODY_SIZE);
  options.proxyBufferSize = int("proxy_buffer_size", MAX_PROXY_BUFFER_SIZE);
  options.readTimeout = int("read_timeout", MAX_TIMEOUT_MS);
  options.sendTimeout = int("send_timeout", MAX_TIMEOUT_MS);
  options.nextTries = int("next_tries", UINT32_MAX);
  options.nextTimeout = int("next_timeout", UINT32_MAX);
  if (map.next_cases !== undefined) {
    const casesPath = childPath(path, "next_cases");
    const list = r.list(map.next_cases, casesPath);
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
  const map = r.mapping(raw, path, ["service", "global", "ip"]);
  if (!map) return undefined;
  const to: ExposeToModel = { service: "", global: false, ip: "" };
  if (map.service !== undefined) to.service = r.string(map.service, childPath(path, "service")) ?? "";
  if (map.global !== undefined) to.global = r.boolean(map.global, childPath(path, "global")) ?? false;
  if (map.ip !== undefined) {
    to.ip = r.string(map.ip, childPath(path, "ip"), 1) ?? "";
    if (to.ip !== "" && !to.global) {
      r.error(childPath(path, "ip"), `an IP endpoint can only be used with "global: true"`);
    }
  }
  return to;
}

function decodeExpose(r: YamlReader, raw: unknown, path: string): ExposeModel | undefined {
  const map = r.mapping(raw, path, EXPOSE_FIELDS, ["port"]);
  if (!map) return undefined;
  const port =
    map.port === undefined ? undefined : r.integer(map.port, childPath(path, "port"), 1, 65535, "port");
  const as = map.as === undefined ? 0 : r.integer(map.as, childPath(path, "as"), 1, 65535, "as");
  let protoText = "";
  if (map.proto !== undefined) {
    const proto = r.string(map.proto, childPath(path, "proto"));
    if (proto !== undefined && !["TCP", "UDP", "tcp", "udp"].includes(proto)) {
      r.error(childPath(path, "proto"), `proto must be TCP or UDP, got "${proto}"`);
    } else if (proto !== undefined) protoText = proto;
  }
  const accept = map.accept === undefined ? null : r.stringList(map.accept, childPath(path, "accept"), false);
  const to: ExposeToModel[] = [];
  if (map.to !== undefined) {
    const toPath = childPath(path, "to");
    const list = r.list(map.to, toPath);
    list?.forEach((item, i) => {
      const decoded = decodeExposeTo(r, item, indexPath(toPath, i));
      if (decoded) to.push(decoded);
    });
  }
  const httpOptions = decodeHttpOptions(r, map.http_options, childPath(path, "http_options"));
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

function decodeParams(r: YamlReader, raw: unknown, path: string): ServiceParamsModel | undefined {
  const map = r.mapping(raw, path, ["storage", "permissions", "tee"]);
  if (!map) return undefined;
  const params: ServiceParamsModel = { storage: new Map(), permissions: null, tee: "" };
  if (map.storage !== undefined) {
    const storagePath = childPath(path, "storage");
    const storage = r.mapping(map.storage, storagePath, "any");
    for (const [name, value, volumePath] of storage ? r.entries(storage, storagePath) : []) {
      const volume = r.mapping(value, volumePath, ["mount", "readOnly"]);
      if (!volume) continue;
      const entry: StorageParamsModel = { mount: "", readOnly: false };
      const mountPath = childPath(volumePath, "mount");
      if (volume.mount === undefined)
        r.error(mountPath, "mount is required (an absolute path such as /data)");
      else {
        const mount = r.string(volume.mount, mountPath, 1);
        if (mount !== undefined && !mount.startsWith("/")) {
          r.error(mountPath, `mount must be an absolute path (starting with "/"), got "${mount}"`);
        }
        entry.mount = mount ?? "";
      }
      if (volume.readOnly !== undefined)
        entry.readOnly = r.boolean(volume.readOnly, childPath(volumePath, "readOnly")) ?? false;
      params.storage.set(name, entry);
    }
  }
  if (map.permissions !== undefined) {
    const permissionsPath = childPath(path, "permissions");
    const permissions = r.mapping(map.permissions, permissionsPath, ["read"]);
    if (permissions) {
      let read: string[] | null = null;
      if (permissions.read !== undefined) {
        const readPath = childPath(permissionsPath, "read");
        const list = r.list(permissions.read, readPath) ?? [];
        read = list
          .map((item, i) => r.oneOf(item, indexPath(readPath, i), ["deployment", "logs", "events"] as const))
          .filter((item): item is "deployment" | "logs" | "events" => item !== undefined);
      }
      params.permissions = { read };
    }
  }
  if (map.tee !== undefined)
    params.tee = r.oneOf(map.tee, childPath(path, "tee"), ["cpu", "cpu-gpu"] as const) ?? "";
  return params;
}

function decodeCredentials(r: YamlReader, raw: unknown, path: string): CredentialsModel | undefined {
  const map = r.mapping(
    raw,
    path,
    ["host", "username", "password", "email"],
    ["host", "username", "password"],
  );
  if (!map) return undefined;
  const field = (key: string, minLength: number): string => {
    if (map[key] === undefined) return "";
    const text = r.string(map[key], childPath(path, key), minLength);
    // Go rejects credentials that are only whitespace.
    if (text !== undefined && minLength > 0 && text.trim() === "")
      r.error(childPath(path, key), "must not be blank");
    return text ?? "";
  };
  return {
    host: field("host", 1),
    username: field("username", 1),
    password: field("password", 6),
    email: field("email", 5),
  };
}

export function decodeService(r: YamlReader, raw: unknown, path: string): ServiceModel | undefined {
  const map = r.mapping(raw, path, SERVICE_FIELDS, ["image"]);
  if (!map) return undefined;
  const image = map.image === undefined ? undefined : r.string(map.image, childPath(path, "image"), 1);
  const command = r.stringList(map.command, childPath(path, "command"));
  const args = r.stringList(map.args, childPath(path, "args"));
  const env = r.stringList(map.env, childPath(path, "env"));
  const expose: ExposeModel[] = [];
  if (!isNull(map.expose)) {
    const exposePath = childPath(path, "expose");
    r.list(map.expose, exposePath)?.forEach((item, i) => {
      const decoded = decodeExpose(r, item, indexPath(exposePath, i));
      if (decoded) expose.push(decoded);
    });
  }
  if (map.dependencies !== undefined) {
    const depsPath = childPath(path, "dependencies");
    r.list(map.dependencies, depsPath)?.forEach((item, i) => {
      const dep = r.mapping(item, indexPath(depsPath, i), ["service"]);
      if (dep?.service !== undefined) r.string(dep.service, childPath(indexPath(depsPath, i), "service"));
    });
  }
  const params = map.params === undefined ? null : decodeParams(r, map.params, childPath(path, "params"));
  const credentials =
    map.credentials === undefined
      ? null
      : decodeCredentials(r, map.credentials, childPath(path, "credentials"));
  if (image === undefined || command === undefined || args === undefined || env === undefined)
    return undefined;
  if (params === undefined || credentials === undefined) return undefined;
  return { image, command, args, env, expose, params, credentials };
}
