/**
 * Decodes `profiles.compute.<name>.resources`: CPU, memory, storage volumes and GPU, with Go's parsing
 * (quantities.ts), Go's storage attribute rules (chain-sdk go/sdl/storage.go) and the per-unit chain limits
 * (chain-sdk go/node/deployment/v1beta4/validation_config.go), so bad values are reported at their SDL path.
 */
import { goStableSort, goStringLess } from "./go-sort";
import {
  formatGpuRam,
  parseByteQuantity,
  parseCpuMillis,
  parseGpuRam,
  parseGpuUnits,
  type Parsed,
} from "./quantities";
import type { Attribute, ComputeModel, StorageVolumeModel } from "./sdl-model";
import { childPath, indexPath } from "./sdl-path";
import { goScalarText, isMapping, isNull, type YamlReader } from "./yaml-reader";
import { isYamlScalar } from "./yaml-scalar";

const Mi = 2 ** 20;
const Ti = 2 ** 40;
export const UNIT_LIMITS = {
  cpuMin: 10,
  cpuMax: 384 * 1000,
  gpuMax: 24,
  memoryMin: Mi,
  memoryMax: 2 * Ti,
  storageMin: 5 * Mi,
  storageMax: 32 * Ti,
} as const;

const STORAGE_CLASSES = ["default", "beta1", "beta2", "beta3", "ram"];

/** The attribute key rule of the chain (attributes/v1 AttributeNameRegexpStringWildcard). */
export const ATTRIBUTE_KEY = /^([a-zA-Z][\w/.-]{1,126}[\w*]?)$/;

function sortAttributes(attributes: Attribute[]): Attribute[] {
  return goStableSort(attributes, (a, b) => goStringLess(a.key, b.key));
}

function humanBytes(bytes: number): string {
  if (bytes >= Ti && bytes % Ti === 0) return `${bytes / Ti}Ti`;
  if (bytes >= Mi && bytes % Mi === 0) return `${bytes / Mi}Mi`;
  return `${bytes} bytes`;
}

/** Text of a quantity that the schema allows as a string or a number. */
function quantityText(r: YamlReader, value: unknown, path: string, what: string): string | undefined {
  if (typeof value === "string") return value;
  if (isYamlScalar(value) && (value.kind === "int" || value.kind === "float")) return value.raw;
  r.error(path, `${what} must be a number or a string, got ${isNull(value) ? "null" : "another type"}`);
  return undefined;
}

function report<T>(r: YamlReader, parsed: Parsed<T>, path: string): T | undefined {
  if (!parsed.ok) {
    r.error(path, parsed.error);
    return undefined;
  }
  return parsed.value;
}

function decodeCpu(
  r: YamlReader,
  raw: unknown,
  path: string,
): Pick<ComputeModel, "cpuMillis" | "cpuAttributes"> | undefined {
  const map = r.mapping(raw, path, ["units", "attributes"], ["units"]);
  if (!map || map.units === undefined) return undefined;
  const unitsPath = childPath(path, "units");
  const text = quantityText(r, map.units, unitsPath, "CPU units");
  let millis: number | undefined;
  if (text !== undefined) {
    // The schema's shape rule for strings, then Go's parse.
    if (typeof map.units === "string" && !/^[0-9]+(\.[0-9]+)?[a-zA-Z]*$/.test(text)) {
      r.error(unitsPath, `CPU units must be a positive number such as 0.5, 2 or "500m", got "${text}"`);
    } else millis = report(r, parseCpuMillis(text), unitsPath);
  }
  if (millis !== undefined && (millis < UNIT_LIMITS.cpuMin || millis > UNIT_LIMITS.cpuMax)) {
    r.error(unitsPath, `CPU units must be between 0.01 (10m) and 384 per replica, got ${millis}m`);
    millis = undefined;
  }
  let cpuAttributes: Attribute[] | null = null;
  if (map.attributes !== undefined) {
    const attrPath = childPath(path, "attributes");
    const attrs = r.mapping(map.attributes, attrPath, "any");
    for (const [key, value, keyPath] of attrs ? r.entries(attrs, attrPath) : []) {
      if (key !== "arch") {
        r.error(keyPath, `unsupported CPU attribute "${key}" (only "arch" is supported)`);
        continue;
      }
      const text = goScalarText(value);
      if (text === undefined) r.error(keyPath, "must be a string");
      else (cpuAttributes ??= []).push({ key, value: text });
    }
    if (cpuAttributes) cpuAttributes = sortAttributes(cpuAttributes);
  }
  return millis === undefined ? undefined : { cpuMillis: millis, cpuAttributes };
}

function decodeMemory(r: YamlReader, raw: unknown, path: string): number | undefined {
  const map = r.mapping(raw, path, ["size"], ["size"]);
  if (!map || map.size === undefined) return undefined;
  const sizePath = childPath(path, "size");
  const text = r.string(map.size, sizePath);
  const bytes = text === undefined ? undefined : report(r, parseByteQuantity(text), sizePath);
  if (bytes !== undefined && (bytes < UNIT_LIMITS.memoryMin || bytes > UNIT_LIMITS.memoryMax)) {
    r.error(sizePath, `memory must be between 1Mi and 2Ti per replica, got ${humanBytes(bytes)}`);
    return undefined;
  }
  return bytes;
}

/** Go's v2StorageAttributes rules plus the schema's: both `class` and `persistent`, consistent with each other. */
function decodeStorageAttributes(r: YamlReader, raw: unknown, path: string): Attribute[] | null | undefined {
  const map = r.mapping(raw, path, ["class", "persistent"], ["class", "persistent"]);
  if (!map) return undefined;
  const classPath = childPath(path, "class");
  const persistentPath = childPath(path, "persistent");
  const storageClass = map.class === undefined ? "" : r.string(map.class, classPath);
  let persistent = "false";
  if (map.persistent !== undefined) {
    const p = map.persistent;
    if (typeof p === "string" || (isYamlScalar(p) && p.kind === "bool")) persistent = goScalarText(p)!;
    else {
      r.error(persistentPath, "persistent must be true or false");
      return undefined;
    }
  }
  if (storageClass === undefined) return undefined;
  const isTrue = persistent === "true";
  let good = true;
  if (storageClass === "ram" && persistent !== "false") {
    r.error(persistentPath, `volumes of class "ram" cannot be persistent (use persistent: false)`);
    good = false;
  } else if (storageClass !== "" && storageClass !== "ram" && !isTrue) {
    r.error(persistentPath, `volumes of class "${storageClass}" must be persistent (persistent: true)`);
    good = false;
  }
  const unified = ["true", "on", "yes"].includes(persistent)
    ? "true"
    : ["false", "off", "no"].includes(persistent)
      ? "false"
      : undefined;
  if (unified === undefined) {
    r.error(persistentPath, `persistent must be true or false, got "${persistent}"`);
    good = false;
  }
  if (
    (storageClass !== "" || (map.class !== undefined && !isTrue)) &&
    !STORAGE_CLASSES.includes(storageClass)
  ) {
    r.error(classPath, `class must be one of ${STORAGE_CLASSES.join(", ")}, got "${storageClass}"`);
    good = false;
  }
  if (!good) return undefined;
  const attributes: Attribute[] = [{ key: "persistent", value: unified! }];
  const effectiveClass = storageClass === "" && isTrue ? "default" : storageClass;
  if (effectiveClass !== "") attributes.push({ key: "class", value: effectiveClass });
  return sortAttributes(attributes);
}

function decodeVolume(
  r: YamlReader,
  raw: unknown,
  path: string,
  defaultName: boolean,
): StorageVolumeModel | undefined {
  const map = r.mapping(raw, path, ["name", "size", "attributes"], ["size"]);
  if (!map) return undefined;
  let name = "default";
  if (map.name !== undefined) {
    const text = r.string(map.name, childPath(path, "name"));
    // Go names a volume in the single-mapping form "default" whatever `name` says.
    if (text && !defaultName) name = text;
  }
  const sizePath = childPath(path, "size");
  const text = map.size === undefined ? undefined : r.string(map.size, sizePath);
  let bytes = text === undefined ? undefined : report(r, parseByteQuantity(text), sizePath);
  if (bytes !== undefined && (bytes < UNIT_LIMITS.storageMin || bytes > UNIT_LIMITS.storageMax)) {
    r.error(sizePath, `storage volumes must be between 5Mi and 32Ti per replica, got ${humanBytes(bytes)}`);
    bytes = undefined;
  }
  const attributes =
    map.attributes === undefined
      ? null
      : decodeStorageAttributes(r, map.attributes, childPath(path, "attributes"));
  if (bytes === undefined || attributes === undefined) return undefined;
  return { name, bytes, attributes };
}

function attributeValue(attributes: Attribute[] | null, key: string): string {
  return attributes?.find((a) => a.key === key)?.value ?? "";
}

function goParseBool(text: string): boolean | undefined {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(text)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(text)) return false;
  return undefined;
}

/**
 * Go's v2ResourceStorageArray.sort, comparator included: it is not a strict order (it compares the `persistent`
 * text where a class was probably meant, and says "less" for any ephemeral left side), so only Go's exact stable
 * sort reproduces Go's volume order.
 */
function storageLess(a: StorageVolumeModel, b: StorageVolumeModel): boolean {
  if (a.bytes < b.bytes) return true;
  if (a.bytes > b.bytes) return false;
  const ai = attributeValue(a.attributes, "persistent");
  const bi = attributeValue(b.attributes, "persistent");
  if ((ai === "" && bi !== "") || (bi !== "" && ai !== "" && ai < bi)) return true;
  if (ai !== "" && bi === "") return false;
  if (!goParseBool(ai)) return true;
  if (!goParseBool(bi)) return false;
  return goStringLess(a.name, b.name);
}

function decodeStorage(r: YamlReader, raw: unknown, path: string): StorageVolumeModel[] | undefined {
  let volumes: (StorageVolumeModel | undefined)[];
  if (Array.isArray(raw)) {
    if (raw.length === 0) {
      r.error(path, "at least one storage volume is required");
      return undefined;
    }
    volumes = raw.map((item, i) => decodeVolume(r, item, indexPath(path, i), false));
  } else if (isMapping(raw)) {
    volumes = [decodeVolume(r, raw, path, true)];
  } else {
    r.error(path, "must be a volume ({size: …}) or a list of volumes");
    return undefined;
  }
  if (volumes.some((v) => v === undefined)) return undefined;
  const list = volumes as StorageVolumeModel[];
  const seen = new Set<string>();
  for (const [i, volume] of list.entries()) {
    if (seen.has(volume.name)) {
      r.error(
        Array.isArray(raw) ? indexPath(path, i) : path,
        `duplicate storage volume name "${volume.name}"`,
      );
      return undefined;
    }
    seen.add(volume.name);
  }
  return goStableSort(list, storageLess);
}

function decodeGpuAttributes(r: YamlReader, raw: unknown, path: string): Attribute[] | undefined {
  const map = r.mapping(raw, path, ["vendor"], ["vendor"]);
  if (!map || map.vendor === undefined) return undefined;
  const vendorPath = childPath(path, "vendor");
  const vendor = r.mapping(map.vendor, vendorPath, ["nvidia"], ["nvidia"]);
  if (!vendor || !("nvidia" in vendor)) return undefined;
  const nvidiaPath = childPath(vendorPath, "nvidia");
  const attributes: Attribute[] = [];
  if (!isNull(vendor.nvidia)) {
    const list = r.list(vendor.nvidia, nvidiaPath);
    if (!list) return undefined;
    let good = true;
    list.forEach((item, i) => {
      const itemPath = indexPath(nvidiaPath, i);
      const gpu = r.mapping(item, itemPath, ["model", "ram", "interface"]);
      if (!gpu) return void (good = false);
      let key = gpu.model === undefined ? "" : r.string(gpu.model, childPath(itemPath, "model"));
      if (key === undefined) return void (good = false);
      if (gpu.ram !== undefined) {
        const ramPath = childPath(itemPath, "ram");
        const text = r.string(gpu.ram, ramPath);
        const bytes = text === undefined ? undefined : report(r, parseGpuRam(text), ramPath);
        if (bytes === undefined) return void (good = false);
        key += `/ram/${formatGpuRam(bytes)}`;
      }
      if (gpu.interface !== undefined) {
        const iface = r.oneOf(gpu.interface, childPath(itemPath, "interface"), ["pcie", "sxm"] as const);
        if (iface === undefined) return void (good = false);
        key += `/interface/${iface}`;
      }
      const fullKey = `vendor/nvidia/model/${key}`;
      if (!ATTRIBUTE_KEY.test(fullKey)) {
        r.error(
          itemPath,
          `"${fullKey}" is not a valid GPU attribute (letters, digits, "_", "-", "." and "/" only)`,
        );
        return void (good = false);
      }
      if (attributes.some((a) => a.key === fullKey)) {
        r.error(itemPath, `duplicate GPU model entry "${key}"`);
        return void (good = false);
      }
      attributes.push({ key: fullKey, value: "true" });
    });
    if (!good) return undefined;
  }
  if (attributes.length === 0) attributes.push({ key: "vendor/nvidia/model/*", value: "true" });
  return sortAttributes(attributes);
}

function decodeGpu(r: YamlReader, raw: unknown, path: string): ComputeModel["gpu"] | undefined {
  const map = r.mapping(raw, path, ["units", "attributes"]);
  if (!map) return undefined;
  let units: number | undefined = 0;
  const unitsPath = childPath(path, "units");
  if (map.units !== undefined) {
    const text = quantityText(r, map.units, unitsPath, "GPU units");
    units = text === undefined ? undefined : report(r, parseGpuUnits(text), unitsPath);
  }
  if (units !== undefined && units > UNIT_LIMITS.gpuMax) {
    r.error(unitsPath, `GPU units must be at most ${UNIT_LIMITS.gpuMax} per replica, got ${units}`);
    units = undefined;
  }
  let attributes: Attribute[] | null = null;
  if (map.attributes !== undefined) {
    const decoded = decodeGpuAttributes(r, map.attributes, childPath(path, "attributes"));
    if (decoded === undefined) return undefined;
    attributes = decoded;
  }
  if (units === undefined) return undefined;
  if (units > 0 && !attributes) {
    r.error(childPath(path, "attributes"), "GPU attributes (vendor and models) are required when units > 0");
    return undefined;
  }
  if (units === 0 && attributes) {
    r.error(unitsPath, "GPU attributes are only allowed when units > 0");
    return undefined;
  }
  return { units, attributes };
}

export function decodeCompute(r: YamlReader, raw: unknown, path: string): ComputeModel | undefined {
  const profile = r.mapping(raw, path, ["resources"], ["resources"]);
  if (!profile || profile.resources === undefined) return undefined;
  const resPath = childPath(path, "resources");
  const res = r.mapping(
    profile.resources,
    resPath,
    ["cpu", "memory", "storage", "gpu"],
    ["cpu", "memory", "storage"],
  );
  if (!res) return undefined;
  const cpu = res.cpu === undefined ? undefined : decodeCpu(r, res.cpu, childPath(resPath, "cpu"));
  const memoryBytes =
    res.memory === undefined ? undefined : decodeMemory(r, res.memory, childPath(resPath, "memory"));
  const storage =
    res.storage === undefined ? undefined : decodeStorage(r, res.storage, childPath(resPath, "storage"));
  const gpu = res.gpu === undefined ? null : decodeGpu(r, res.gpu, childPath(resPath, "gpu"));
  if (!cpu || memoryBytes === undefined || !storage || gpu === undefined) return undefined;
  return { ...cpu, memoryBytes, storage, gpu };
}
