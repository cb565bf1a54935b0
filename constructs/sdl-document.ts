/**
 * Builds an SDL 2.0 document from typed service specs. The SDL is emitted as JSON (which is valid YAML), so token
 * strings pass through untouched and terraform substitutes them at apply time.
 */
import { jsonStringPart } from "./terraform-text";
import type { ExposeSpec, GpuModelSpec, GpuSpec, ServiceSpec } from "./service-spec";

/** Default highest price per block and replica, in uact. */
export const DEFAULT_PRICE_PER_BLOCK = 10000;
/** Placement group of services that name none. */
export const DEFAULT_GROUP = "dcloud";

export interface PlacementSpec {
  /** Provider attributes the group requires, e.g. `{ region: "us-west" }`. Default: any provider. */
  readonly attributes?: Record<string, string>;
  /** Auditors that must have signed the provider's attributes. Default: none required. */
  readonly signedBy?: {
    /** Every one of these auditors. */
    readonly allOf?: string[];
    /** At least one of these auditors. */
    readonly anyOf?: string[];
  };
}

export interface SdlLayout {
  /** Group of services that name none. */
  readonly defaultGroup: string;
  /** Placement requirements per group name. */
  readonly placements?: Record<string, PlacementSpec>;
}

const SIZE = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;
const NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const MAX_CPU = 384;
const MAX_COUNT = 50;

/** The group of each service, in the order services are given. */
export function groupsOf(services: Record<string, ServiceSpec>, defaultGroup: string): string[] {
  const groups: string[] = [];
  for (const spec of Object.values(services)) {
    const group = spec.group ?? defaultGroup;
    if (!groups.includes(group)) groups.push(group);
  }
  return groups;
}

/** Problems a person can fix, each naming the service it is about: checked at synth time. */
export function checkServices(
  services: Record<string, ServiceSpec>,
  layout: SdlLayout,
  isToken: (s: string) => boolean,
): string[] {
  const problems: string[] = [];
  if (Object.keys(services).length === 0) problems.push("at least one service is required");
  const groups = groupsOf(services, layout.defaultGroup);
  for (const group of groups) {
    if (!NAME.test(group))
      problems.push(
        `group "${group}": names use lower-case letters, digits and dashes, starting with a letter`,
      );
  }
  for (const name of Object.keys(layout.placements ?? {})) {
    if (!groups.includes(name))
      problems.push(
        `placement "${name}" names no group; groups are ${groups.map((g) => `"${g}"`).join(", ")}`,
      );
  }
  for (const [name, spec] of Object.entries(services))
    checkService(name, spec, { services, isToken }, problems);
  return problems;
}

/** The checks of one service; each problem starts with `service "<name>"`. */
function checkService(
  name: string,
  spec: ServiceSpec,
  context: { services: Record<string, ServiceSpec>; isToken: (s: string) => boolean },
  problems: string[],
): void {
  const at = `service "${name}"`;
  if (!NAME.test(name))
    problems.push(`${at}: names use lower-case letters, digits and dashes, starting with a letter`);
  if (typeof spec.image !== "string" || (!context.isToken(spec.image) && spec.image.trim() === ""))
    problems.push(`${at}: image is required, e.g. "nginx:1.27"`);
  if (spec.cpu !== undefined && !(spec.cpu > 0 && spec.cpu <= MAX_CPU))
    problems.push(`${at}: cpu must be more than 0 and at most ${MAX_CPU} cores (got ${spec.cpu})`);
  for (const [field, value] of [
    ["memory", spec.memory],
    ["storage", spec.storage],
  ] as const) {
    if (value !== undefined && !SIZE.test(value))
      problems.push(`${at}: ${field} "${value}" is not a size; write e.g. 512Mi or 2Gi`);
  }
  checkVolumes(at, spec, problems);
  if (spec.gpu) checkGpu(at, spec.gpu, problems);
  if (
    spec.count !== undefined &&
    !(Number.isInteger(spec.count) && spec.count >= 1 && spec.count <= MAX_COUNT)
  )
    problems.push(`${at}: count must be an integer from 1 to ${MAX_COUNT} (got ${spec.count})`);
  if (spec.maxPricePerBlock !== undefined && !(spec.maxPricePerBlock > 0))
    problems.push(`${at}: maxPricePerBlock must be a positive amount of uact (got ${spec.maxPricePerBlock})`);
  checkExposes(at, spec, context.services, problems);
}

function checkVolumes(at: string, spec: ServiceSpec, problems: string[]): void {
  const volumeNames = new Set<string>();
  for (const v of spec.volumes ?? []) {
    if (!NAME.test(v.name) || v.name === "default")
      problems.push(
        `${at}: volume name "${v.name}" must be lower-case letters, digits and dashes (not "default")`,
      );
    if (volumeNames.has(v.name)) problems.push(`${at}: volume "${v.name}" is declared twice`);
    volumeNames.add(v.name);
    if (!SIZE.test(v.size))
      problems.push(`${at}: volume "${v.name}" size "${v.size}" is not a size; write e.g. 10Gi`);
    if (!v.mount.startsWith("/"))
      problems.push(`${at}: volume "${v.name}" mount "${v.mount}" must be an absolute path`);
  }
}

function checkGpu(at: string, gpu: GpuSpec, problems: string[]): void {
  if (!(Number.isInteger(gpu.units) && gpu.units > 0))
    problems.push(`${at}: gpu.units must be a positive integer (got ${gpu.units})`);
  if (gpu.ram !== undefined && !SIZE.test(gpu.ram))
    problems.push(`${at}: gpu.ram "${gpu.ram}" is not a size; write e.g. 80Gi`);
  for (const m of gpu.models ?? []) {
    const model = typeof m === "string" ? m : m.model;
    if (!/^[a-z0-9][a-z0-9-]*$/.test(model))
      problems.push(
        `${at}: GPU model "${model}" must be lower-case, as providers advertise it (e.g. "a100")`,
      );
  }
}

function checkExposes(
  at: string,
  spec: ServiceSpec,
  services: Record<string, ServiceSpec>,
  problems: string[],
): void {
  for (const e of spec.expose ?? []) {
    for (const [field, port] of [
      ["port", e.port],
      ["as", e.as],
    ] as const) {
      if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535))
        problems.push(`${at}: expose ${field} ${port} must be an integer from 1 to 65535`);
    }
    for (const target of e.toServices ?? []) {
      if (!(target in services)) problems.push(`${at}: expose.toServices names unknown service "${target}"`);
    }
    if (e.global === false && !e.toServices?.length)
      problems.push(`${at}: expose of port ${e.port} is neither global nor open to any service`);
  }
}

function exposeEntry(e: ExposeSpec) {
  const to: Record<string, unknown>[] = [];
  if (e.global ?? true) to.push({ global: true });
  for (const service of e.toServices ?? []) to.push({ service });
  return {
    port: e.port,
    as: e.as ?? e.port,
    ...(e.proto ? { proto: e.proto } : {}),
    ...(e.accept?.length ? { accept: e.accept } : {}),
    to,
  };
}

function gpuModel(m: string | GpuModelSpec, ram: string | undefined) {
  const spec: GpuModelSpec = typeof m === "string" ? { model: m, ram } : m;
  return {
    model: spec.model,
    ...(spec.ram ? { ram: spec.ram } : {}),
    ...(spec.interface ? { interface: spec.interface } : {}),
  };
}

function resources(spec: ServiceSpec) {
  const storage: Record<string, unknown>[] = [{ size: spec.storage ?? "1Gi" }];
  for (const v of spec.volumes ?? []) {
    storage.push({ name: v.name, size: v.size, attributes: { persistent: true, class: v.class ?? "beta2" } });
  }
  const models = spec.gpu?.models?.map((m) => gpuModel(m, spec.gpu?.ram)) ?? [];
  return {
    cpu: { units: spec.cpu ?? 0.5 },
    memory: { size: spec.memory ?? "512Mi" },
    storage: storage.length === 1 ? storage[0] : storage,
    ...(spec.gpu
      ? {
          gpu: {
            units: spec.gpu.units,
            attributes: { vendor: { nvidia: models.length > 0 ? models : null } },
          },
        }
      : {}),
  };
}

function serviceEntry(s: ServiceSpec) {
  return {
    image: s.image,
    ...(s.command?.length ? { command: s.command } : {}),
    ...(s.args?.length ? { args: s.args } : {}),
    ...(s.env && Object.keys(s.env).length
      ? { env: Object.entries(s.env).map(([k, v]) => `${k}=${v}`) }
      : {}),
    ...(s.expose?.length ? { expose: s.expose.map(exposeEntry) } : {}),
    ...(s.volumes?.length
      ? {
          params: {
            storage: Object.fromEntries(
              s.volumes.map((v) => [v.name, { mount: v.mount, ...(v.readOnly ? { readOnly: true } : {}) }]),
            ),
          },
        }
      : {}),
  };
}

/** The SDL as a JSON-ready object: one compute profile per service, one placement group per distinct `group`. */
export function sdlDocument(
  services: Record<string, ServiceSpec>,
  layout: SdlLayout,
): Record<string, unknown> {
  const entries = Object.entries(services);
  const groupOf = (s: ServiceSpec) => s.group ?? layout.defaultGroup;
  const placement = Object.fromEntries(
    groupsOf(services, layout.defaultGroup).map((group) => {
      const spec = layout.placements?.[group] ?? {};
      return [
        group,
        {
          ...(spec.attributes && Object.keys(spec.attributes).length ? { attributes: spec.attributes } : {}),
          ...(spec.signedBy ? { signedBy: spec.signedBy } : {}),
          pricing: Object.fromEntries(
            entries
              .filter(([, s]) => groupOf(s) === group)
              .map(([name, s]) => [
                name,
                { denom: "uact", amount: s.maxPricePerBlock ?? DEFAULT_PRICE_PER_BLOCK },
              ]),
          ),
        },
      ];
    }),
  );
  return {
    version: "2.0",
    services: Object.fromEntries(entries.map(([name, s]) => [name, serviceEntry(s)])),
    profiles: {
      compute: Object.fromEntries(entries.map(([name, s]) => [name, { resources: resources(s) }])),
      placement,
    },
    deployment: Object.fromEntries(
      entries.map(([name, s]) => [name, { [groupOf(s)]: { profile: name, count: s.count ?? 1 } }]),
    ),
  };
}

/** The SDL as JSON text (which is valid YAML), as the provider will receive it. */
export function sdlJson(services: Record<string, ServiceSpec>, layout: SdlLayout): string {
  return JSON.stringify(sdlDocument(services, layout), null, 2);
}

/** The SDL as JSON text for the synthesized terraform configuration (see terraform-text.ts). */
export function buildSdl(services: Record<string, ServiceSpec>, layout: SdlLayout): string {
  return JSON.stringify(
    sdlDocument(services, layout),
    (_key, value: unknown) => (typeof value === "string" ? jsonStringPart(value) : value),
    2,
  );
}
