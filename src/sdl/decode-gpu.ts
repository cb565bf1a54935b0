/**
 * Decodes `profiles.compute.<name>.resources.gpu` as Go's v2ResourceGPU and v2GPUAttributes do (chain-sdk
 * go/sdl/gpu.go): units, and nvidia models turned into `vendor/nvidia/model/<model>[/ram/<n>Gi][/interface/<i>]`
 * attributes (`vendor/nvidia/model/*` when no model is named).
 */
import { ATTRIBUTE_KEY, quantityText, report, sortAttributes, UNIT_LIMITS } from "./resource-reads";
import { formatGpuRam, parseGpuRam, parseGpuUnits } from "./quantities";
import type { Attribute, ComputeModel } from "./sdl-model";
import { childPath, indexPath } from "./sdl-path";
import { isNull, type YamlMapping, type YamlReader } from "./yaml-reader";

/**
 * Go only knows nvidia: it drops any other vendor key, and with no nvidia key it asks for "any nvidia GPU". A
 * vendor such as amd alone would therefore silently become "any nvidia model", so it is refused; next to nvidia
 * models it is only dropped, which is a warning.
 */
function checkGpuVendors(r: YamlReader, vendor: YamlMapping, path: string): boolean {
  const others = Object.keys(vendor).filter((key) => key !== "nvidia");
  const hasNvidia = "nvidia" in vendor;
  for (const other of others) {
    if (hasNvidia) {
      r.issues.warn(
        childPath(path, other),
        "ignored-gpu-vendor",
        `GPU vendor "${other}" is ignored: Akash's SDL parser only knows nvidia, so only the nvidia models are asked for`,
      );
    } else {
      r.error(
        childPath(path, other),
        `GPU vendor "${other}" is not supported: Akash's SDL parser only knows nvidia and would read this ` +
          `section as "any nvidia GPU"; use vendor: {nvidia: [...]}`,
      );
    }
  }
  if (!hasNvidia && others.length === 0) {
    r.issues.warn(
      path,
      "default-value",
      `no vendor is named; Akash's SDL parser reads this as "any nvidia GPU"`,
    );
  }
  return hasNvidia || others.length === 0;
}

function decodeGpuAttributes(r: YamlReader, raw: unknown, path: string): Attribute[] | undefined {
  // Go's v2GPUAttributes refuses any key but `vendor`, and a vendor section without a value.
  const map = r.mapping(raw, path, ["vendor"], ["vendor"], "refuse");
  if (!map || isNull(map.vendor)) return undefined;
  const vendorPath = childPath(path, "vendor");
  const vendor = r.mapping(map.vendor, vendorPath, "any");
  if (!vendor || !checkGpuVendors(r, vendor, vendorPath)) return undefined;
  const nvidiaPath = childPath(vendorPath, "nvidia");
  const attributes: Attribute[] = [];
  if (!isNull(vendor.nvidia)) {
    const list = r.list(vendor.nvidia, nvidiaPath);
    if (!list) return undefined;
    let good = true;
    list.forEach((item, i) => {
      const itemPath = indexPath(nvidiaPath, i);
      const gpu = r.mapping(item, itemPath, ["model", "ram", "interface"]);
      if (gpu && isNull(gpu.model)) delete gpu.model;
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

export function decodeGpu(r: YamlReader, raw: unknown, path: string): ComputeModel["gpu"] | undefined {
  // Go's v2ResourceGPU refuses unknown keys.
  const map = r.mapping(raw, path, ["units", "attributes"], [], "refuse");
  if (!map) return undefined;
  let units: number | undefined = 0;
  const unitsPath = childPath(path, "units");
  if (!isNull(map.units)) {
    const text = quantityText(r, map.units, unitsPath, "GPU units");
    units = text === undefined ? undefined : report(r, parseGpuUnits(text), unitsPath);
  }
  if (units !== undefined && units > UNIT_LIMITS.gpuMax) {
    r.error(unitsPath, `GPU units must be at most ${UNIT_LIMITS.gpuMax} per replica, got ${units}`);
    units = undefined;
  }
  let attributes: Attribute[] | null = null;
  if (!isNull(map.attributes)) {
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
