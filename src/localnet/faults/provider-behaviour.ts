/**
 * Per-provider settings that make a localnet provider behave like a particular real one, set in the same
 * `providers` entries as the provider faults (`POST /_localnet/faults`):
 *   software         "released" (default: chain-sdk go v0.2.16 manifest types) or "upgraded" (knows the 2026 fields)
 *   images.failing   image refs whose pulls fail: services using them never become ready
 *   rolloutMs        time a new pod needs to become available (a manifest update rolls pods one at a time)
 *   hashLagMs        after MsgUpdateDeployment the provider validates manifests against the previous hash this long
 * Parsed here, apart from the fault sections, so each part of the plan stays small.
 */
import { PROVIDER_SOFTWARE_NAMES, type ProviderSoftwareName } from "../provider/software";

export interface ProviderBehaviour {
  software?: ProviderSoftwareName;
  images?: { failing?: string[] };
  rolloutMs?: number;
  hashLagMs?: number;
}

export const PROVIDER_BEHAVIOUR_KEYS = ["software", "images", "rolloutMs", "hashLagMs"] as const;

/** Durations above this are certainly typos (the localnet's own timeouts are seconds to minutes). */
const MAX_DURATION_MS = 3_600_000;

function duration(value: unknown, where: string, fail: (text: string) => Error): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_DURATION_MS)
    throw fail(`${where} must be a whole number of milliseconds between 0 and ${MAX_DURATION_MS}`);
  return value;
}

function images(value: unknown, where: string, fail: (text: string) => Error): ProviderBehaviour["images"] {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw fail(`${where} must be a JSON object {"failing": ["<image ref>", ...]}`);
  const entries = value as Record<string, unknown>;
  for (const key of Object.keys(entries)) {
    if (key !== "failing") throw fail(`unknown field ${where}.${key} (expected: failing)`);
  }
  const failing = entries.failing;
  if (failing === undefined) return {};
  if (!Array.isArray(failing) || failing.some((ref) => typeof ref !== "string" || ref.trim() === ""))
    throw fail(`${where}.failing must be a list of image references such as "nginx:1.25"`);
  return { failing: failing as string[] };
}

/** The behaviour fields of one `providers` entry (other keys are checked by the fault plan). */
export function parseProviderBehaviour(
  entry: Record<string, unknown>,
  where: string,
  fail: (text: string) => Error,
): ProviderBehaviour {
  const software = entry.software;
  if (
    software !== undefined &&
    !(typeof software === "string" && (PROVIDER_SOFTWARE_NAMES as readonly string[]).includes(software))
  ) {
    throw fail(`${where}.software must be one of: ${PROVIDER_SOFTWARE_NAMES.join(", ")}`);
  }
  return {
    software: software as ProviderSoftwareName | undefined,
    images: images(entry.images, `${where}.images`, fail),
    rolloutMs: duration(entry.rolloutMs, `${where}.rolloutMs`, fail),
    hashLagMs: duration(entry.hashLagMs, `${where}.hashLagMs`, fail),
  };
}
