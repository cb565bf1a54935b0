/**
 * The ProviderGateway port: talking to the provider that won a lease (manifest, status, logs). Plain types only.
 * Authentication (JWT signed by the owner's key, or mTLS) is the adapter's business.
 */
import type { LeaseId } from "./chain";
import type { ManifestCapability } from "./manifest-compatibility";

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
  /** The Kubernetes Deployment generation the provider has seen: it grows when a new manifest changes the service. */
  observedGeneration: number;
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

export interface SendManifestOptions extends GatewayCallOptions {
  /**
   * For a manifest sent right after MsgUpdateDeployment: the provider's view of the deployment hash lags (cached up
   * to 5 s, or until its node's update event), so it may answer 422 "manifest version validation failed" for the
   * new manifest. With this set, the send waits `initialWaitMs` first (Console waits 5 s) and retries exactly that
   * 422 for up to `retryForMs`; any other 422 is final.
   */
  afterUpdate?: { initialWaitMs?: number; retryForMs?: number };
}

/** `GET /version` of a provider: its build and what its manifest types keep. */
export interface ProviderVersion {
  /** provider-services version, e.g. "v0.14.1-rc1". */
  version: string;
  commit: string;
  /** Cosmos SDK version it was built with. */
  cosmosSdk: string;
  /** Kubernetes version of its cluster (gitVersion), when reported. */
  kubernetes?: string;
  /** Which 2026 manifest fields it keeps, from its chain-sdk go version (in `build_deps`). */
  manifest: ManifestCapability;
}

/** One Kubernetes event of the lease's namespace (`GET /lease/.../kubeevents`). */
export interface LeaseEvent {
  type: string;
  reason: string;
  note: string;
  reportingController: string;
  reportingInstance: string;
  object: { kind: string; namespace: string; name: string };
}

/** A live WebSocket stream of a lease: its logs (`{name, message}` frames) or its kube events. */
export interface LeaseStreamRequest {
  kind: "logs" | "events";
  follow: boolean;
  services?: string[];
  /** Logs only: the last N lines before following; undefined = all the provider keeps. */
  tail?: number;
  signal?: AbortSignal;
  /** Called once the provider accepted the stream. */
  onOpen?: () => void;
  /** Each log line, in order (kind "logs"). */
  onLog?: (line: LogLine) => void;
  /** Each event, in order (kind "events"); `key` is the same for the same event sent again on a new stream. */
  onEvent?: (event: LeaseEvent, key: string) => void;
}

/** How a stream ended: the WebSocket close code (1000 normal, 1006 cut without a close frame, 4xxx provider's). */
export interface LeaseStreamEnd {
  code: number;
  reason: string;
}

/** `GET /lease/.../shell`: a command in one replica of a service. */
export interface ShellRequest {
  service: string;
  command: string[];
  tty: boolean;
  /** Whether stdin is forwarded. */
  stdin: boolean;
  podIndex?: number;
  signal?: AbortSignal;
  onStdout: (data: Uint8Array) => void;
  onStderr: (data: Uint8Array) => void;
}

/** The end of a shell: the remote exit code, or the provider's reason it could not run the command. */
export interface ShellResult {
  /** Undefined when the provider sent no result (the stream was cut or failed). */
  exitCode?: number;
  /** The provider's message with the result (e.g. "service web not found"). */
  message?: string;
  /** The text of a failure frame (code 103). */
  failure?: string;
  closeCode: number;
}

export interface ShellSession {
  sendStdin(data: Uint8Array): void;
  resize(columns: number, rows: number): void;
  /** Settles when the provider closes the shell. */
  readonly result: Promise<ShellResult>;
  close(): void;
}

export interface ProviderGateway {
  /**
   * PUTs the manifest (the exact Go-sorted JSON text whose hash is on chain) for deployment `dseq`. Retries while
   * the provider has not yet seen the lease (404), within `timeoutMs`; see `afterUpdate` for the hash lag.
   */
  sendManifest(
    provider: ProviderEndpoint,
    dseq: bigint,
    manifestJson: string,
    options?: SendManifestOptions,
  ): Promise<void>;
  /**
   * The manifest the provider runs for this lease: its group only, as a one-element manifest array (the JSON text
   * the provider served). Rejects with GatewayError "not-found" when the provider has no manifest for the lease.
   */
  leaseManifest(provider: ProviderEndpoint, lease: LeaseId, options?: GatewayCallOptions): Promise<string>;
  /** Current status of the lease's services; rejects with GatewayError "not-found" before a manifest was sent. */
  leaseStatus(provider: ProviderEndpoint, lease: LeaseId, options?: GatewayCallOptions): Promise<LeaseStatus>;
  /** The provider's software version (public route, no credentials needed). */
  providerVersion(provider: ProviderEndpoint, options?: GatewayCallOptions): Promise<ProviderVersion>;
  /**
   * The Kubernetes events the provider has for the lease (scheduling, image pulls, container starts, back-offs),
   * oldest first: what is there when asked, read within `timeoutMs`. Says why a workload is not ready, e.g. an image
   * that cannot be pulled. Rejects with GatewayError "not-found" before a manifest was sent.
   */
  leaseEvents(
    provider: ProviderEndpoint,
    lease: LeaseId,
    options?: GatewayCallOptions & { services?: string[] },
  ): Promise<LeaseEvent[]>;
  /** Recent log lines (no follow). */
  serviceLogs?(
    provider: ProviderEndpoint,
    lease: LeaseId,
    options?: GatewayCallOptions & { services?: string[]; tail?: number },
  ): Promise<LogLine[]>;
  /**
   * Streams a lease's logs or events until the provider closes the stream (resolves with how it ended) or `signal`
   * aborts (resolves with 1000). Rejects with GatewayError when the stream cannot be opened (refused, unreachable).
   */
  streamLease?(
    provider: ProviderEndpoint,
    lease: LeaseId,
    request: LeaseStreamRequest,
  ): Promise<LeaseStreamEnd>;
  /** Opens a shell; rejects with GatewayError when the provider refuses it. */
  openShell?(provider: ProviderEndpoint, lease: LeaseId, request: ShellRequest): Promise<ShellSession>;
}
