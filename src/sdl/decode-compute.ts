/**
 * Decodes `profiles.compute.<name>.resources`: CPU, memory, storage volumes and GPU (decode-gpu.ts), with Go's parsing
 * (quantities.ts), Go's storage attribute rules (chain-sdk go/sdl/storage.go) and the per-unit chain limits
 * (chain-sdk go/node/deployment/v1beta4/validation_config.go), so bad values are reported at their SDL path.
 */
import { goStableSort, goStringLess } from "./go-sort";
import { decodeGpu } from "./decode-gpu";
import { parseByteQuantity, parseCpuMillis } from "./quantities";
import { quantityText, report, sortAttributes, UNIT_LIMITS } from "./resource-reads";
import type { Attribute, ComputeModel, StorageVolumeModel } from "./sdl-model";
import { childPath, indexPath } from "./sdl-path";
import { goScalarText, isMapping, isNull, type YamlReader } from "./yaml-reader";

const Mi = 2 ** 20;
const Ti = 2 ** 40;
const STORAGE_CLASSES = ["default", "beta1", "beta2", "beta3", "ram"];

function humanBytes(bytes: number): string {
  if (bytes >= Ti && bytes % Ti === 0) return `${bytes / Ti}Ti`;
  if (bytes >= Mi && bytes % Mi === 0) return `${bytes / Mi}Mi`;
  return `${bytes} bytes`;
}

function decodeCpu(
  r: YamlReader,
  raw: unknown,
  path: string,
): Pick<ComputeModel, "cpuMillis" | "cpuAttributes"> | undefined {
  const map = r.mapping(raw, path, ["units", "attributes"], ["units"]);
  if (!map || isNull(map.units)) return undefined;
  const unitsPath = childPath(path, "units");
  const text = quantityText(r, map.units, unitsPath, "CPU units");
  let millis = text === undefined ? undefined : report(r, parseCpuMillis(text), unitsPath);
  if (millis !== undefined && (millis < UNIT_LIMITS.cpuMin || millis > UNIT_LIMITS.cpuMax)) {
    r.error(unitsPath, `CPU units must be between 0.01 (10m) and 384 per replica, got ${millis}m`);
    millis = undefined;
  }
  let cpuAttributes: Attribute[] | null = null;
  const attributes = r.optional(map, "attributes", path);
  if (attributes !== undefined) {
    const attrPath = childPath(path, "attributes");
    const attrs = r.mapping(attributes, attrPath, "any");
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
  if (!map || isNull(map.size)) return undefined;
  const sizePath = childPath(path, "size");
  const text = quantityText(r, map.size, sizePath, "memory size");
  const bytes = text === undefined ? undefined : report(r, parseByteQuantity(text), sizePath);
  if (bytes !== undefined && (bytes < UNIT_LIMITS.memoryMin || bytes > UNIT_LIMITS.memoryMax)) {
    r.error(sizePath, `memory must be between 1Mi and 2Ti per replica, got ${humanBytes(bytes)}`);
    return undefined;
  }
  return bytes;
}

/**
 * Go's v2StorageAttributes: only `class` and `persistent`; `persistent` defaults to false; a persistent volume
 * without a class gets class "default"; "ram" cannot be persistent, other classes cannot be `persistent: false`.
 * Like Go, the class/persistent checks compare the text as written and only then normalise yes/on/no/off.
 */
function decodeStorageAttributes(r: YamlReader, raw: unknown, path: string): Attribute[] | undefined {
  const map = r.mapping(raw, path, ["class", "persistent"], [], "refuse");
  if (!map) return undefined;
  const classPath = childPath(path, "class");
  const persistentPath = childPath(path, "persistent");
  const storageClass = map.class === undefined ? "" : r.string(map.class, classPath);
  let persistent = "false";
  if (map.persistent === undefined) {
    r.issues.warn(
      persistentPath,
      "default-value",
      "persistent is not set; Akash's SDL parser reads it as false",
    );
  } else {
    const text = goScalarText(map.persistent);
    if (text === undefined) {
      r.error(persistentPath, "persistent must be true or false");
      return undefined;
    }
    persistent = text;
  }
  if (storageClass === undefined) return undefined;
  let good = true;
  if (storageClass === "ram" && persistent !== "false") {
    r.error(persistentPath, `volumes of class "ram" cannot be persistent (use persistent: false)`);
    good = false;
  } else if (storageClass !== "" && storageClass !== "ram" && persistent === "false") {
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
  const isTrue = persistent === "true";
  if (
    (storageClass !== "" || (map.class !== undefined && !isTrue)) &&
    !STORAGE_CLASSES.includes(storageClass)
  ) {
    r.error(classPath, `class must be one of ${STORAGE_CLASSES.join(", ")}, got "${storageClass}"`);
    good = false;
  }
  if (!good) return undefined;
  const attributes: Attribute[] = [{ key: "persistent", value: unified! }];
  if (storageClass === "" && isTrue && map.class === undefined) {
    r.issues.warn(classPath, "default-value", `class is not set; Akash's SDL parser reads it as "default"`);
  }
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
  const text = isNull(map.size) ? undefined : quantityText(r, map.size, sizePath, "storage size");
  let bytes = text === undefined ? undefined : report(r, parseByteQuantity(text), sizePath);
  if (bytes !== undefined && (bytes < UNIT_LIMITS.storageMin || bytes > UNIT_LIMITS.storageMax)) {
    r.error(sizePath, `storage volumes must be between 5Mi and 32Ti per replica, got ${humanBytes(bytes)}`);
    bytes = undefined;
  }
  const attributesValue = r.optional(map, "attributes", path);
  const attributes =
    attributesValue === undefined
      ? null
      : decodeStorageAttributes(r, attributesValue, childPath(path, "attributes"));
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

export function decodeCompute(r: YamlReader, raw: unknown, path: string): ComputeModel | undefined {
  const profile = r.mapping(raw, path, ["resources"], ["resources"]);
  if (!profile || isNull(profile.resources)) return undefined;
  const resPath = childPath(path, "resources");
  const res = r.mapping(
    profile.resources,
    resPath,
    ["cpu", "memory", "storage", "gpu"],
    ["cpu", "memory", "storage"],
  );
  if (!res) return undefined;
  const cpu = isNull(res.cpu) ? undefined : decodeCpu(r, res.cpu, childPath(resPath, "cpu"));
  const memoryBytes = isNull(res.memory)
    ? undefined
    : decodeMemory(r, res.memory, childPath(resPath, "memory"));
  const storage = isNull(res.storage)
    ? undefined
    : decodeStorage(r, res.storage, childPath(resPath, "storage"));
  const gpuValue = r.optional(res, "gpu", resPath);
  const gpu = gpuValue === undefined ? null : decodeGpu(r, gpuValue, childPath(resPath, "gpu"));
  if (!cpu || memoryBytes === undefined || !storage || gpu === undefined) return undefined;
  return { ...cpu, memoryBytes, storage, gpu };
}
