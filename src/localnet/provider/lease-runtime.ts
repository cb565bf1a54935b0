/**
 * The provider's "cluster", without containers: which manifest group runs for each lease, how each service's pods
 * roll out (workload.ts: pods become available after a start-up time, updates replace them one at a time, images
 * that cannot be pulled never start), and the status a real provider would report from that (replica counts and
 * generations, ingress URIs under the localnet domain, forwarded ports for random-port endpoints, leased IPs).
 * Persisted to a JSON file so a restarted localnet still serves its leases.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { leaseNamespace, serviceEvents, type LeaseEvent } from "./kube-events";
import type { ManifestGroup, ManifestService } from "./manifest";
import { isIngress } from "./manifest-validation";
import {
  nextRollout,
  podTemplate,
  replicaCounts,
  servicePods,
  type Pod,
  type ServiceRollout,
} from "./workload";

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
  /** How many manifests the lease has run. */
  generation: number;
  /** When the current manifest was applied (ms since epoch). */
  appliedAt: number;
  /** Each service's Kubernetes Deployment generation and rollout. */
  rollouts: Record<string, ServiceRollout>;
}

/** What the cluster does with pods, asked when they start (pod start time) and whenever status is read (pulls). */
export interface ClusterBehaviour {
  /** Time a new pod needs to become available (ms). */
  podStartMs(): number;
  /** Whether pulling this image fails right now. */
  imageFails(image: string): boolean;
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

/** State saved before rollouts were kept: every service counts as fully rolled out. */
function withRollouts(d: Omit<Deployed, "rollouts"> & { rollouts?: Deployed["rollouts"] }): Deployed {
  if (d.rollouts !== undefined) return d as Deployed;
  const rollouts: Deployed["rollouts"] = {};
  for (const service of d.group.services ?? []) {
    rollouts[service.name] = {
      generation: 1,
      since: d.appliedAt,
      podStartMs: 0,
      template: podTemplate(service),
    };
  }
  return { ...d, rollouts };
}

export class LeaseRuntime {
  private readonly deployed = new Map<string, Deployed>();

  constructor(
    private readonly hostname: string,
    private readonly cluster: ClusterBehaviour,
    private readonly stateFile?: string,
  ) {
    if (stateFile !== undefined) {
      try {
        const saved = JSON.parse(readFileSync(stateFile, "utf8")) as Deployed[];
        for (const d of saved) this.deployed.set(leaseKeyString(d.lease), withRollouts(d));
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

  /** Run (or replace) the manifest group of a lease; services whose pod template changed start a rollout. */
  apply(lease: LeaseKey, group: ManifestGroup, now: number): void {
    const key = leaseKeyString(lease);
    const previous = this.deployed.get(key);
    const podStartMs = this.cluster.podStartMs();
    const rollouts: Deployed["rollouts"] = {};
    for (const service of group.services ?? []) {
      const before = previous?.group.services?.find((s) => s.name === service.name);
      rollouts[service.name] = nextRollout(
        service,
        previous?.rollouts[service.name],
        before?.image,
        now,
        podStartMs,
      );
    }
    this.deployed.set(key, {
      lease,
      group,
      generation: (previous?.generation ?? 0) + 1,
      appliedAt: now,
      rollouts,
    });
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

  private pods(d: Deployed, service: ManifestService, now: number): Pod[] {
    const rollout = d.rollouts[service.name] as ServiceRollout;
    return servicePods(leaseKeyString(d.lease), service, rollout, now, (image) =>
      this.cluster.imageFails(image),
    );
  }

  private serviceStatus(d: Deployed, service: ManifestService, now: number): ServiceStatus {
    const counts = replicaCounts(this.pods(d, service, now), now);
    const ingress = (service.expose ?? []).filter(isIngress);
    const uris =
      ingress.length === 0
        ? null
        : [ingressHost(d.lease, service.name), ...ingress.flatMap((e) => e.hosts ?? [])].filter(
            (h, i, all) => all.indexOf(h) === i,
          );
    return {
      name: service.name,
      available: counts.ready,
      total: counts.replicas,
      uris,
      // The deployment controller observes a new spec at once; the pods follow.
      observed_generation: (d.rollouts[service.name] as ServiceRollout).generation,
      replicas: counts.replicas,
      updated_replicas: counts.updated,
      ready_replicas: counts.ready,
      available_replicas: counts.ready,
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

  /** Synthetic container log lines of the running pods of `services` (all when empty). */
  logLines(
    lease: LeaseKey,
    services: string[],
    now: number,
  ): { name: string; message: string }[] | undefined {
    const d = this.deployed.get(leaseKeyString(lease));
    if (d === undefined) return undefined;
    const lines: { name: string; message: string }[] = [];
    for (const service of d.group.services ?? []) {
      if (services.length > 0 && !services.includes(service.name)) continue;
      for (const pod of this.pods(d, service, now)) {
        if (pod.readyAt === undefined || pod.readyAt > now) continue;
        const at = new Date(pod.readyAt).toISOString();
        lines.push({
          name: pod.name,
          message: `${at} localnet: started container ${service.name} from image ${pod.image}`,
        });
        lines.push({
          name: pod.name,
          message: `${at} localnet: no container runs on the localnet; this log is synthetic`,
        });
      }
    }
    return lines;
  }

  /** The Kubernetes events of the lease's namespace so far (`services` filters; all when empty). */
  events(lease: LeaseKey, provider: string, services: string[], now: number): LeaseEvent[] | undefined {
    const d = this.deployed.get(leaseKeyString(lease));
    if (d === undefined) return undefined;
    const where = { lease: leaseKeyString(d.lease), namespace: leaseNamespace(d.lease, provider) };
    return (d.group.services ?? [])
      .filter((service) => services.length === 0 || services.includes(service.name))
      .flatMap((service) =>
        serviceEvents(
          where,
          service,
          d.rollouts[service.name] as ServiceRollout,
          this.pods(d, service, now),
          now,
        ),
      );
  }
}
