/** The lease's services as the provider reports them (waiting until they run: rollout-wait.ts). */
import type { LeaseStatus } from "../../akash/ports/provider-gateway";
import type { LeaseState, LeaseStatusModel } from "./lease-schema";

const byName = (a: string, b: string) => a.localeCompare(b);

/** Status attributes in a stable order (services by name, endpoints by service). */
export function statusAttributes(status: LeaseStatus | undefined): LeaseStatusModel {
  if (!status) return { services: [], uris: [], forwarded_ports: [], ips: [] };
  const services = Object.values(status.services)
    .sort((a, b) => byName(a.name, b.name))
    .map((s) => ({
      name: s.name,
      available: s.available,
      total: s.total,
      uris: s.uris,
      replicas: s.replicas,
    }));
  const forwarded = Object.entries(status.forwardedPorts)
    .sort(([a], [b]) => byName(a, b))
    .flatMap(([service, ports]) =>
      ports.map((p) => ({
        service,
        host: p.host,
        port: p.port,
        external_port: p.externalPort,
        proto: p.proto,
      })),
    );
  const ips = Object.entries(status.ips)
    .sort(([a], [b]) => byName(a, b))
    .flatMap(([service, list]) =>
      list.map((i) => ({
        service,
        ip: i.ip,
        port: i.port,
        external_port: i.externalPort,
        protocol: i.protocol,
      })),
    );
  return { services, uris: services.flatMap((s) => s.uris), forwarded_ports: forwarded, ips };
}

/** The status attributes kept from an earlier state (when the lease is not touched). */
export function priorStatus(prior: LeaseState): LeaseStatusModel & Pick<LeaseState, "state"> {
  return {
    state: prior.state,
    services: prior.services,
    uris: prior.uris,
    forwarded_ports: prior.forwarded_ports,
    ips: prior.ips,
  };
}
