/**
 * Reads shared by the compute decoders (decode-compute.ts, decode-gpu.ts): quantity text as Go takes it, parse
 * results turned into issues, Go's attribute order, and the per-unit limits of the chain (chain-sdk
 * go/node/deployment/v1beta4/validation_config.go).
 */
import { goStableSort, goStringLess } from "./go-sort";
import type { Parsed } from "./quantities";
import type { Attribute } from "./sdl-model";
import { isNull, type YamlReader } from "./yaml-reader";
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

/** The attribute key rule of the chain (attributes/v1 AttributeNameRegexpStringWildcard). */
export const ATTRIBUTE_KEY = /^([a-zA-Z][\w/.-]{1,126}[\w*]?)$/;

export function sortAttributes(attributes: Attribute[]): Attribute[] {
  return goStableSort(attributes, (a, b) => goStringLess(a.key, b.key));
}

/** A quantity's text: Go parses the scalar as written, so `size: 512` and `size: "512"` are the same. */
export function quantityText(r: YamlReader, value: unknown, path: string, what: string): string | undefined {
  if (typeof value === "string") return value;
  if (isYamlScalar(value) && (value.kind === "int" || value.kind === "float")) return value.raw;
  r.error(path, `${what} must be a number or a string, got ${isNull(value) ? "null" : "another type"}`);
  return undefined;
}

export function report<T>(r: YamlReader, parsed: Parsed<T>, path: string): T | undefined {
  if (!parsed.ok) {
    r.error(path, parsed.error);
    return undefined;
  }
  return parsed.value;
}
