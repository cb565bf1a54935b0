/**
 * L2: one service in its own deployment and lease — the common case, with good defaults (0.5 CPU, 512Mi memory,
 * 1Gi storage, priced in uact, cheapest acceptable bid, 5 ACT escrow).
 */
import type { ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { AkashDeployment } from "./akash-deployment";
import type { BidPolicyProps } from "./bid-policy-props";
import type { LeaseLeasedResourcesList, LeaseTimeouts } from "./generated";
import type { ForwardedPort } from "./lease-endpoints";
import type { PlacementSpec } from "./sdl-document";
import type { ServiceSpec } from "./service-spec";

export interface AkashServiceProps extends Omit<ServiceSpec, "group"> {
  /** Service name inside the SDL. Default: the construct id, lower-cased, other characters turned into dashes. */
  readonly serviceName?: string;
  /** Provider requirements written into the SDL (checked on chain). Default: any provider. */
  readonly placement?: PlacementSpec;
  /** Which bid wins. Default: the cheapest bid within `maxPricePerBlock`. */
  readonly bidPolicy?: BidPolicyProps;
  /** Escrow deposit as a coin. Default `5000000uact`. */
  readonly deposit?: string;
  /** How long lease creation may take, e.g. `{ create: "10m" }`. */
  readonly leaseTimeouts?: LeaseTimeouts;
  /** Resources that must exist first, e.g. the grants funding a CI key. Default none. */
  readonly dependsOn?: ITerraformDependable[];
  /** The provider to deploy with (e.g. an aliased `AkashProvider`). Default: the stack's. */
  readonly provider?: TerraformProvider;
}

/** `My_Web` → `my-web`: a valid SDL service name from a construct id. */
export function serviceNameFromId(id: string): string {
  const name = id
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .replace(/-+$/, "");
  return name === "" ? "app" : name;
}

export class AkashService extends Construct {
  /** The deployment (and its one lease) holding the service. */
  readonly app: AkashDeployment;
  /** The service's name in the SDL. */
  readonly serviceName: string;

  constructor(scope: Construct, id: string, props: AkashServiceProps) {
    super(scope, id);
    const { serviceName, placement, bidPolicy, deposit, leaseTimeouts, dependsOn, provider, ...service } =
      props;
    this.serviceName = serviceName ?? serviceNameFromId(id);
    this.app = new AkashDeployment(this, "app", {
      services: { [this.serviceName]: service },
      placement,
      deposit,
      bidPolicy,
      leaseTimeouts,
      dependsOn,
      provider,
    });
  }

  /** `http://<ingress hostname>` (token): needs an expose with `as: 80` (the default for `port: 80`). */
  get url(): string {
    return this.app.url;
  }
  /** Ingress hostnames (token list). */
  get uris(): string[] {
    return this.app.uris;
  }
  /** Address of the provider running the service (token). */
  get provider(): string {
    return this.app.provider;
  }
  /** What the winning bid offered (one entry): `.get(0).gpuModel` is the GPU actually leased (token). */
  get leasedResources(): LeaseLeasedResourcesList {
    return this.app.leasedResources;
  }
  /** Price per block, e.g. `12.5uact` (token). */
  get price(): string {
    return this.app.price;
  }
  /** Deployment sequence number (token). */
  get dseq(): string {
    return this.app.dseq;
  }
  /** Owner address (token). */
  get owner(): string {
    return this.app.owner;
  }
  /** Where the global non-HTTP container `port` is reachable (host and random external port, as tokens). */
  forwardedPort(port: number): ForwardedPort {
    return this.app.forwardedPort(this.serviceName, port);
  }
}
