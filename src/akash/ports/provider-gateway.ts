/**
 * The ProviderGateway port: talking to the provider that won a lease (manifest, status, logs). Plain types only.
 * Authentication (JWT signed by the owner's key, or mTLS) is the adapter's business.
 */
import type { LeaseId } from "./chain";

/** Where a provider's gateway is and who it must prove to be (its on-chain address). */
export interface ProviderEndpoint {
  /** Provider's on-chain `host_uri`, e.g. https://provider.example.com:8443. */
  hostUri: string;
  /** Provider's account address; the gateway's certificate must be issued to it. */
  address: string;
}

export interface ServiceStatus {
  name: string;
  available: number;
  total: number;
  /** Ingress hostnames (shared HTTP endpoints). */
  uris: string[];
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
}

export interface ForwardedPort {
  host: string;
  port: number;
  externalPort: number;
  proto: string;
  name: string;
}

export interface LeasedIp {
  ip: string;
  port: number;
  externalPort: number;
  protocol: string;
}

export interface LeaseStatus {
  services: Record<string, ServiceStatus>;
  forwardedPorts: Record<string, ForwardedPort[]>;
  ips: Record<string, LeasedIp[]>;
  errors: string[];
}

export interface LogLine {
  service: string;
  message: string;
}

export interface GatewayCallOptions {
  signal?: AbortSignal;
  /** Overall time budget (including retries). */
  timeoutMs?: number;
}

export interface ProviderGateway {
  /**
   * PUTs the manifest (the exact Go-sorted JSON text whose hash is on chain) for deployment `dseq`. Retries while
   * the provider has not yet seen the lease (404), within `timeoutMs`.
   */
  sendManifest(
    provider: ProviderEndpoint,
    dseq: bigint,
    manifestJson: string,
    options?: GatewayCallOptions,
  ): Promise<void>;
  /**
   * The manifest the provider runs for this lease: its group only, as a one-element manifest array (the JSON text
   * the provider served). Rejects with GatewayError "not-found" when the provider has no manifest for the lease.
   */
  leaseManifest(provider: ProviderEndpoint, lease: LeaseId, options?: GatewayCallOptions): Promise<string>;
  /** Current status of the lease's services; rejects with GatewayError "not-found" before a manifest was sent. */
  leaseStatus(provider: ProviderEndpoint, lease: LeaseId, options?: GatewayCallOptions): Promise<LeaseStatus>;
  /** Recent log lines (no follow). */
  serviceLogs?(
    provider: ProviderEndpoint,
    lease: LeaseId,
    options?: GatewayCallOptions & { services?: string[]; tail?: number },
  ): Promise<LogLine[]>;
}
