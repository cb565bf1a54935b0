/**
 * L2: an Akash deployment with one lease per group, from typed services or from a raw SDL. Thin over the generated
 * L1 `Deployment` and `Lease`: it builds the SDL, checks it at synth time with the provider's own SDL compiler,
 * creates one lease per group with its bid policy, and exposes URLs and forwarded ports as tokens.
 */
import { readFileSync } from "node:fs";
import { Annotations, Token, type ITerraformDependable, type TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { checkBidPolicy, toLeaseBidPolicy, type BidPolicyProps } from "./bid-policy-props";
import { Deployment, Lease, type LeaseLeasedResourcesList, type LeaseTimeouts } from "./generated";
import { firstUrl, forwardedPortOf, serviceUrisOf, type ForwardedPort } from "./lease-endpoints";
import {
  buildSdl,
  checkServices,
  DEFAULT_GROUP,
  groupsOf,
  sdlJson,
  type PlacementSpec,
} from "./sdl-document";
import { terraformText } from "./terraform-text";
import { checkSdl } from "./sdl-check";
import type { ServiceSpec } from "./service-spec";

/** Default escrow deposit: 5 ACT, the chain's minimum deposit for uact-priced deployments. */
export const DEFAULT_DEPOSIT = "5000000uact";

export interface AkashDeploymentProps {
  /** Names the deployment within its stack on chain (crash recovery). Default: this construct's path. */
  readonly createKey?: string;
  /** Typed services; the SDL is built from them. Give exactly one of `services`, `sdl` or `sdlFile`. */
  readonly services?: Record<string, ServiceSpec>;
  /** A raw SDL document (YAML text), for users who already have one. */
  readonly sdl?: string;
  /** Path of an SDL file, read at synth time. */
  readonly sdlFile?: string;
  /** Group of typed services that name none (`ServiceSpec.group`). Default `dcloud`. */
  readonly defaultGroup?: string;
  /** Provider requirements of the default group (typed services). Default: any provider. */
  readonly placement?: PlacementSpec;
  /** Provider requirements per group name (typed services). Default: any provider. */
  readonly placements?: Record<string, PlacementSpec>;
  /** Escrow deposit as a coin, e.g. `5000000uact` (the default). Raising it later tops the escrow up in place. */
  readonly deposit?: string;
  /** Bid policy of every group not listed in `bidPolicies`. Default: cheapest bid within the SDL's pricing. */
  readonly bidPolicy?: BidPolicyProps;
  /** Bid policy per group name (`"1"`, `"2"`… for an `sdl` given as a token). */
  readonly bidPolicies?: Record<string, BidPolicyProps>;
  /**
   * Number of groups of an `sdl` given as a token (e.g. read from another resource), whose groups cannot be
   * counted at synth time. Default 1. Ignored otherwise: the SDL's groups are read from the SDL itself.
   */
  readonly groupCount?: number;
  /** How long lease creation (bids, manifest, services starting) may take, e.g. `{ create: "10m" }`. */
  readonly leaseTimeouts?: LeaseTimeouts;
  /** Resources that must exist first, e.g. the grants funding a CI key. Default none. */
  readonly dependsOn?: ITerraformDependable[];
  /** The provider to deploy with (e.g. an aliased `AkashProvider`). Default: the stack's. */
  readonly provider?: TerraformProvider;
}

const COIN = /^\d+(uact|uakt)$/;

function sdlText(props: AkashDeploymentProps): string {
  if (props.sdlFile !== undefined) {
    try {
      return readFileSync(props.sdlFile, "utf8");
    } catch (error) {
      throw new Error(`AkashDeployment: cannot read sdlFile ${props.sdlFile}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return props.sdl ?? "";
}

export class AkashDeployment extends Construct {
  /** The L1 deployment resource. */
  readonly deployment: Deployment;
  /** One lease per group, in gseq order. */
  readonly leases: Lease[];
  /** Group names in gseq order (`"1"`, `"2"`… when the SDL is a token whose groups cannot be read). */
  readonly groups: string[];
  /** The SDL as synthesized for terraform: references are live, literal `${` is escaped as `$${`. */
  readonly sdl: string;
  private readonly serviceGroups = new Map<string, string>();
  private readonly typedServices?: Record<string, ServiceSpec>;

  constructor(scope: Construct, id: string, props: AkashDeploymentProps) {
    super(scope, id);
    const given = [props.services, props.sdl, props.sdlFile].filter((x) => x !== undefined).length;
    const defaultGroup = props.defaultGroup ?? DEFAULT_GROUP;
    const problems: string[] = [];
    const warnings: string[] = [];
    let groups: string[] | undefined;
    if (given !== 1) {
      problems.push(`give exactly one of services, sdl or sdlFile (got ${given})`);
      this.sdl = "";
    } else if (props.services) {
      const services = props.services;
      this.typedServices = services;
      const layout = {
        defaultGroup,
        placements: { ...(props.placement ? { [defaultGroup]: props.placement } : {}), ...props.placements },
      };
      const serviceProblems = checkServices(services, layout, (s) => Token.isUnresolved(s));
      problems.push(...serviceProblems);
      this.sdl = buildSdl(services, layout);
      // Only compile what is well-formed: the typed checks above say it better than the compiler would.
      const compiled =
        serviceProblems.length === 0 ? checkSdl(sdlJson(services, layout)) : { problems: [], warnings: [] };
      problems.push(...compiled.problems);
      warnings.push(...compiled.warnings);
      groups = compiled.groups ?? groupsOf(services, defaultGroup);
      for (const [name, spec] of Object.entries(services))
        this.serviceGroups.set(name, spec.group ?? defaultGroup);
    } else {
      const raw = sdlText(props);
      this.sdl = terraformText(raw);
      const compiled = checkSdl(raw);
      problems.push(...compiled.problems);
      warnings.push(...compiled.warnings);
      groups = compiled.groups;
      compiled.servicesByGroup?.forEach((names, i) => {
        for (const name of names) this.serviceGroups.set(name, compiled.groups![i]!);
      });
    }
    if (!groups) {
      const count = props.groupCount ?? 1;
      if (!(Number.isInteger(count) && count >= 1))
        problems.push(`groupCount must be a positive integer (got ${count})`);
      groups = Array.from({ length: Math.max(1, Math.floor(count) || 1) }, (_, i) => String(i + 1));
    }
    this.groups = groups;

    if (props.deposit !== undefined && !Token.isUnresolved(props.deposit) && !COIN.test(props.deposit))
      problems.push(`deposit "${props.deposit}" is not a coin; write e.g. ${DEFAULT_DEPOSIT} (5 ACT)`);
    if (props.bidPolicy) problems.push(...checkBidPolicy(props.bidPolicy, "bidPolicy"));
    for (const [group, policy] of Object.entries(props.bidPolicies ?? {})) {
      if (!groups.includes(group))
        problems.push(
          `bidPolicies names group "${group}", which is not one of ${groups.map((g) => `"${g}"`).join(", ")}`,
        );
      problems.push(...checkBidPolicy(policy, `bid policy of group "${group}"`));
    }
    if (problems.length > 0) this.node.addValidation({ validate: () => problems });
    for (const warning of warnings) Annotations.of(this).addWarning(warning);

    this.deployment = new Deployment(this, "deployment", {
      sdl: this.sdl,
      deposit: props.deposit ?? DEFAULT_DEPOSIT,
      // Unique within the stack and the same on every machine: what crash recovery finds on chain.
      createKey: props.createKey ?? this.node.path,
      dependsOn: props.dependsOn,
      provider: props.provider,
    });
    this.leases = groups.map(
      (group, i) =>
        new Lease(this, groups.length === 1 ? "lease" : `lease-${group}`, {
          dseq: this.deployment.dseq,
          gseq: i + 1,
          manifest: this.deployment.manifestJson,
          bidPolicy: toLeaseBidPolicy(props.bidPolicies?.[group] ?? props.bidPolicy),
          timeouts: props.leaseTimeouts,
          provider: props.provider,
        }),
    );
  }

  /** The lease of group `group` (by name, as in the SDL's placement section). */
  leaseOf(group: string): Lease {
    const index = this.groups.indexOf(group);
    if (index < 0)
      throw new Error(
        `${this.node.path}: no group "${group}"; groups are ${this.groups.map((g) => `"${g}"`).join(", ")}`,
      );
    return this.leases[index]!;
  }

  /** The lease running `service`. */
  private leaseRunning(service: string): Lease {
    const group = this.serviceGroups.get(service);
    if (group === undefined) {
      if (this.serviceGroups.size === 0 && this.leases.length === 1) return this.leases[0]!;
      throw new Error(
        `${this.node.path}: no service "${service}"; services are ${[...this.serviceGroups.keys()].map((s) => `"${s}"`).join(", ")}`,
      );
    }
    return this.leaseOf(group);
  }

  /** Ingress hostnames of `service` (a token list), or of every service of the first group when omitted. */
  serviceUris(service?: string): string[] {
    return service === undefined ? this.uris : serviceUrisOf(this.leaseRunning(service), service);
  }

  /** `http://<first ingress hostname>` of `service` (a token string, usable in another service's env). */
  serviceUrl(service: string): string {
    return firstUrl(this.serviceUris(service));
  }

  /**
   * Where a global non-HTTP port of `service` (its container `port`) is reachable: the provider host and a random
   * external port, as tokens — e.g. a database's address for a backend in another deployment.
   */
  forwardedPort(service: string, port: number): ForwardedPort {
    const spec = this.typedServices?.[service];
    if (this.typedServices && !spec) this.leaseRunning(service);
    if (spec) {
      const expose = spec.expose?.find((e) => e.port === port && (e.global ?? true));
      if (!expose || ((expose.as ?? expose.port) === 80 && expose.proto !== "udp")) {
        this.node.addValidation({
          validate: () => [
            `forwardedPort("${service}", ${port}): the service must expose port ${port} globally on a port other than 80 (port 80 gets a hostname instead: use serviceUrl)`,
          ],
        });
      }
    }
    return forwardedPortOf(this.leaseRunning(service), service, port);
  }

  /** All ingress hostnames of the first group's lease (a token list). */
  get uris(): string[] {
    return this.leases[0]!.uris;
  }

  /** `http://<first ingress hostname>` of the first group (a token string usable in another service's env). */
  get url(): string {
    return firstUrl(this.uris);
  }

  /** Address of the provider running the first group. */
  get provider(): string {
    return this.leases[0]!.providerAddress;
  }

  /**
   * What the first group's winning bid offered, per service (sorted by service name): `.get(i).gpuModel` is the
   * GPU the provider allocated, e.g. `a100` where the SDL allowed several models.
   */
  get leasedResources(): LeaseLeasedResourcesList {
    return this.leases[0]!.leasedResources;
  }

  /** Price per block of the first group's lease, e.g. `12.5uact`. */
  get price(): string {
    return this.leases[0]!.price;
  }

  /** Deployment sequence number (token). */
  get dseq(): string {
    return this.deployment.dseq;
  }

  /** Owner address (token). */
  get owner(): string {
    return this.deployment.owner;
  }
}
