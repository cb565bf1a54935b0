/**
 * L2: an Akash deployment with one lease per group, from typed services or from a raw SDL. Thin over the generated
 * L1 `Deployment` and `Lease`: it builds the SDL, validates at synth time and wires the lease to the deployment.
 */
import { readFileSync } from "node:fs";
import { Fn, Token } from "cdktf";
import { Construct } from "constructs";
import { Deployment, Lease, type LeaseBidPolicy } from "./generated";
import { buildSdl, checkServices, type PlacementSpec } from "./sdl-document";
import type { ServiceSpec } from "./service-spec";

export interface BidPolicyProps {
  /** Highest acceptable price per block, in uact. Defaults to what the SDL offers (the chain never exceeds it). */
  readonly maxPricePerBlock?: number;
  readonly allowedProviders?: string[];
  readonly deniedProviders?: string[];
  /** Provider attributes that must match, e.g. `{ region: "us-west" }`. */
  readonly requiredAttributes?: Record<string, string>;
  readonly auditedBy?: string[];
  readonly gpuModels?: string[];
  /** `cheapest` (default), `first` or `preferred`. */
  readonly strategy?: "cheapest" | "first" | "preferred";
  readonly preferredProviders?: string[];
  /** How long to wait for an acceptable bid, e.g. `2m`. */
  readonly wait?: string;
}

export interface AkashDeploymentProps {
  /** Typed services (all in one group). Give either `services`, `sdl` or `sdlFile`. */
  readonly services?: Record<string, ServiceSpec>;
  /** A raw SDL document (YAML text), for users who already have one. */
  readonly sdl?: string;
  /** Path of an SDL file, read at synth time. */
  readonly sdlFile?: string;
  /** Group name for typed services (default `dcloud`). */
  readonly placementName?: string;
  /** Provider requirements written into the SDL for typed services. */
  readonly placement?: PlacementSpec;
  /** Escrow deposit, e.g. `5000000uact` (default). */
  readonly deposit?: string;
  /** Bid policy per group name; `default` applies to groups not listed. */
  readonly bidPolicies?: Record<string, BidPolicyProps>;
  /** Number of groups in a raw SDL (one lease each); typed services always make one group. Default 1. */
  readonly groupCount?: number;
}

function toL1Policy(p: BidPolicyProps | undefined): LeaseBidPolicy | undefined {
  if (!p) return undefined;
  return {
    maxPrice: p.maxPricePerBlock !== undefined ? { uact: String(p.maxPricePerBlock) } : undefined,
    allowedProviders: p.allowedProviders,
    deniedProviders: p.deniedProviders,
    requiredAttributes: p.requiredAttributes,
    auditedBy: p.auditedBy,
    gpuModels: p.gpuModels,
    strategy: p.strategy,
    preferredProviders: p.preferredProviders,
    wait: p.wait,
  };
}

export class AkashDeployment extends Construct {
  /** The L1 deployment resource. */
  readonly deployment: Deployment;
  /** One lease per group, in group order (gseq 1, 2, ...). */
  readonly leases: Lease[];

  constructor(scope: Construct, id: string, props: AkashDeploymentProps) {
    super(scope, id);
    const given = [props.services, props.sdl, props.sdlFile].filter((x) => x !== undefined).length;
    const placementName = props.placementName ?? "dcloud";
    let sdl = "";
    if (given !== 1) {
      this.node.addValidation({ validate: () => ["give exactly one of services, sdl or sdlFile"] });
    } else if (props.services) {
      const services = props.services;
      this.node.addValidation({ validate: () => checkServices(services, (s) => Token.isUnresolved(s)) });
      sdl = buildSdl(services, placementName, props.placement);
    } else if (props.sdlFile) {
      sdl = readFileSync(props.sdlFile, "utf8");
    } else {
      sdl = props.sdl!;
    }
    this.deployment = new Deployment(this, "deployment", { sdl, deposit: props.deposit });
    const groups = props.services ? 1 : (props.groupCount ?? 1);
    this.leases = [];
    for (let gseq = 1; gseq <= groups; gseq++) {
      const name = props.services ? placementName : `group-${gseq}`;
      const policy = props.bidPolicies?.[name] ?? props.bidPolicies?.default;
      this.leases.push(
        new Lease(this, groups === 1 ? "lease" : `lease-${gseq}`, {
          dseq: this.deployment.dseq,
          gseq,
          manifest: this.deployment.manifestJson,
          bidPolicy: toL1Policy(policy),
        }),
      );
    }
  }

  /** All ingress hostnames of the first group's lease (a token list). */
  get uris(): string[] {
    return this.leases[0]!.uris;
  }

  /** `http://<first ingress hostname>` of the first group (a token string usable in another service's env). */
  get url(): string {
    return `http://${Fn.element(this.leases[0]!.uris, 0)}`;
  }

  /** Address of the provider running the first group. */
  get provider(): string {
    return this.leases[0]!.providerAttribute;
  }

  /** Price per block of the first group's lease, e.g. `12.5uact`. */
  get price(): string {
    return this.leases[0]!.price;
  }
}
