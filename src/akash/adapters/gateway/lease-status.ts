/**
 * `GET /lease/{dseq}/{gseq}/{oseq}/status` body → LeaseStatus. The provider's Go types give forwarded ports
 * camelCase keys and leased IPs capitalised keys (no JSON tags); missing maps come as null.
 */
import { GatewayError } from "../../ports/errors";
import type { ForwardedPort, LeasedIp, LeaseStatus, ServiceStatus } from "../../ports/provider-gateway";

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const num = (v: unknown): number => (typeof v === "number" ? v : typeof v === "string" ? Number(v) || 0 : 0);
const str = (v: unknown): string =>
  typeof v === "string" ? v : v === undefined || v === null ? "" : String(v);

function service(name: string, raw: unknown): ServiceStatus {
  const s = obj(raw);
  return {
    name: str(s.name) || name,
    available: num(s.available),
    total: num(s.total),
    uris: arr(s.uris).map(str),
    observedGeneration: num(s.observed_generation),
    replicas: num(s.replicas),
    updatedReplicas: num(s.updated_replicas),
    readyReplicas: num(s.ready_replicas),
    availableReplicas: num(s.available_replicas),
  };
}

function forwardedPort(raw: unknown): ForwardedPort {
  const p = obj(raw);
  return {
    host: str(p.host),
    port: num(p.port),
    externalPort: num(p.externalPort),
    proto: str(p.proto),
    name: str(p.name),
  };
}

function leasedIp(raw: unknown): LeasedIp {
  const p = obj(raw);
  return {
    ip: str(p.IP ?? p.ip),
    port: num(p.Port ?? p.port),
    externalPort: num(p.ExternalPort ?? p.externalPort),
    protocol: str(p.Protocol ?? p.protocol),
  };
}

function mapOf<T>(raw: unknown, each: (name: string, value: unknown) => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [name, value] of Object.entries(obj(raw))) out[name] = each(name, value);
  return out;
}

export function parseLeaseStatus(body: string): LeaseStatus {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new GatewayError(
      "bad-response",
      "The provider's lease status is not JSON.",
      200,
      body.slice(0, 200),
    );
  }
  const root = obj(parsed);
  return {
    services: mapOf(root.services, service),
    forwardedPorts: mapOf(root.forwarded_ports, (_n, v) => arr(v).map(forwardedPort)),
    ips: mapOf(root.ips, (_n, v) => arr(v).map(leasedIp)),
    errors: arr(root.errors).map(str),
  };
}
