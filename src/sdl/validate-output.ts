/**
 * Checks Go runs on the result before accepting an SDL (chain-sdk go/sdl/sdl.go `Read`): manifest validation
 * (service names, env names, hostnames, at least one global expose) and deployment-group validation (one price
 * denom, per-group totals). Issues point back into the SDL.
 */
import type { BuiltGroups } from "./build-groups";
import type { IssueCollector } from "./sdl-error";
import { childPath, indexPath, sdlPath } from "./sdl-path";
import type { SdlModel } from "./sdl-model";

const SERVICE_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
// Kubernetes IsEnvVarName (apimachinery 0.32/0.33, as vendored by chain-sdk).
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
// Kubernetes IsDNS1123Subdomain.
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const MAX_REPLICAS = 50;
const GROUP_LIMITS = {
  cpu: 384_000 * MAX_REPLICAS,
  gpu: 24 * MAX_REPLICAS,
  memory: 2 * 2 ** 40 * MAX_REPLICAS,
};

function envNameProblem(name: string): string | undefined {
  if (!ENV_VAR_NAME.test(name)) {
    return `invalid environment variable name "${name}": use letters, digits, "_", "-" and ".", not starting with a digit`;
  }
  if (name === "." || name === ".." || name.startsWith(".."))
    return `invalid environment variable name "${name}"`;
  return undefined;
}

function validateManifest(sdl: SdlModel, built: BuiltGroups, issues: IssueCollector): void {
  const hostnames = new Set<string>();
  let globalCount = 0;
  for (const group of built.manifest) {
    for (const service of group.services) {
      if (!SERVICE_NAME.test(service.name)) {
        issues.add(
          sdlPath("services", service.name),
          `invalid service name "${service.name}": use lower-case letters, digits and "-", starting with a letter`,
        );
      }
      (sdl.services.get(service.name)?.env ?? []).forEach((entry, i) => {
        const problem = envNameProblem(entry.split("=", 1)[0] ?? "");
        if (problem) issues.add(indexPath(sdlPath("services", service.name, "env"), i), problem);
      });
      for (const expose of service.expose) {
        if (expose.global) globalCount++;
        const source = built.exposeSources.get(expose);
        const acceptPath = source ? childPath(source.path, "accept") : sdlPath("services", service.name);
        (expose.hosts ?? []).forEach((host, i) => {
          const path = source ? indexPath(acceptPath, i) : acceptPath;
          if (host.length > 253 || !DNS1123_SUBDOMAIN.test(host)) {
            issues.add(path, `invalid hostname "${host}": use lower-case letters, digits, "-" and "."`);
          } else if (hostnames.has(host)) {
            issues.add(path, `hostname "${host}" is used more than once in the deployment`);
          }
          hostnames.add(host);
        });
      }
    }
  }
  if (globalCount === 0) {
    issues.add(
      "services",
      "no service is exposed globally: add `to: [{global: true}]` to at least one expose entry",
    );
  }
}

function validateGroupSpecs(built: BuiltGroups, issues: IssueCollector): void {
  const denoms = new Set<string>();
  for (const group of built.groupSpecs) {
    const path = sdlPath("profiles", "placement", group.name);
    let cpu = 0;
    let gpu = 0;
    let memory = 0;
    const groupDenoms = new Set<string>();
    for (const unit of group.resources) {
      groupDenoms.add(unit.price.denom);
      cpu += Number(unit.resource.cpu.units.val) * unit.count;
      gpu += Number(unit.resource.gpu.units.val) * unit.count;
      memory += Number(unit.resource.memory.size.val) * unit.count;
    }
    if (groupDenoms.size > 1)
      issues.add(
        childPath(path, "pricing"),
        `all prices of a placement must use one denom, got ${[...groupDenoms].join(", ")}`,
      );
    for (const d of groupDenoms) denoms.add(d);
    if (cpu > GROUP_LIMITS.cpu)
      issues.add(path, `total CPU of all replicas exceeds ${GROUP_LIMITS.cpu / 1000} (got ${cpu / 1000})`);
    if (gpu > GROUP_LIMITS.gpu)
      issues.add(path, `total GPUs of all replicas exceed ${GROUP_LIMITS.gpu} (got ${gpu})`);
    if (memory > GROUP_LIMITS.memory) issues.add(path, `total memory of all replicas exceeds 100Ti`);
  }
  if (denoms.size > 1) {
    issues.add(
      "profiles.placement",
      `all placements must price in the same denom, got ${[...denoms].join(", ")}`,
    );
  }
}

export function validateOutput(sdl: SdlModel, built: BuiltGroups, issues: IssueCollector): void {
  validateManifest(sdl, built, issues);
  validateGroupSpecs(built, issues);
}
