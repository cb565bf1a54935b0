/**
 * Typed descriptions of Akash services, in human units, from which the L2 constructs build the SDL. Values may be
 * CDKTF tokens (e.g. another service's URL in `env`).
 */

/** Sizes use Kubernetes-style suffixes: `512Mi`, `1Gi`, `100Gi` (powers of 1024) or `500M`, `1G` (powers of 1000). */
export type Size = string;

export interface PersistentVolume {
  /** Volume name (lower-case letters, digits, dashes). */
  readonly name: string;
  readonly size: Size;
  /** Absolute mount path inside the container, e.g. `/var/lib/postgresql/data`. */
  readonly mount: string;
  /** Storage class offered by providers: `beta1` (HDD), `beta2` (SSD), `beta3` (NVMe). Default `beta2`. */
  readonly class?: "default" | "beta1" | "beta2" | "beta3";
  readonly readOnly?: boolean;
}

export interface ExposeSpec {
  /** Container port. */
  readonly port: number;
  /** Port seen from outside; port 80 on a global HTTP endpoint gets an ingress hostname. Defaults to `port`. */
  readonly as?: number;
  /** Reachable from the internet (default true). When false, only `toServices` can reach it. */
  readonly global?: boolean;
  /** Other services of the same deployment that may connect. */
  readonly toServices?: string[];
  readonly proto?: "tcp" | "udp";
  /** Hostnames the ingress accepts besides the generated one. */
  readonly accept?: string[];
}

export interface GpuSpec {
  readonly units: number;
  /** NVIDIA models such as `a100`, `h100`, `rtx4090`; any model when omitted. */
  readonly models?: string[];
  /** Minimum GPU memory per unit, e.g. `80Gi`. */
  readonly ram?: Size;
}

export interface ServiceSpec {
  readonly image: string;
  readonly command?: string[];
  readonly args?: string[];
  /** Environment variables; values may be tokens. */
  readonly env?: Record<string, string>;
  /** CPU cores, e.g. 0.5 (default 0.5). */
  readonly cpu?: number;
  /** Default `512Mi`. */
  readonly memory?: Size;
  /** Ephemeral storage, default `1Gi`. */
  readonly storage?: Size;
  readonly volumes?: PersistentVolume[];
  readonly gpu?: GpuSpec;
  /** Ports to expose; default none. */
  readonly expose?: ExposeSpec[];
  /** Replicas, default 1. */
  readonly count?: number;
  /** Highest price per block and replica, in uact (the chain's pricing denom). Default 10000. */
  readonly maxPricePerBlock?: number;
}
