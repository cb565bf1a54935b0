/**
 * The provider's manifest checks (chain-sdk go/manifest/v2beta3): structural `Validate()` and
 * `CheckAgainstGSpecs()`, which requires the manifest to consume the on-chain groups exactly (same resources per
 * unit id, replica counts and endpoints, nothing left over). Error texts and their HTTP status follow the Go code,
 * including its quirks: errors not wrapped in ErrInvalidManifest / ErrManifestCrossValidation become 500.
 */
import type { GroupSpec } from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import type { Manifest, ManifestAttribute, ManifestExpose, ManifestService, ResourceValue } from "./manifest";
import { resourceValueToBigInt } from "./resource-values";

/** A rejected manifest with the status the real gateway answers (422, or 500 for unwrapped Go errors). */
export class ManifestRejection extends Error {
  constructor(
    readonly status: 422 | 500,
    message: string,
  ) {
    super(message);
    this.name = "ManifestRejection";
  }
}

const invalid = (text: string) => new ManifestRejection(422, `invalid manifest: ${text}`);
const crossValidation = (text: string) =>
  new ManifestRejection(422, `manifest cross-validation error: ${text}`);
const q = (s: string) => JSON.stringify(s);

const SERVICE_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Expose order the provider requires: service, port, proto, global first. */
function exposeLess(a: ManifestExpose, b: ManifestExpose): boolean {
  if (a.service !== b.service) return a.service < b.service;
  if (a.port !== b.port) return a.port < b.port;
  if (a.proto !== b.proto) return a.proto < b.proto;
  if (a.global !== b.global) return a.global;
  return false;
}

/** Go's sort.IsSorted: no element is Less than its predecessor. */
function isSorted<T>(items: T[], less: (a: T, b: T) => boolean): boolean {
  for (let i = items.length - 1; i > 0; i--) if (less(items[i] as T, items[i - 1] as T)) return false;
  return true;
}

export function isIngress(expose: ManifestExpose): boolean {
  return expose.proto === "TCP" && expose.global && (expose.externalPort || expose.port) === 80;
}

function validateService(service: ManifestService, hostnames: Set<string>): number {
  if (service.name.length === 0) throw invalid("service name is empty");
  if (!SERVICE_NAME.test(service.name)) throw invalid(`service ${q(service.name)} name is invalid`);
  if (service.image.length === 0) throw invalid(`service ${q(service.name)} has empty image name`);
  const res = service.resources;
  // Resources.Validate returns plain errors, which the gateway reports as 500.
  if (res.id === 0) throw new ManifestRejection(500, "resources ID must be > 0");
  if (res.cpu === null) throw new ManifestRejection(500, "CPU must not be nil");
  if (res.gpu === null) throw new ManifestRejection(500, "GPU must not be nil");
  if (res.memory === null) throw new ManifestRejection(500, "memory must not be nil");
  if (res.storage === null) throw new ManifestRejection(500, "storage must not be nil");
  if (res.endpoints === null) throw new ManifestRejection(500, "endpoints must not be nil");
  for (const envVar of service.env ?? []) {
    const name = envVar.split("=")[0] ?? "";
    if (!ENV_VAR_NAME.test(name)) {
      throw invalid(`service ${q(service.name)} defines an env. var. with an invalid name ${q(name)}`);
    }
  }
  const exposes = service.expose ?? [];
  if (!isSorted(exposes, exposeLess)) throw invalid(`service ${q(service.name)}: expose is not sorted`);
  let globals = 0;
  for (const expose of exposes) {
    const fail = (text: string) => invalid(`service ${q(service.name)}: ${text}`);
    if (expose.port === 0 || expose.port > 65535) throw fail("port value must be 0 < value <= 65535 ");
    if (expose.proto !== "TCP" && expose.proto !== "UDP") throw fail(`protocol ${q(expose.proto)} unknown`);
    if (expose.global) globals++;
    for (const host of expose.hosts ?? []) {
      if (host.length > 253 || !DNS1123_SUBDOMAIN.test(host)) {
        throw fail(`has invalid hostname ${q(host)}`);
      }
      if (hostnames.has(host)) throw fail(`hostname ${q(host)} is duplicated, this is not allowed`);
      hostnames.add(host);
    }
  }
  return globals;
}

/** `Manifest.Validate()`: throws ManifestRejection. */
export function validateManifest(manifest: Manifest): void {
  if (manifest.length === 0) throw invalid("manifest is empty");
  const hostnames = new Set<string>();
  const names = new Set<string>();
  let globals = 0;
  for (const group of manifest) {
    const services = group.services ?? [];
    if (services.length === 0) throw invalid(`group ${q(group.name)} contains no services`);
    if (!isSorted(services, (a, b) => a.name < b.name))
      throw invalid(`group ${q(group.name)} services is not sorted`);
    for (const service of services) globals += validateService(service, hostnames);
    if (names.has(group.name)) throw invalid(`duplicate group ${q(group.name)}`);
    names.add(group.name);
  }
  if (globals === 0) throw invalid("zero global services");
}

function valueEqual(a: ResourceValue, b: Uint8Array | undefined): boolean {
  return BigInt(a.val) === resourceValueToBigInt(b);
}

function attributesEqual(
  a: ManifestAttribute[] | null,
  b: { key: string; value: string }[] | undefined,
): boolean {
  const left = a ?? [];
  const right = b ?? [];
  return (
    left.length === right.length &&
    left.every((x, i) => x.key === right[i]?.key && x.value === right[i]?.value)
  );
}

type Units = { units?: ResourceValue; size?: ResourceValue; attributes: ManifestAttribute[] | null } | null;
type ChainUnits = {
  units?: { val: Uint8Array };
  quantity?: { val: Uint8Array };
  attributes: { key: string; value: string }[];
};

function unitsEqual(manifest: Units, chain: ChainUnits | undefined): boolean {
  if (manifest === null || chain === undefined) return manifest === null && chain === undefined;
  const value = (manifest.units ?? manifest.size) as ResourceValue;
  return (
    valueEqual(value, (chain.units ?? chain.quantity)?.val) &&
    attributesEqual(manifest.attributes, chain.attributes)
  );
}

interface EndpointBudget {
  http: number;
  port: number;
  ip: number;
}

/** What a group spec offers: replicas and endpoints per resource unit id, used up as services claim them. */
interface GroupBudget {
  spec: GroupSpec;
  counts: Map<number, number>;
  endpoints: Map<number, EndpointBudget>;
}

function groupBudget(spec: GroupSpec): GroupBudget {
  const counts = new Map<number, number>();
  const endpoints = new Map<number, EndpointBudget>();
  for (const unit of spec.resources) {
    const id = unit.resource?.id ?? 0;
    counts.set(id, unit.count);
    const budget = { http: 0, port: 0, ip: 0 };
    for (const ep of unit.resource?.endpoints ?? []) {
      if (ep.kind === 0) budget.http++;
      else if (ep.kind === 1) budget.port++;
      else if (ep.kind === 2) budget.ip++;
    }
    endpoints.set(id, budget);
  }
  return { spec, counts, endpoints };
}

/** `Manifest.CheckAgainstGSpecs()`: validates, then requires the manifest to consume `specs` exactly. */
export function checkManifestAgainstGroups(manifest: Manifest, specs: GroupSpec[]): void {
  validateManifest(manifest);
  if (manifest.length !== specs.length) {
    // Not wrapped in ErrInvalidManifest in Go, so the gateway answers 500.
    throw new ManifestRejection(
      500,
      `invalid manifest: group count mismatch (${manifest.length} != ${specs.length})`,
    );
  }
  const byName = new Map(specs.map((spec) => [spec.name, groupBudget(spec)] as const));
  for (const group of manifest) {
    const entry = byName.get(group.name);
    if (entry === undefined) {
      throw new ManifestRejection(500, `invalid manifest: unknown deployment group ('${group.name}')`);
    }
    for (const service of group.services ?? []) claimResources(entry, group.name, service);
  }
  for (const entry of byName.values()) requireAllUsed(entry);
}

/** The service's unit must match its resources exactly; it uses up replicas and global endpoints of the unit. */
function claimResources(entry: GroupBudget, groupName: string, service: ManifestService): void {
  const fail = (text: string) =>
    crossValidation(`group ${q(groupName)}: service ${q(service.name)}: ${text}`);
  const id = service.resources.id;
  const unit = entry.spec.resources.find((u) => u.resource?.id === id);
  const remaining = entry.counts.get(id);
  if (unit === undefined || remaining === undefined) {
    throw fail(`not found deployment group resources with ID = ${id}`);
  }
  if (service.count > remaining) {
    throw fail(`over-utilized replicas (${service.count}) > group spec resources count (${remaining})`);
  }
  const res = service.resources;
  const chain = unit.resource;
  if (!unitsEqual(res.cpu, chain?.cpu)) throw fail(`CPU resources mismatch for ID ${id}`);
  if (!unitsEqual(res.gpu, chain?.gpu)) throw fail(`GPU resources mismatch for ID ${id}`);
  if (!unitsEqual(res.memory, chain?.memory)) throw fail(`Memory resources mismatch for ID ${id}`);
  const volumes = res.storage ?? [];
  const chainVolumes = chain?.storage ?? [];
  const storageEqual = volumes.every((v, i) => {
    const c = chainVolumes[i];
    return c !== undefined && v.name === c.name && unitsEqual(v, c);
  });
  if (!storageEqual) throw fail(`Storage resources mismatch for ID ${id}`);
  const budget = entry.endpoints.get(id) ?? { http: 0, port: 0, ip: 0 };
  spendEndpoints(budget, service.expose ?? [], (text) => fail(`resource ID ${id}: ${text}`));
  entry.counts.set(id, remaining - service.count);
}

function spendEndpoints(
  budget: EndpointBudget,
  exposes: ManifestExpose[],
  fail: (text: string) => ManifestRejection,
): void {
  for (const expose of exposes) {
    if (!expose.global) continue;
    if (isIngress(expose)) {
      if (budget.http === 0) throw fail("over-utilized HTTP endpoints");
      budget.http--;
    } else {
      if (budget.port === 0) throw fail("over-utilized PORT endpoints");
      budget.port--;
    }
    if (expose.ip.length > 0) {
      if (budget.ip === 0) throw fail("over-utilized IP endpoints");
      budget.ip--;
    }
  }
}

/** Nothing of the group spec may be left over: no endpoint, no replica. */
function requireAllUsed({ spec, counts, endpoints }: GroupBudget): void {
  for (const [id, budget] of endpoints) {
    const left = (kind: string, n: number) =>
      crossValidation(`group ${q(spec.name)}: resources ID (${id}): under-utilized (${n}) ${kind} endpoints`);
    if (budget.http > 0) throw left("HTTP", budget.http);
    if (budget.port > 0) throw left("PORT", budget.port);
    if (budget.ip > 0) throw left("IP", budget.ip);
  }
  for (const [id, count] of counts) {
    if (count > 0) {
      throw crossValidation(
        `group ${q(spec.name)}: resources ID (${id}): under-utilized (${count}) resources`,
      );
    }
  }
}
