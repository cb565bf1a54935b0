/**
 * Cross-reference checks of a decoded SDL (Go's `validate()` in chain-sdk go/sdl/v2.go and v2_1.go): every
 * deployment names an existing service, compute profile, placement and price; IP endpoints exist, are used, and
 * no two services claim the same endpoint port; storage params match volumes; TEE settings fit the resources.
 */
import { sortedGoStrings } from "./go-sort";
import type { IssueCollector } from "./sdl-error";
import type { ComputeModel, SdlModel, ServiceModel } from "./sdl-model";
import { childPath, sdlPath } from "./sdl-path";

function isPersistent(attributes: { key: string; value: string }[] | null): boolean {
  return attributes?.some((a) => a.key === "persistent" && a.value === "true") ?? false;
}

/**
 * A persistent volume needs a mount to be of any use. Go only enforces it in one case (SDL 2.0, a service with no
 * `params.storage` at all: its check reads whichever mount it saw last); otherwise it lets the SDL through and the
 * provider creates the volume but mounts it nowhere. We refuse what Go refuses and warn about the rest.
 */
function checkPersistentMounts(
  sdl: SdlModel,
  serviceName: string,
  profile: string,
  issues: IssueCollector,
): void {
  const service = sdl.services.get(serviceName)!;
  const compute = sdl.compute.get(profile)!;
  const mounted = service.params?.storage ?? new Map<string, unknown>();
  for (const volume of compute.storage) {
    if (!isPersistent(volume.attributes) || mounted.has(volume.name)) continue;
    const path = sdlPath("services", serviceName, "params", "storage");
    const needed = `params.storage.${volume.name}.mount`;
    if (sdl.version === "2.0" && mounted.size === 0) {
      issues.add(
        path,
        `persistent volume "${volume.name}" of compute profile "${profile}" needs a mount: ${needed}`,
      );
    } else {
      issues.warn(
        sdlPath("services", serviceName, "params", "storage", volume.name),
        "unmounted-volume",
        `persistent volume "${volume.name}" of compute profile "${profile}" has no mount (${needed}): the ` +
          "provider creates it but mounts it nowhere",
      );
    }
  }
}

export function validateReferences(sdl: SdlModel, issues: IssueCollector): void {
  if (sdl.deployment.size === 0) issues.add("deployment", "must deploy at least one service");

  const ipUse: IpEndpointUse = { endpointsUsed: new Set(), portsUsed: new Map() };
  for (const serviceName of sortedGoStrings(sdl.deployment.keys())) {
    const placements = sdl.deployment.get(serviceName)!;
    const service = sdl.services.get(serviceName);
    if (!service) {
      issues.add(sdlPath("deployment", serviceName), `service "${serviceName}" is not defined in services`);
    }
    for (const placementName of sortedGoStrings(placements.keys())) {
      const { profile } = placements.get(placementName)!;
      const compute = checkPlacementReferences(sdl, { serviceName, placementName, profile }, issues);
      if (!service) continue;
      checkIpEndpoints(sdl, serviceName, service, ipUse, issues);
      if (compute) {
        checkStorageParams(sdl, { serviceName, service, profile, compute }, issues);
        checkPersistentMounts(sdl, serviceName, profile, issues);
        checkTeeResources({ serviceName, service, profile, compute }, issues);
      }
    }
  }
  checkOneTeeTypePerPlacement(sdl, issues);
  for (const endpointName of sdl.endpoints.keys()) {
    if (!ipUse.endpointsUsed.has(endpointName)) {
      issues.add(sdlPath("endpoints", endpointName), `endpoint "${endpointName}" is declared but never used`);
    }
  }
}

/** One `deployment.<service>.<placement>` entry. */
interface DeploymentRef {
  serviceName: string;
  placementName: string;
  profile: string;
}

/** The entry's compute profile and placement exist and the placement prices the profile; returns the profile. */
function checkPlacementReferences(
  sdl: SdlModel,
  ref: DeploymentRef,
  issues: IssueCollector,
): ComputeModel | undefined {
  const { serviceName, placementName, profile } = ref;
  const compute = sdl.compute.get(profile);
  const placement = sdl.placements.get(placementName);
  if (!compute) {
    issues.add(
      sdlPath("deployment", serviceName, placementName, "profile"),
      `compute profile "${profile}" is not defined in profiles.compute`,
    );
  }
  if (!placement) {
    issues.add(
      sdlPath("deployment", serviceName, placementName),
      `placement "${placementName}" is not defined in profiles.placement`,
    );
  } else if (!placement.pricing.has(profile)) {
    issues.add(
      sdlPath("profiles", "placement", placementName, "pricing"),
      `no price for compute profile "${profile}" (used by deployment.${serviceName}.${placementName})`,
    );
  }
  return compute;
}

/** Which IP endpoints the services use, and which service claimed each endpoint port first. */
interface IpEndpointUse {
  endpointsUsed: Set<string>;
  portsUsed: Map<string, string>;
}

/** Every `to.ip` names a declared endpoint, and no two services (or placements) claim the same endpoint port. */
function checkIpEndpoints(
  sdl: SdlModel,
  serviceName: string,
  service: ServiceModel,
  use: IpEndpointUse,
  issues: IssueCollector,
): void {
  service.expose.forEach((expose, i) => {
    expose.to.forEach((to, j) => {
      if (to.ip === "") return;
      const ipPath = sdlPath("services", serviceName, "expose", i, "to", j, "ip");
      const endpoint = sdl.endpoints.get(to.ip);
      if (!endpoint) {
        issues.add(ipPath, `endpoint "${to.ip}" is not defined in endpoints`);
        return;
      }
      use.endpointsUsed.add(to.ip);
      // Go keys this on `as` and the proto text exactly as written.
      const portKey = `${to.ip}-${expose.as}-${expose.protoText}`;
      const other = use.portsUsed.get(portKey);
      if (other !== undefined) {
        // Also hits a service that is deployed to two placements: one leased IP cannot serve both.
        const port = expose.as === 0 ? `without "as"` : `port ${expose.as}`;
        issues.add(
          ipPath,
          `IP endpoint "${to.ip}" ${port} (${expose.proto}) is already used by service "${other}"`,
        );
      }
      use.portsUsed.set(portKey, serviceName);
    });
  });
}

/** A service deployed with a compute profile that exists. */
interface ServiceOnProfile {
  serviceName: string;
  service: ServiceModel;
  profile: string;
  compute: ComputeModel;
}

/** `params.storage` names volumes of the profile, one mount point each; a "ram" volume is not read-only. */
function checkStorageParams(sdl: SdlModel, target: ServiceOnProfile, issues: IssueCollector): void {
  const { serviceName, service, profile, compute } = target;
  const volumes = new Map(compute.storage.map((v) => [v.name, v]));
  const mounts = new Map<string, string>();
  for (const [volumeName, params] of service.params?.storage ?? []) {
    const paramPath = sdlPath("services", serviceName, "params", "storage", volumeName);
    const volume = volumes.get(volumeName);
    if (!volume) {
      issues.add(paramPath, `compute profile "${profile}" has no storage volume named "${volumeName}"`);
      continue;
    }
    const other = mounts.get(params.mount);
    if (other !== undefined) {
      issues.add(
        childPath(paramPath, "mount"),
        `mount point "${params.mount}" is already used by volume "${other}"`,
      );
    }
    mounts.set(params.mount, volumeName);
    if (params.readOnly && volume.attributes?.some((a) => a.key === "class" && a.value === "ram")) {
      // Go checks this for SDL 2.1 only; under 2.0 the flag is accepted and means nothing useful.
      if (sdl.version === "2.1") {
        issues.add(sdlPath(paramPath, "readOnly"), `volumes of class "ram" cannot be read-only`);
      } else {
        issues.warn(
          sdlPath(paramPath, "readOnly"),
          "ineffective-setting",
          `a read-only volume of class "ram" cannot be written by anyone; SDL 2.1 refuses this`,
        );
      }
    }
  }
}

function checkTeeResources(target: ServiceOnProfile, issues: IssueCollector): void {
  const { serviceName, service, profile, compute } = target;
  const tee = service.params?.tee ?? "";
  if (tee === "cpu-gpu" && !(compute.gpu && compute.gpu.units > 0)) {
    issues.add(
      sdlPath("services", serviceName, "params", "tee"),
      `tee "cpu-gpu" requires GPU resources, but compute profile "${profile}" has none`,
    );
  }
}

/** A placement group can only ask for one TEE type. */
function checkOneTeeTypePerPlacement(sdl: SdlModel, issues: IssueCollector): void {
  const teeTypes = new Map<string, Map<string, string>>();
  for (const [serviceName, placements] of sdl.deployment) {
    const tee = sdl.services.get(serviceName)?.params?.tee ?? "";
    if (tee === "") continue;
    for (const placementName of placements.keys()) {
      const byService = teeTypes.get(placementName) ?? new Map<string, string>();
      byService.set(serviceName, tee);
      teeTypes.set(placementName, byService);
    }
  }
  for (const [placementName, byService] of teeTypes) {
    if (new Set(byService.values()).size > 1) {
      const detail = [...byService].map(([s, t]) => `${s}: ${t}`).join(", ");
      issues.add(
        sdlPath("profiles", "placement", placementName),
        `services in one placement use different TEE types (${detail})`,
      );
    }
  }
}
