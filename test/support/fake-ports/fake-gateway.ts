/**
 * A ProviderGateway for every provider of a FakeLedger: it keeps the manifests sent to it, reports every service
 * of a lease's group as running (after `pendingPolls` status polls) with a generation that grows with each send,
 * serves the group it runs back, and answers `GET /version` with today's providers' build unless told otherwise.
 * `failNext` makes the next call of one operation fail.
 */
import type { LeaseId } from "../../../src/akash/ports/chain";
import { GatewayError } from "../../../src/akash/ports/errors";
import { manifestCapability } from "../../../src/akash/ports/manifest-compatibility";
import type {
  ForwardedPort,
  LeasedIp,
  LeaseEvent,
  LeaseStatus,
  ProviderEndpoint,
  ProviderGateway,
  ProviderVersion,
  SendManifestOptions,
  ServiceStatus,
} from "../../../src/akash/ports/provider-gateway";
import { TODAYS_PROVIDERS_CHAIN_SDK } from "../../../src/resources/lease/manifest-support";
import type { FakeLedger } from "./fake-ledger";

type GatewayOperation = "sendManifest" | "leaseManifest" | "leaseStatus" | "providerVersion" | "leaseEvents";

export interface ManifestSend {
  provider: string;
  dseq: bigint;
  manifest: string;
  afterUpdate: boolean;
}

interface ManifestGroupJson {
  name: string;
  services: { name: string; count?: number }[];
}

const leaseKey = (id: LeaseId) => `${id.owner}/${id.dseq}/${id.gseq}/${id.oseq}/${id.provider}`;

export class FakeGateway implements ProviderGateway {
  readonly sends: ManifestSend[] = [];
  /** Status polls that still report the services as starting (0 available), for every lease. */
  pendingPolls = 0;
  /** Kubernetes events per lease (key: owner/dseq/gseq/oseq/provider). */
  readonly events = new Map<string, LeaseEvent[]>();
  /** `GET /version` answers per provider address; absent: today's providers' build. */
  readonly versions = new Map<string, ProviderVersion>();
  /** What a provider serves as the lease's manifest, overriding what it was sent. */
  readonly served = new Map<string, string>();
  statusPolls = 0;
  /** Forwarded ports and leased IPs every lease status reports, per service. */
  forwardedPorts: Record<string, ForwardedPort[]> = {};
  leasedIps: Record<string, LeasedIp[]> = {};
  private readonly manifests = new Map<string, string>();
  private readonly generations = new Map<string, number>();
  private readonly failures = new Map<GatewayOperation, Error[]>();

  constructor(private readonly ledger: FakeLedger) {}

  failNext(operation: GatewayOperation, error: Error): void {
    this.failures.set(operation, [...(this.failures.get(operation) ?? []), error]);
  }

  eventsFor(lease: LeaseId, events: LeaseEvent[]): void {
    this.events.set(leaseKey(lease), events);
  }

  /** The manifest a provider holds for a deployment, as if it had been sent earlier. */
  holds(provider: string, dseq: bigint, manifest: string): void {
    this.manifests.set(`${provider}/${dseq}`, manifest);
    this.generations.set(`${provider}/${dseq}`, 1);
  }

  private async enter(operation: GatewayOperation, endpoint: ProviderEndpoint): Promise<void> {
    await Promise.resolve();
    const error = this.failures.get(operation)?.shift();
    if (error) throw error;
    const provider = this.ledger.providers.find((p) => p.owner === endpoint.address);
    if (!provider || provider.hostUri !== endpoint.hostUri)
      throw new GatewayError("unreachable", `Provider ${endpoint.hostUri} is not reachable.`);
  }

  async sendManifest(
    endpoint: ProviderEndpoint,
    dseq: bigint,
    manifestJson: string,
    options?: SendManifestOptions,
  ): Promise<void> {
    await this.enter("sendManifest", endpoint);
    const key = `${endpoint.address}/${dseq}`;
    this.manifests.set(key, manifestJson);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    this.sends.push({
      provider: endpoint.address,
      dseq,
      manifest: manifestJson,
      afterUpdate: !!options?.afterUpdate,
    });
  }

  private groupOf(lease: LeaseId): ManifestGroupJson | undefined {
    const manifest = this.manifests.get(`${lease.provider}/${lease.dseq}`);
    if (manifest === undefined) return undefined;
    const groups = JSON.parse(manifest) as ManifestGroupJson[];
    return groups[lease.gseq - 1];
  }

  async leaseManifest(endpoint: ProviderEndpoint, lease: LeaseId): Promise<string> {
    await this.enter("leaseManifest", endpoint);
    const served = this.served.get(leaseKey(lease));
    if (served !== undefined) return served;
    const group = this.groupOf(lease);
    if (!group) throw new GatewayError("not-found", "The provider has no manifest for this lease.", 404);
    return JSON.stringify([group]);
  }

  async leaseStatus(endpoint: ProviderEndpoint, lease: LeaseId): Promise<LeaseStatus> {
    await this.enter("leaseStatus", endpoint);
    const group = this.groupOf(lease);
    if (!group) throw new GatewayError("not-found", "The provider does not know the lease.", 404);
    this.statusPolls++;
    const starting = this.pendingPolls > 0;
    if (starting) this.pendingPolls--;
    const generation = this.generations.get(`${lease.provider}/${lease.dseq}`) ?? 1;
    const services: Record<string, ServiceStatus> = {};
    for (const service of group.services) {
      const count = service.count ?? 1;
      const ready = starting ? 0 : count;
      services[service.name] = {
        name: service.name,
        available: ready,
        total: count,
        uris: [`${service.name}.${lease.dseq}.ingress.test`],
        observedGeneration: generation,
        replicas: count,
        updatedReplicas: ready,
        readyReplicas: ready,
        availableReplicas: ready,
      };
    }
    return { services, forwardedPorts: this.forwardedPorts, ips: this.leasedIps, errors: [] };
  }

  async providerVersion(endpoint: ProviderEndpoint): Promise<ProviderVersion> {
    await this.enter("providerVersion", endpoint);
    return (
      this.versions.get(endpoint.address) ?? {
        version: "v0.14.1",
        commit: "fake",
        cosmosSdk: "v0.53.0",
        manifest: manifestCapability(TODAYS_PROVIDERS_CHAIN_SDK),
      }
    );
  }

  async leaseEvents(endpoint: ProviderEndpoint, lease: LeaseId): Promise<LeaseEvent[]> {
    await this.enter("leaseEvents", endpoint);
    return this.events.get(leaseKey(lease)) ?? [];
  }
}
