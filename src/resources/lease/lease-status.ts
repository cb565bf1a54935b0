/** The lease's services as the provider reports them, and waiting until they run. */
import type { AkashPorts } from "../../akash/ports/akash-ports";
import type { LeaseId } from "../../akash/ports/chain";
import { isGatewayError } from "../../akash/ports/errors";
import type { LeaseStatus, ProviderEndpoint, ProviderGateway } from "../../akash/ports/provider-gateway";
import type { OperationContext } from "../../framework/resource";
import type { LeaseState, LeaseStatusModel } from "./lease-schema";

const POLL_MS = 1000;

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

/** Waits until every service reports all replicas available; returns the last status. */
export async function waitUntilRunning(
  ports: Pick<AkashPorts, "clock">,
  gateway: ProviderGateway,
  endpoint: ProviderEndpoint,
  lease: LeaseId,
  ctx: OperationContext,
): Promise<LeaseStatus> {
  for (;;) {
    ctx.signal.throwIfAborted();
    try {
      const status = await gateway.leaseStatus(endpoint, lease, { signal: ctx.signal });
      const services = Object.values(status.services);
      if (services.length > 0 && services.every((s) => s.total > 0 && s.available >= s.total)) return status;
    } catch (error) {
      if (!isGatewayError(error, "not-found")) throw error;
    }
    await ports.clock.sleep(POLL_MS, ctx.signal);
  }
}
