/**
 * L2: one service in its own deployment and lease — the common case, with good defaults (0.5 CPU, 512Mi memory,
 * 1Gi storage, priced in uact, cheapest acceptable bid).
 */
import { Construct } from "constructs";
import { AkashDeployment, type BidPolicyProps } from "./akash-deployment";
import type { PlacementSpec } from "./sdl-document";
import type { ServiceSpec } from "./service-spec";

export interface AkashServiceProps extends ServiceSpec {
  /** Service name inside the SDL (default: the construct id, lower-cased). */
  readonly serviceName?: string;
  readonly placement?: PlacementSpec;
  readonly bidPolicy?: BidPolicyProps;
  /** Escrow deposit, default `5000000uact`. */
  readonly deposit?: string;
}

export class AkashService extends Construct {
  readonly app: AkashDeployment;

  constructor(scope: Construct, id: string, props: AkashServiceProps) {
    super(scope, id);
    const { serviceName, placement, bidPolicy, deposit, ...service } = props;
    const name = serviceName ?? id.toLowerCase().replace(/[^a-z0-9-]/g, "-");
    this.app = new AkashDeployment(this, "app", {
      services: { [name]: service },
      placement,
      deposit,
      bidPolicies: bidPolicy ? { default: bidPolicy } : undefined,
    });
  }

  get url(): string {
    return this.app.url;
  }
  get uris(): string[] {
    return this.app.uris;
  }
  get provider(): string {
    return this.app.provider;
  }
  get price(): string {
    return this.app.price;
  }
  get dseq(): string {
    return this.app.deployment.dseq;
  }
  get owner(): string {
    return this.app.deployment.owner;
  }
}
