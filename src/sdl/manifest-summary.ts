/**
 * A readable summary of a manifest for plans: one line per service with what a reviewer needs to see change
 * (image, replicas, resources, exposed ports, env and command *names*), and no value that could be a secret.
 * Env values, args and registry credentials never appear: the manifest itself is sensitive in plans.
 */
import type { ManifestGroup, ManifestService } from "./manifest-types";

function quantity(bytes: string): string {
  const n = BigInt(bytes);
  const units: [bigint, string][] = [
    [1n << 40n, "Ti"],
    [1n << 30n, "Gi"],
    [1n << 20n, "Mi"],
  ];
  for (const [size, unit] of units) if (n >= size && n % size === 0n) return `${n / size}${unit}`;
  return `${n}B`;
}

function resources(service: ManifestService): string {
  const r = service.resources;
  const cpu = Number(r.cpu.units.val) / 1000;
  const parts = [`cpu ${cpu}`, `memory ${quantity(r.memory.size.val)}`];
  for (const s of r.storage ?? []) parts.push(`storage ${s.name} ${quantity(s.size.val)}`);
  const gpus = Number(r.gpu.units.val);
  if (gpus > 0) parts.push(`gpu ${gpus}`);
  return parts.join(", ");
}

function exposes(service: ManifestService): string {
  const list = service.expose.map((e) => {
    const target = e.global ? (e.ip ? `ip ${e.ip}` : "global") : `to ${e.service || "group"}`;
    return `${e.port}→${e.externalPort || e.port}/${e.proto.toLowerCase()} ${target}`;
  });
  return list.length > 0 ? list.join("; ") : "none";
}

function envNames(service: ManifestService): string {
  const names = (service.env ?? []).map((entry) => entry.split("=", 1)[0] ?? "");
  return names.length > 0 ? `${names.join(", ")} (values hidden)` : "none";
}

export function manifestSummary(manifest: ManifestGroup[]): string[] {
  return manifest.flatMap((group) =>
    group.services.map((service) => {
      const pieces = [
        `${service.name} (group ${group.name}): image ${service.image}`,
        `count ${service.count}`,
        resources(service),
        `expose ${exposes(service)}`,
        `env ${envNames(service)}`,
      ];
      if (service.command && service.command.length > 0)
        pieces.push(`command set (${service.command.length} words)`);
      if (service.args && service.args.length > 0) pieces.push(`args set (${service.args.length} words)`);
      if (service.credentials) pieces.push(`registry credentials for ${service.credentials.host}`);
      return pieces.join(", ");
    }),
  );
}
