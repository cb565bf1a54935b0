/**
 * Typed descriptions of Akash services, in human units, from which the L2 constructs build the SDL. String values
 * may be CDKTF tokens (e.g. another deployment's URL in `env`): terraform fills them in at apply time.
 */

/** Sizes use Kubernetes-style suffixes: `512Mi`, `1Gi`, `100Gi` (powers of 1024) or `500M`, `1G` (powers of 1000). */
export type Size = string;

/** Storage classes providers offer for persistent volumes. */
export type StorageClass = "default" | "beta1" | "beta2" | "beta3";

export interface PersistentVolume {
  /** Volume name, unique within the service (lower-case letters, digits and dashes). */
  readonly name: string;
  /** Capacity, e.g. `10Gi`. */
  readonly size: Size;
  /** Absolute mount path inside the container, e.g. `/var/lib/postgresql/data`. */
  readonly mount: string;
  /** Storage class: `beta1` (HDD), `beta2` (SSD), `beta3` (NVMe). Default `beta2`, the most widely offered. */
  readonly class?: StorageClass;
  /** Mount read-only. Default false. */
  readonly readOnly?: boolean;
}

export interface ExposeSpec {
  /** Container port the service listens on. */
  readonly port: number;
  /**
   * Port seen from outside. A global HTTP expose on 80 gets an ingress hostname (see `uris`); any other global
   * port is forwarded to a random port on the provider (see `forwardedPort`). Defaults to `port`.
   */
  readonly as?: number;
  /** Reachable from the internet. Default true; when false, only `toServices` can connect. */
  readonly global?: boolean;
  /** Other services of the same deployment that may connect to this port. Default none. */
  readonly toServices?: string[];
  /** Transport protocol. Default `tcp`. */
  readonly proto?: "tcp" | "udp";
  /** Extra hostnames the ingress accepts (your own domains, pointed at the provider). Default none. */
  readonly accept?: string[];
}

/** One acceptable GPU model, optionally pinned to a memory size or interface (e.g. the 80Gi A100). */
export interface GpuModelSpec {
  /** NVIDIA model name as providers advertise it, e.g. `a100`, `h100`, `rtx4090`. */
  readonly model: string;
  /** GPU memory of the variant, e.g. `80Gi`. Default: any variant. */
  readonly ram?: Size;
  /** `pcie` or `sxm`. Default: either. */
  readonly interface?: "pcie" | "sxm";
}

export interface GpuSpec {
  /** Number of GPUs per replica (a positive integer). */
  readonly units: number;
  /** Acceptable NVIDIA models (names or detailed specs). Default: any NVIDIA GPU. */
  readonly models?: (string | GpuModelSpec)[];
  /** GPU memory required of every listed model given by name, e.g. `80Gi`. Default: any. */
  readonly ram?: Size;
}

export interface ServiceSpec {
  /** Container image, e.g. `nginx:1.27`. Pin a tag: providers pull what the tag points to at deploy time. */
  readonly image: string;
  /** Replaces the image's entrypoint. Default: the image's own. */
  readonly command?: string[];
  /** Arguments to the entrypoint. Default: the image's own. */
  readonly args?: string[];
  /** Environment variables; values may be tokens (e.g. another service's `url`). Default none. */
  readonly env?: Record<string, string>;
  /** CPU cores per replica, e.g. 0.5. Default 0.5. */
  readonly cpu?: number;
  /** Memory per replica. Default `512Mi`. */
  readonly memory?: Size;
  /** Ephemeral (container) storage per replica, lost on restart. Default `1Gi`. */
  readonly storage?: Size;
  /** Persistent volumes, kept across restarts for the life of the lease. Default none. */
  readonly volumes?: PersistentVolume[];
  /** GPUs per replica. Default none. */
  readonly gpu?: GpuSpec;
  /** Ports to expose. Default none (the service is unreachable). */
  readonly expose?: ExposeSpec[];
  /** Replicas. Default 1. */
  readonly count?: number;
  /**
   * Highest price per block and replica, in uact (the chain's pricing denom since v2.0.0); bids above it are
   * never made. Default 10000 uact — generous for CPU services, raise it for GPUs.
   */
  readonly maxPricePerBlock?: number;
  /**
   * Placement group (one lease, so one provider, per group). Services of a group always share a provider.
   * Default: the deployment's default group (`dcloud`).
   */
  readonly group?: string;
}
