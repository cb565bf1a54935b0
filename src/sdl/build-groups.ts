/**
 * A validated SdlModel → manifest groups and group specs (Go JSON form), following chain-sdk
 * go/sdl/groupBuilder_v2.go (SDL 2.0) and groupBuilder_v2_1.go (SDL 2.1):
 * - services in sorted order, each placement in sorted order; one group per placement, groups sorted by name;
 * - 2.0: every (service, placement) adds a resource unit; 2.1: services of one placement that use the same compute
 *   profile share one unit (counts summed, endpoints appended and re-sorted by sequence number);
 * - a service's manifest resources carry its own endpoints and the id of its unit;
 * - `params.tee` adds a `tee/type` requirement attribute to the group and `params.tee` to the manifest.
 */
import {
  buildManifestExposes,
  endpointLess,
  endpointSequenceNumbers,
  servicesEndpoints,
} from "./build-exposes";
import { goSort, goStringLess, sortedGoStrings } from "./go-sort";
import { formatLegacyDec } from "./legacy-dec";
import type {
  GoAttribute,
  GoEndpoint,
  GoGroupSpec,
  GoResources,
  ManifestGroup,
  ManifestImageCredentials,
  ManifestService,
  ManifestServiceExpose,
  ManifestServiceParams,
} from "./manifest-types";
import { resourceValueText } from "./quantities";
import type {
  Attribute,
  ComputeModel,
  CredentialsModel,
  PlacementModel,
  PricingModel,
  SdlModel,
  ServiceModel,
} from "./sdl-model";
import { sdlPath } from "./sdl-path";

/** Go's Attribute JSON has `omitempty` on both key and value. */
export function goAttribute(attribute: Attribute): GoAttribute {
  const out: GoAttribute = {};
  if (attribute.key !== "") out.key = attribute.key;
  if (attribute.value !== "") out.value = attribute.value;
  return out;
}

function goAttributes(attributes: Attribute[] | null): GoAttribute[] | undefined {
  return attributes && attributes.length > 0 ? attributes.map(goAttribute) : undefined;
}

function withAttributes<T extends object>(
  base: T,
  attributes: Attribute[] | null,
): T & { attributes?: GoAttribute[] } {
  const goAttrs = goAttributes(attributes);
  return goAttrs ? { ...base, attributes: goAttrs } : base;
}

/** Go's `toResources()` with the given id and endpoints. */
function toResources(compute: ComputeModel, id: number, endpoints: GoResources["endpoints"]): GoResources {
  const resources: GoResources = {
    id,
    cpu: withAttributes({ units: { val: resourceValueText(compute.cpuMillis) } }, compute.cpuAttributes),
    memory: { size: { val: resourceValueText(compute.memoryBytes) } },
    gpu: withAttributes(
      { units: { val: resourceValueText(compute.gpu?.units ?? 0) } },
      compute.gpu?.attributes ?? null,
    ),
    endpoints,
  };
  if (compute.storage.length > 0) {
    resources.storage = compute.storage.map((volume) =>
      withAttributes(
        { name: volume.name, size: { val: resourceValueText(volume.bytes) } },
        volume.attributes,
      ),
    );
  }
  // Keep Go's field order (id, cpu, memory, storage, gpu, endpoints) for readable output; JSON hashing sorts keys.
  const { id: _id, cpu, memory, storage, gpu } = resources;
  return { id, cpu, memory, ...(storage ? { storage } : {}), gpu, endpoints };
}

function manifestParams(service: ServiceModel): ManifestServiceParams | undefined {
  const params = service.params;
  if (!params) return undefined;
  const out: ManifestServiceParams = { storage: null };
  if (params.storage.size > 0) {
    out.storage = sortedGoStrings(params.storage.keys()).map((name) => {
      const volume = params.storage.get(name)!;
      return { name, mount: volume.mount, readOnly: volume.readOnly };
    });
  }
  if (params.permissions) {
    out.permissions =
      params.permissions.read && params.permissions.read.length > 0
        ? { read: [...params.permissions.read] }
        : {};
  }
  if (params.tee !== "") out.tee = { type: params.tee, attestation: true };
  return out;
}

/** Where a manifest expose came from, for errors found after building. */
export interface ExposeSource {
  service: string;
  path: string;
}

export interface BuiltGroups {
  manifest: ManifestGroup[];
  groupSpecs: GoGroupSpec[];
  exposeSources: Map<object, ExposeSource>;
}

interface GroupBuilder {
  spec: GoGroupSpec;
  services: ManifestService[];
  boundProfiles: Map<string, number>;
  teeType: string;
}

export function buildGroups(sdl: SdlModel): BuiltGroups {
  const sequenceNumbers = endpointSequenceNumbers(sdl);
  const groups = new Map<string, GroupBuilder>();
  const exposeSources = new Map<object, ExposeSource>();
  const mergeUnits = sdl.version === "2.1";

  for (const serviceName of sortedGoStrings(sdl.deployment.keys())) {
    const placements = sdl.deployment.get(serviceName)!;
    const service = sdl.services.get(serviceName)!;
    for (const placementName of sortedGoStrings(placements.keys())) {
      const { profile, count } = placements.get(placementName)!;
      const compute = sdl.compute.get(profile)!;
      const placement = sdl.placements.get(placementName)!;
      const price = placement.pricing.get(profile)!;

      let group = groups.get(placementName);
      if (!group) {
        group = newGroup(placementName, placement);
        groups.set(placementName, group);
      }
      requireTee(group, service.params?.tee ?? "");

      const built = buildManifestExposes(service.expose, sequenceNumbers);
      for (const { expose, sourceIndex } of built) {
        exposeSources.set(expose, {
          service: serviceName,
          path: sdlPath("services", serviceName, "expose", sourceIndex),
        });
      }
      const exposes = built.map((b) => b.expose);
      const endpoints = servicesEndpoints(exposes);
      const unitId = bindResourceUnit(
        group,
        { profile, compute, count, price, exposes, endpoints },
        mergeUnits,
      );
      const manifestService: ManifestService = {
        name: serviceName,
        image: service.image,
        command: service.command ? [...service.command] : null,
        args: service.args ? [...service.args] : null,
        env: service.env ? [...service.env] : null,
        resources: toResources(compute, unitId, endpoints),
        count,
        expose: exposes,
        credentials: null,
      };
      const params = manifestParams(service);
      if (params) manifestService.params = params;
      if (service.credentials)
        manifestService.credentials = manifestCredentials(service.credentials, mergeUnits);
      // Keep Go's field order: params comes before credentials.
      const { credentials, ...rest } = manifestService;
      group.services.push({ ...rest, credentials });
    }
  }

  const names = sortedGoStrings(groups.keys());
  return {
    manifest: names.map((name) => ({
      name,
      services: goSort(groups.get(name)!.services, (a, b) => goStringLess(a.name, b.name)),
    })),
    groupSpecs: names.map((name) => groups.get(name)!.spec),
    exposeSources,
  };
}

function newGroup(placementName: string, placement: PlacementModel): GroupBuilder {
  return {
    spec: {
      name: placementName,
      requirements: {
        signed_by: {
          all_of: placement.signedBy.allOf ? [...placement.signedBy.allOf] : null,
          any_of: placement.signedBy.anyOf ? [...placement.signedBy.anyOf] : null,
        },
        attributes: placement.attributes ? placement.attributes.map(goAttribute) : null,
      },
      resources: [],
    },
    services: [],
    boundProfiles: new Map(),
    teeType: "",
  };
}

/** The first service of the group that asks for a TEE adds the `tee/type` requirement (attributes stay sorted). */
function requireTee(group: GroupBuilder, tee: string): void {
  if (tee === "" || group.teeType !== "") return;
  group.teeType = tee;
  const attributes = [...(group.spec.requirements.attributes ?? []), { key: "tee/type", value: tee }];
  group.spec.requirements.attributes = goSort(attributes, (a, b) => goStringLess(a.key ?? "", b.key ?? ""));
}

/** What one (service, placement) pair asks of its group's resource units. */
interface UnitRequest {
  profile: string;
  compute: ComputeModel;
  count: number;
  price: PricingModel;
  exposes: ManifestServiceExpose[];
  endpoints: GoEndpoint[];
}

/**
 * Adds a resource unit to the group, or (SDL 2.1) joins the unit already bound to the same compute profile:
 * counts are summed and endpoints appended, re-sorted. Returns the unit's id.
 */
function bindResourceUnit(group: GroupBuilder, request: UnitRequest, mergeUnits: boolean): number {
  const { profile, compute, count, price, exposes, endpoints } = request;
  const bound = mergeUnits ? group.boundProfiles.get(profile) : undefined;
  if (bound === undefined) {
    const unitId = group.spec.resources.length + 1;
    group.spec.resources.push({
      resource: toResources(compute, unitId, servicesEndpoints(exposes)),
      count,
      price: { denom: price.denom, amount: formatLegacyDec(price.amountAtomics) },
    });
    group.boundProfiles.set(profile, group.spec.resources.length - 1);
    return unitId;
  }
  const unit = group.spec.resources[bound]!;
  unit.count += count;
  unit.resource.endpoints = goSort([...unit.resource.endpoints, ...endpoints], endpointLess);
  return unit.resource.id;
}

/** SDL 2.1 trims credentials and passes the email; 2.0 passes them as written, without email. */
function manifestCredentials(c: CredentialsModel, trimmed: boolean): ManifestImageCredentials {
  return trimmed
    ? {
        host: c.host.trim(),
        email: c.email.trim(),
        username: c.username.trim(),
        password: c.password.trim(),
      }
    : { host: c.host, email: "", username: c.username, password: c.password };
}
