/**
 * The provider's "cluster", without containers: which manifest group runs for each lease, since when, and the
 * status a real provider would report (replicas ready after a short start-up delay, ingress URIs under the localnet
 * domain, forwarded ports for random-port endpoints, leased IPs). Persisted to a JSON file so a restarted localnet
 * still serves its leases.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { ManifestGroup, ManifestService } from "./manifest";
import { isIngress } from "./manifest-validation";

export const INGRESS_DOMAIN = "ingress.localnet.akash";

export interface LeaseKey {
  owner: string;
  dseq: string;
  gseq: number;
  oseq: number;
}

export const leaseKeyString = (k: LeaseKey) => `${k.owner}/${k.dseq}/${k.gseq}/${k.oseq}`;

interface Deployed {
  lease: LeaseKey;
  group: ManifestGroup;
  generation: number;
  /** When the current generation was applied (ms since epoch). */
  appliedAt: number;
}

export interface ServiceStatus {
  name: string;
  available: number;
  total: number;
  uris: string[] | null;
  observed_generation: number;
  replicas: number;
  updated_replicas: number;
  ready_replicas: number;
  available_replicas: number;
}

export interface ForwardedPortStatus {
  host?: string;
  port: number;
  externalPort: number;
  proto: string;
  name: string;
}

export interface LeasedIpStatus {
  Port: number;
  ExternalPort: number;
  Protocol: string;
  IP: string;
}

export interface LeaseStatus {
  services: Record<string, ServiceStatus>;
  forwarded_ports: Record<string, ForwardedPortStatus[]> | null;
  ips: Record<string, LeasedIpStatus[]> | null;
}

function digest(...parts: string[]): Buffer {
  return createHash("sha256").update(parts.join("\u0000")).digest();
}

/** A stable pseudo-random ingress hostname per lease and service (so restarts keep the same URIs). */
function ingressHost(lease: LeaseKey, service: string): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = digest("ingress", leaseKeyString(lease), service);
  let label = "";
  for (let i = 0; i < 26; i++) label += alphabet[(bytes[i] as number) % alphabet.length];
  return `${label}.${INGRESS_DOMAIN}`;
}

function nodePort(lease: LeaseKey, service: string, port: number, proto: string): number {
  return 30000 + (digest("port", leaseKeyString(lease), service, String(port), proto).readUInt16BE(0) % 2768);
}

export class LeaseRuntime {
  private readonly deployed = new Map<string, Deployed>();

  constructor(
    /** Delay between applying a manifest and its replicas reporting ready. */
    private readonly startupMs: number,
    private readonly hostname: string,
    private readonly stateFile?: string,
  ) {
    if (stateFile !== undefined) {
      try {
        const saved = JSON.parse(readFileSync(stateFile, "utf8")) as Deployed[];
        for (const d of saved) this.deployed.set(leaseKeyString(d.lease), d);
      } catch {
        // no saved state yet
      }
    }
  }

  private save(): void {
    if (this.stateFile === undefined) return;
    mkdirSync(dirname(this.stateFile), { recursive: true });
    const tmp = `${this.stateFile}.tmp`;
    writeFileSync(tmp, JSON.stringify([...this.deployed.values()]));
    renameSync(tmp, this.stateFile);
  }

  /** Run (or replace) the manifest group of a lease; a replacement bumps the generation. */
  apply(lease: LeaseKey, group: ManifestGroup, now: number): void {
    const key = leaseKeyString(lease);
    const previous = this.deployed.get(key);
    this.deployed.set(key, { lease, group, generation: (previous?.generation ?? 0) + 1, appliedAt: now });
    this.save();
  }

  remove(lease: LeaseKey): void {
    if (this.deployed.delete(leaseKeyString(lease))) this.save();
  }

  has(lease: LeaseKey): boolean {
    return this.deployed.has(leaseKeyString(lease));
  }

  leases(): LeaseKey[] {
    return [...this.deployed.values()].map((d) => d.lease);
  }

  /** Deployments with a running manifest (for GET /status). */
  deploymentCount(): number {
    return new Set([...this.deployed.values()].map((d) => `${d.lease.owner}/${d.lease.dseq}`)).size;
  }

  manifestGroup(lease: LeaseKey): ManifestGroup | undefined {
    return this.deployed.get(leaseKeyString(lease))?.group;
  }

  private serviceStatus(d: Deployed, service: ManifestService, now: number): ServiceStatus {
    const ready = now - d.appliedAt >= this.startupMs ? service.count : 0;
    const ingress = (service.expose ?? []).filter(isIngress);
    const uris =
      ingress.length === 0
        ? null
        : [ingressHost(d.lease, service.name), ...ingress.flatMap((e) => e.hosts ?? [])].filter(
            (h, i, all) => all.indexOf(h) === i,
          );
    return {
      name: service.name,
      available: ready,
      total: service.count,
      uris,
      observed_generation: d.generation,
      replicas: service.count,
      updated_replicas: service.count,
      ready_replicas: ready,
      available_replicas: ready,
    };
  }

  /** GET /lease/.../status body, or undefined when no manifest runs for the lease. */
  status(lease: LeaseKey, now: number): LeaseStatus | undefined {
    const d = this.deployed.get(leaseKeyString(lease));
    if (d === undefined) return undefined;
    const services: Record<string, ServiceStatus> = {};
    let forwarded: Record<string, ForwardedPortStatus[]> | null = null;
    let ips: Record<string, LeasedIpStatus[]> | null = null;
    for (const service of d.group.services ?? []) {
      services[service.name] = this.serviceStatus(d, service, now);
      for (const expose of service.expose ?? []) {
        if (!expose.global) continue;
        // The provider lists forwarded ports whenever a global expose is not on external port 80.
        if (expose.externalPort !== 80) forwarded ??= {};
        if (!isIngress(expose)) {
          (forwarded ??= {})[service.name] ??= [];
          forwarded[service.name]?.push({
            host: this.hostname,
            port: expose.port,
            externalPort: nodePort(d.lease, service.name, expose.port, expose.proto),
            proto: expose.proto,
            name: service.name,
          });
        }
        if (expose.ip !== "") {
          const ip = digest("ip", leaseKeyString(d.lease), expose.ip);
          (ips ??= {})[service.name] ??= [];
          ips[service.name]?.push({
            Port: expose.port,
            ExternalPort: expose.externalPort || expose.port,
            Protocol: expose.proto,
            IP: `203.0.113.${1 + ((ip[0] as number) % 254)}`,
          });
        }
      }
    }
    return { services, forwarded_ports: forwarded, ips };
  }

  /** GET /lease/.../service/{name}/status body, or undefined if the lease or service is unknown. */
  service(lease: LeaseKey, name: string, now: number): ServiceStatus | undefined {
    const d = this.deployed.get(leaseKeyString(lease));
    const service = d?.group.services?.find((s) => s.name === name);
    return d && service ? this.serviceStatus(d, service, now) : undefined;
  }

  /** Synthetic container log lines for the running replicas of `services` (all when empty). */
  logLines(
    lease: LeaseKey,
    services: string[],
    now: number,
  ): { name: string; message: string }[] | undefined {
    const d = this.deployed.get(leaseKeyString(lease));
    if (d === undefined) return undefined;
    if (now - d.appliedAt < this.startupMs) return [];
    const lines: { name: string; message: string }[] = [];
    for (const service of d.group.services ?? []) {
      if (services.length > 0 && !services.includes(service.name)) continue;
      for (let replica = 0; replica < service.count; replica++) {
        const pod = `${service.name}-${digest(leaseKeyString(d.lease), service.name).toString("hex").slice(0, 10)}-${replica}`;
        const at = new Date(d.appliedAt + this.startupMs).toISOString();
        lines.push({
          name: pod,
          message: `${at} localnet: started container ${service.name} from image ${service.image}`,
        });
        lines.push({
          name: pod,
          message: `${at} localnet: no container runs on the localnet; this log is synthetic`,
        });
      }
    }
    return lines;
  }
}
