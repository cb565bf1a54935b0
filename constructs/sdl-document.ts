/**
 * Builds an SDL 2.0 document from typed service specs. The SDL is emitted as JSON (valid YAML), so token strings
 * pass through untouched and terraform substitutes them at apply time.
 */
import type { ExposeSpec, ServiceSpec } from "./service-spec";

export const DEFAULT_PRICE_PER_BLOCK = 10000;

export interface PlacementSpec {
  /** Provider attributes the group requires, e.g. `{ region: "us-west" }`. */
  readonly attributes?: Record<string, string>;
  /** Auditors that must have signed the provider's attributes. */
  readonly signedBy?: { allOf?: string[]; anyOf?: string[] };
}

const SIZE = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;
const NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Problems a person can fix, with the place they are in: checked at synth time. */
export function checkServices(
  services: Record<string, ServiceSpec>,
  isToken: (s: string) => boolean,
): string[] {
  const problems: string[] = [];
  if (Object.keys(services).length === 0) problems.push("at least one service is required");
  for (const [name, spec] of Object.entries(services)) {
    const at = `service "${name}"`;
    if (!NAME.test(name)) problems.push(`${at}: names use lower-case letters, digits and dashes`);
    if (!spec.image || (!isToken(spec.image) && spec.image.trim() === ""))
      problems.push(`${at}: image is required`);
    if (spec.cpu !== undefined && !(spec.cpu > 0 && spec.cpu <= 384))
      problems.push(`${at}: cpu must be between 0 and 384 cores`);
    for (const [field, value] of [
      ["memory", spec.memory],
      ["storage", spec.storage],
    ] as const) {
      if (value !== undefined && !SIZE.test(value))
        problems.push(`${at}: ${field} "${value}" is not a size; write e.g. 512Mi or 2Gi`);
    }
    for (const v of spec.volumes ?? []) {
      if (!NAME.test(v.name))
        problems.push(`${at}: volume name "${v.name}" must be lower-case letters, digits and dashes`);
      if (!SIZE.test(v.size)) problems.push(`${at}: volume "${v.name}" size "${v.size}" is not a size`);
      if (!v.mount.startsWith("/")) problems.push(`${at}: volume "${v.name}" mount must be an absolute path`);
    }
    if (spec.gpu && !(Number.isInteger(spec.gpu.units) && spec.gpu.units > 0))
      problems.push(`${at}: gpu.units must be a positive integer`);
    if (spec.count !== undefined && !(Number.isInteger(spec.count) && spec.count >= 1 && spec.count <= 50)) {
      problems.push(`${at}: count must be an integer from 1 to 50`);
    }
    if (spec.maxPricePerBlock !== undefined && !(spec.maxPricePerBlock > 0))
      problems.push(`${at}: maxPricePerBlock must be positive`);
    for (const e of spec.expose ?? []) {
      if (!(Number.isInteger(e.port) && e.port >= 1 && e.port <= 65535))
        problems.push(`${at}: expose port ${e.port} must be 1..65535`);
      for (const target of e.toServices ?? []) {
        if (!(target in services))
          problems.push(`${at}: expose.toServices names unknown service "${target}"`);
      }
    }
  }
  return problems;
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

function resources(spec: ServiceSpec) {
  const storage: Record<string, unknown>[] = [{ size: spec.storage ?? "1Gi" }];
  for (const v of spec.volumes ?? []) {
    storage.push({ name: v.name, size: v.size, attributes: { persistent: true, class: v.class ?? "beta2" } });
  }
  const gpuModels = spec.gpu?.models?.map((model) => ({
    model,
    ...(spec.gpu?.ram ? { ram: spec.gpu.ram } : {}),
  }));
  return {
    cpu: { units: spec.cpu ?? 0.5 },
    memory: { size: spec.memory ?? "512Mi" },
    storage: storage.length === 1 ? storage[0] : storage,
    ...(spec.gpu
      ? {
          gpu: {
            units: spec.gpu.units,
            attributes: { vendor: { nvidia: gpuModels && gpuModels.length > 0 ? gpuModels : null } },
          },
        }
      : {}),
  };
}

/** One placement group named `placement` holding every service. */
export function buildSdl(
  services: Record<string, ServiceSpec>,
  placement: string,
  spec: PlacementSpec = {},
): string {
  const doc = {
    version: "2.0",
    services: Object.fromEntries(
      Object.entries(services).map(([name, s]) => [
        name,
        {
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
                    s.volumes.map((v) => [
                      v.name,
                      { mount: v.mount, ...(v.readOnly ? { readOnly: true } : {}) },
                    ]),
                  ),
                },
              }
            : {}),
        },
      ]),
    ),
    profiles: {
      compute: Object.fromEntries(
        Object.entries(services).map(([name, s]) => [name, { resources: resources(s) }]),
      ),
      placement: {
        [placement]: {
          ...(spec.attributes && Object.keys(spec.attributes).length ? { attributes: spec.attributes } : {}),
          ...(spec.signedBy ? { signedBy: spec.signedBy } : {}),
          pricing: Object.fromEntries(
            Object.entries(services).map(([name, s]) => [
              name,
              { denom: "uact", amount: s.maxPricePerBlock ?? DEFAULT_PRICE_PER_BLOCK },
            ]),
          ),
        },
      },
    },
    deployment: Object.fromEntries(
      Object.entries(services).map(([name, s]) => [
        name,
        { [placement]: { profile: name, count: s.count ?? 1 } },
      ]),
    ),
  };
  return JSON.stringify(doc, null, 2);
}
