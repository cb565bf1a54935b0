/**
 * Whether a provider can serve a group, the way the provider's bid engine decides (`shouldBid`) and the chain
 * re-checks on MsgCreateBid: placement attributes (keys are Go filepath.Match globs), storage and GPU capability
 * attributes, and `signed_by` auditor attestations.
 */
import type { GroupSpec } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { resourceValueToBigInt } from "./resource-values";

export interface Attr {
  key: string;
  value: string;
}
export interface Attestation {
  auditor: string;
  attributes: Attr[];
}

/** Go's filepath.Match for attribute keys: `*` and `?` never cross "/"; `[...]` classes; `\` escapes. */
export function globMatch(pattern: string, name: string): boolean {
  let re = "^";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else if (ch === "\\" && i + 1 < pattern.length) re += `\\${pattern[++i]}`;
    else if (ch === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end < 0) return false;
      const body = pattern
        .slice(i + 1, end)
        .replace(/^\^/, "^")
        .replace(/\\/g, "\\\\");
      re += `[${body}]`;
      i = end;
    } else re += ch.replace(/[.+^${}()|]/g, "\\$&");
  }
  try {
    return new RegExp(`${re}$`).test(name);
  } catch {
    return false;
  }
}

const attrSubset = (req: Attr, have: Attr) => globMatch(req.key, have.key) && req.value === have.value;

/** Every attribute of `a` is matched by some attribute of `b`. */
export function attributesSubsetOf(a: Attr[], b: Attr[]): boolean {
  return a.every((req) => b.some((have) => attrSubset(req, have)));
}

/** Some attribute of `a` is matched by some attribute of `b`. */
export function attributesAnyOf(a: Attr[], b: Attr[]): boolean {
  return a.some((req) => b.some((have) => attrSubset(req, have)));
}

/** `capabilities/<prefix>/<n>/<key>` attributes grouped by `<n>` (storage classes). */
function capabilitiesGroups(attributes: Attr[], prefix: string): Attr[][] {
  const groups = new Map<string, Attr[]>();
  for (const { key, value } of attributes) {
    if (!key.startsWith(`capabilities/${prefix}`)) continue;
    const tokens = key.slice("capabilities/".length).split("/");
    if (tokens.length !== 3) continue;
    const [, group, name] = tokens as [string, string, string];
    groups.set(group, [...(groups.get(group) ?? []), { key: name, value }]);
  }
  return [...groups.values()];
}

/** `capabilities/<prefix>/<rest...>` attributes as one list keyed by `<rest>` (GPU vendor/model paths). */
function capabilitiesMap(attributes: Attr[], prefix: string): Attr[] {
  const out: Attr[] = [];
  for (const { key, value } of attributes) {
    if (!key.startsWith(`capabilities/${prefix}`)) continue;
    const tokens = key.slice("capabilities/".length).split("/");
    if (tokens.length < 3) continue;
    out.push({ key: tokens.slice(1).join("/"), value });
  }
  return out;
}

/** GroupSpec.MatchResourcesRequirements: storage classes and GPU models the provider advertises. */
export function matchesCapabilities(spec: GroupSpec, providerAttributes: Attr[]): boolean {
  for (const unit of spec.resources) {
    const storageGroups = capabilitiesGroups(providerAttributes, "storage");
    for (const storage of unit.resource?.storage ?? []) {
      if (storage.attributes.length === 0) continue;
      if (!storageGroups.some((group) => attributesSubsetOf(storage.attributes, group))) return false;
    }
    const gpu = unit.resource?.gpu;
    if (gpu !== undefined && resourceValueToBigInt(gpu.units?.val) > 0n && gpu.attributes.length > 0) {
      if (!attributesAnyOf(gpu.attributes, capabilitiesMap(providerAttributes, "gpu"))) return false;
    }
  }
  return true;
}

/** GroupSpec.MatchRequirements: own attributes, or (with signed_by) attributes attested by the named auditors. */
export function matchesPlacement(
  spec: GroupSpec,
  ownAttributes: Attr[],
  attestations: Attestation[],
): boolean {
  const required = spec.requirements?.attributes ?? [];
  const allOf = spec.requirements?.signedBy?.allOf ?? [];
  const anyOf = spec.requirements?.signedBy?.anyOf ?? [];
  if (!attributesSubsetOf(required, ownAttributes)) return false;
  if (allOf.length === 0 && anyOf.length === 0) return true;
  const byAuditor = new Map(attestations.map((a) => [a.auditor, a.attributes]));
  for (const auditor of allOf) {
    const attested = byAuditor.get(auditor);
    if (attested === undefined || !attributesSubsetOf(required, attested)) return false;
  }
  if (anyOf.length > 0) {
    return anyOf.some((auditor) => {
      const attested = byAuditor.get(auditor);
      return attested !== undefined && attributesSubsetOf(required, attested);
    });
  }
  return true;
}

/**
 * The GPU attributes a bid offers for a GPU request: the provider allocates one concrete model, so its offer names
 * it (`vendor/<vendor>/model/<model>` with its `ram` and `interface` when advertised) instead of the request's
 * wildcard or list of models. Undefined when the provider advertises no model the request matches.
 */
export function allocatedGpuAttributes(requested: Attr[], providerAttributes: Attr[]): Attr[] | undefined {
  const capabilities = capabilitiesMap(providerAttributes, "gpu");
  const models = capabilities.filter(
    (c) => /^vendor\/[^/]+\/model\/[^/]+$/.test(c.key) && c.value === "true",
  );
  const chosen = requested.length === 0 ? models[0] : models.find((m) => attributesAnyOf(requested, [m]));
  const model =
    chosen ??
    // A request naming ram or interface matches a more specific capability of the model.
    capabilities
      .filter((c) => requested.some((req) => attrSubset(req, c)))
      .map((c) => models.find((m) => c.key.startsWith(`${m.key}/`)))
      .find((m) => m !== undefined);
  if (!model) return undefined;
  const detail = (name: "ram" | "interface") =>
    capabilities
      .map((c) => new RegExp(`^${model.key}/${name}/([^/]+)$`).exec(c.key)?.[1])
      .find((v) => v !== undefined);
  const ram = detail("ram");
  const iface = detail("interface");
  const key = `${model.key}${ram ? `/ram/${ram}` : ""}${iface ? `/interface/${iface}` : ""}`;
  return [{ key, value: "true" }];
}
