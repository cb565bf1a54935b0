/**
 * `akash_lease`: a lease for one group of a deployment. Creating it picks a bid by the bid policy, creates the
 * lease, sends the manifest to the winning provider and waits until the services run. A manifest change re-sends
 * it in place. Destroying it closes the lease.
 *
 * Creating it also repairs what happened outside a completed apply: an active lease of the group that no state
 * knows (terraform was killed after creating it) is adopted instead of bid for, and a group its provider paused
 * (by closing the previous lease) is reopened with MsgStartGroup, so the deployment keeps its dseq and escrow.
 */
import type { Bid, Chain, Lease, LeaseId, Provider } from "../akash/ports/chain";
import { isChainError, isGatewayError } from "../akash/ports/errors";
import type { LeaseStatus, ProviderEndpoint, ProviderGateway } from "../akash/ports/provider-gateway";
import { DiagnosticError, type Diagnostics } from "../framework/diagnostics";
import { requiresReplace, stableComputed } from "../framework/plan-modifiers";
import { PartialStateError, type OperationContext, type ResourceDefinition } from "../framework/resource";
import { parseDuration } from "../framework/timeouts";
import { oneOf } from "../framework/validators";
import { UNKNOWN, type ObjectValue, type Value } from "../framework/values";
import type { AkashProviderData } from "../provider/akash-provider";
import {
  defaultBidPolicy,
  describeRejections,
  judgeBid,
  rankBids,
  type BidPolicy,
  type BidVerdict,
  type BidStrategy,
} from "./bid-policy";
import { formatDecCoin } from "./coin-text";
import { parseLeaseImportId } from "./import-ids";
import { recoverDeploymentManifest } from "./lease-manifest-recovery";
import { withUserErrors } from "./port-errors";
import { sleep } from "../akash/ports/sleep";

const DEFAULT_BID_WAIT = "2m";
const DEFAULT_BID_COLLECT = "5s";

const serviceType = [
  "object",
  { name: "string", available: "number", total: "number", uris: ["list", "string"], replicas: "number" },
] as const;
const portType = [
  "object",
  { service: "string", host: "string", port: "number", external_port: "number", proto: "string" },
] as const;
const ipType = [
  "object",
  { service: "string", ip: "string", port: "number", external_port: "number", protocol: "string" },
] as const;

function strings(v: Value | undefined): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

function stringMap(v: Value | undefined): Record<string, string> {
  if (!v || typeof v !== "object" || Array.isArray(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === "string") out[k] = x;
  return out;
}

function bidPolicyFrom(config: ObjectValue): BidPolicy & { waitMs: number; collectMs: number } {
  const block = (config.bid_policy ?? null) as ObjectValue | null;
  const policy = defaultBidPolicy();
  if (block) {
    policy.maxPrice = stringMap(block.max_price);
    policy.allowedProviders = strings(block.allowed_providers);
    policy.deniedProviders = strings(block.denied_providers);
    policy.requiredAttributes = stringMap(block.required_attributes);
    policy.auditedBy = strings(block.audited_by);
    policy.gpuModels = strings(block.gpu_models);
    policy.preferredProviders = strings(block.preferred_providers);
    if (typeof block.strategy === "string") policy.strategy = block.strategy as BidStrategy;
  }
  const wait = typeof block?.wait === "string" ? block.wait : DEFAULT_BID_WAIT;
  const collect = typeof block?.collect === "string" ? block.collect : DEFAULT_BID_COLLECT;
  return { ...policy, waitMs: parseDuration(wait) ?? 120_000, collectMs: parseDuration(collect) ?? 5_000 };
}

function leaseIdOf(state: ObjectValue): LeaseId {
  return {
    owner: state.owner as string,
    dseq: BigInt(state.dseq as string),
    gseq: Number(state.gseq),
    oseq: Number(state.oseq),
    provider: state.provider as string,
    bseq: 0,
  };
}

function statusAttributes(status: LeaseStatus | undefined): ObjectValue {
  if (!status) return { services: [], uris: [], forwarded_ports: [], ips: [] };
  const services = Object.values(status.services)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((s) => ({
      name: s.name,
      available: s.available,
      total: s.total,
      uris: s.uris,
      replicas: s.replicas,
    }));
  const forwarded = Object.entries(status.forwardedPorts)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([service, ports]) =>
      ports.map((p) => ({
        service,
        host: p.host,
        port: p.port,
        external_port: p.externalPort,
        proto: p.proto,
      })),
    );
  const ips = Object.entries(status.ips)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([service, list]) =>
      list.map((i) => ({
        service,
        ip: i.ip,
        port: i.port,
        external_port: i.externalPort,
        protocol: i.protocol,
      })),
    );
  return { services, uris: services.flatMap((s) => s.uris), forwarded_ports: forwarded, ips };
}

function leaseAttributes(lease: Lease, provider: Provider | undefined): ObjectValue {
  return {
    id: `${lease.id.owner}/${lease.id.dseq}/${lease.id.gseq}/${lease.id.oseq}/${lease.id.provider}`,
    owner: lease.id.owner,
    oseq: lease.id.oseq,
    provider: lease.id.provider,
    host_uri: provider?.hostUri ?? null,
    price: formatDecCoin(lease.price),
    state: lease.state,
  };
}

/** Polls bids until an acceptable one is found (and, except for "first", a short collection window passed). */
async function chooseBid(
  chain: Chain,
  owner: string,
  dseq: bigint,
  gseq: number,
  policy: ReturnType<typeof bidPolicyFrom>,
  ctx: OperationContext,
): Promise<Bid> {
  const started = Date.now();
  let firstAcceptableAt: number | undefined;
  let providers = new Map<string, Provider>();
  const audits = policy.auditedBy.length > 0 ? await chain.auditedAttributes() : [];
  // Every bid seen during the wait, by provider: providers withdraw unanswered bids after a while, and the
  // "no acceptable bid" error must still explain them.
  const seen = new Map<string, BidVerdict>();
  for (;;) {
    ctx.signal.throwIfAborted();
    chain.invalidate();
    const bids = (await chain.bids(owner, dseq, { gseq })).filter((b) => b.state === "open");
    if (bids.some((b) => !providers.has(b.id.provider))) {
      providers = new Map((await chain.providers()).map((p) => [p.owner, p]));
    }
    const verdicts = bids.map((b) => judgeBid(b, policy, providers, audits));
    for (const v of verdicts) seen.set(v.bid.id.provider, v);
    const accepted = rankBids(
      verdicts.filter((v) => v.accepted).map((v) => v.bid),
      policy,
    );
    const now = Date.now();
    if (accepted.length > 0) {
      firstAcceptableAt ??= now;
      if (
        policy.strategy === "first" ||
        now - firstAcceptableAt >= policy.collectMs ||
        now - started >= policy.waitMs
      ) {
        return accepted[0]!;
      }
    } else if (now - started >= policy.waitMs) {
      throw new DiagnosticError(
        "No acceptable bid",
        `No bid for group ${gseq} of deployment ${dseq} matched the bid policy within ${Math.round(policy.waitMs / 1000)}s.\n` +
          describeRejections([...seen.values()]) +
          "\nRaise bid_policy.max_price or the SDL pricing, relax the provider filters, or wait longer (bid_policy.wait).",
        ["bid_policy"],
      );
    }
    await sleep(1000, ctx.signal);
  }
}

/** Waits until every service reports all replicas available; returns the last status. */
async function waitUntilRunning(
  gateway: ProviderGateway,
  endpoint: ProviderEndpoint,
  lease: LeaseId,
  ctx: OperationContext,
): Promise<LeaseStatus> {
  for (;;) {
    ctx.signal.throwIfAborted();
    try {
      const status = await gateway.leaseStatus(endpoint, lease, { signal: ctx.signal });
      const services = Object.values(status.services);
      if (services.length > 0 && services.every((s) => s.total > 0 && s.available >= s.total)) return status;
    } catch (error) {
      if (!isGatewayError(error, "not-found")) throw error;
    }
    await sleep(1000, ctx.signal);
  }
}

async function endpointOf(
  chain: Chain,
  address: string,
): Promise<{ endpoint: ProviderEndpoint; provider: Provider }> {
  const provider = await chain.provider(address);
  if (!provider)
    throw new DiagnosticError("Provider not found", `Provider ${address} is not registered on chain.`);
  return { endpoint: { hostUri: provider.hostUri, address }, provider };
}

function validatePolicy(config: ObjectValue, diags: Diagnostics): void {
  const block = config.bid_policy as ObjectValue | null | undefined;
  if (!block || typeof block !== "object") return;
  for (const key of ["wait", "collect"] as const) {
    const v = block[key];
    if (typeof v === "string" && parseDuration(v) === undefined) {
      diags.error("Invalid duration", `"${v}" is not a duration such as 90s, 5m or 1h30m.`, [
        "bid_policy",
        key,
      ]);
    }
  }
  const max = block.max_price;
  if (max && typeof max === "object" && !Array.isArray(max)) {
    for (const [denom, price] of Object.entries(max)) {
      if (typeof price === "string" && !/^\d+(\.\d+)?$/.test(price)) {
        diags.error("Invalid max_price", `"${price}" is not a decimal price per block.`, [
          "bid_policy",
          "max_price",
          { key: denom },
        ]);
      }
    }
  }
  if (
    block.strategy === "preferred" &&
    strings(block.preferred_providers).length === 0 &&
    Array.isArray(block.preferred_providers)
  ) {
    diags.warning(
      "No preferred providers",
      'strategy = "preferred" without preferred_providers behaves like cheapest.',
      ["bid_policy", "preferred_providers"],
    );
  }
}

/** mTLS needs both the certificate and its key; JWT needs neither. */
function validateProviderAuth(config: ObjectValue, diags: Diagnostics): void {
  const given = (v: unknown) => v !== null && v !== undefined;
  if (config.provider_auth === "mtls") {
    for (const name of ["client_certificate_pem", "client_private_key_pem"]) {
      if (!given(config[name])) {
        diags.error(
          "Incomplete mTLS settings",
          `provider_auth = "mtls" needs \`${name}\` (from akash_certificate).`,
          [name],
        );
      }
    }
  } else if (
    (config.provider_auth === "jwt" || config.provider_auth === null) &&
    (given(config.client_certificate_pem) || given(config.client_private_key_pem))
  ) {
    diags.error(
      "Client certificate without mTLS",
      'A client certificate is set but provider_auth is "jwt"; set provider_auth = "mtls" to use it (providers ' +
        "refuse a JWT and a client certificate together).",
      ["provider_auth"],
    );
  }
}

/** The gateway client for the lease's authentication: JWTs by default, the owner's certificate under mTLS. */
function gatewayFor(provider: AkashProviderData, values: ObjectValue): Promise<ProviderGateway> {
  if (values.provider_auth !== "mtls") return provider.gateway();
  if (
    typeof values.client_certificate_pem !== "string" ||
    typeof values.client_private_key_pem !== "string"
  ) {
    throw new DiagnosticError(
      "Incomplete mTLS settings",
      'provider_auth = "mtls" needs client_certificate_pem and client_private_key_pem.',
      ["provider_auth"],
    );
  }
  return provider.mtlsGateway({
    certPem: values.client_certificate_pem,
    keyPem: values.client_private_key_pem,
  });
}

/**
 * Sends the manifest to the lease's provider and waits until its services run. The lease exists and costs money
 * from here on: on failure it stays in state (tainted), so the next apply replaces or destroys it.
 */
async function startServices(
  chain: Chain,
  gateway: ProviderGateway,
  lease: Lease,
  planned: ObjectValue,
  ctx: OperationContext,
): Promise<ObjectValue> {
  const { endpoint, provider: winner } = await endpointOf(chain, lease.id.provider);
  const partial: ObjectValue = {
    ...planned,
    ...leaseAttributes(lease, winner),
    ...statusAttributes(undefined),
  };
  try {
    await gateway.sendManifest(endpoint, lease.id.dseq, planned.manifest as string, { signal: ctx.signal });
    const status = await waitUntilRunning(gateway, endpoint, lease.id, ctx);
    return { ...partial, ...statusAttributes(status) };
  } catch (error) {
    throw new PartialStateError(partial, error);
  }
}

const leaseDefinition: ResourceDefinition<AkashProviderData> = {
  typeName: "akash_lease",
  timeouts: { create: "15m", update: "10m", delete: "5m" },
  schema: {
    version: 0,
    block: {
      description:
        "A lease for one group of an `akash_deployment`: picks a bid by the bid policy, creates the lease, sends " +
        "the manifest to the provider and waits until the services run. When no bid matches, the error lists every " +
        "bid that came and why it was turned down.",
      attributes: {
        dseq: {
          type: "string",
          required: true,
          description: "The deployment's `dseq` (`akash_deployment.x.dseq`).",
          planModifiers: [requiresReplace("a lease belongs to one deployment")],
        },
        gseq: {
          type: "number",
          optional: true,
          computed: true,
          default: 1,
          description: "Group sequence: 1 for the first group of the SDL (see `akash_deployment.x.groups`).",
          planModifiers: [requiresReplace("a lease belongs to one group")],
        },
        manifest: {
          type: "string",
          required: true,
          description:
            "The manifest to send (`akash_deployment.x.manifest_json`). When it changes, it is re-sent to the " +
            "provider in place.",
        },
        id: { type: "string", ...stableComputed, description: "`<owner>/<dseq>/<gseq>/<oseq>/<provider>`." },
        owner: { type: "string", ...stableComputed, description: "Deployment owner." },
        oseq: { type: "number", ...stableComputed, description: "Order sequence." },
        provider: {
          type: "string",
          ...stableComputed,
          description: "Address of the provider that won the lease.",
        },
        host_uri: { type: "string", ...stableComputed, description: "The provider's gateway URL." },
        price: { type: "string", ...stableComputed, description: "Price per block, e.g. `12.5uact`." },
        state: { type: "string", computed: true, description: "`active`, or why it ended." },
        services: {
          type: ["list", serviceType as never],
          computed: true,
          description: "Services with replica counts and URIs.",
        },
        uris: {
          type: ["list", "string"],
          computed: true,
          description: "All ingress hostnames of the lease's services.",
        },
        forwarded_ports: {
          type: ["list", portType as never],
          computed: true,
          description: "Random-port endpoints.",
        },
        ips: { type: ["list", ipType as never], computed: true, description: "Leased IP endpoints." },
        provider_auth: {
          type: "string",
          optional: true,
          computed: true,
          default: "jwt",
          description:
            "How to authenticate to the provider: `jwt` (default; short-lived tokens signed by the owner's key) or " +
            "`mtls` (the owner's on-chain certificate: set `client_certificate_pem` and `client_private_key_pem`, " +
            "e.g. from `akash_certificate`).",
          validators: [oneOf(["jwt", "mtls"])],
        },
        client_certificate_pem: {
          type: "string",
          optional: true,
          description: 'With `provider_auth = "mtls"`: the certificate (`akash_certificate.x.cert_pem`).',
        },
        client_private_key_pem: {
          type: "string",
          optional: true,
          sensitive: true,
          description:
            'With `provider_auth = "mtls"`: its private key (`akash_certificate.x.private_key_pem`).',
        },
      },
      blocks: {
        bid_policy: {
          nesting: "single",
          block: {
            description: "Which bids are acceptable and which one wins. Only used when the lease is created.",
            attributes: {
              max_price: {
                type: ["map", "string"],
                optional: true,
                description: 'Highest price per block per denom, e.g. `{ uact = "1000" }`.',
              },
              allowed_providers: {
                type: ["list", "string"],
                optional: true,
                description: "Only these providers.",
              },
              denied_providers: {
                type: ["list", "string"],
                optional: true,
                description: "Never these providers.",
              },
              required_attributes: {
                type: ["map", "string"],
                optional: true,
                description: 'Provider attributes that must match, e.g. `{ region = "us-west" }`.',
              },
              audited_by: {
                type: ["list", "string"],
                optional: true,
                description: "Accept only providers audited by one of these auditors.",
              },
              gpu_models: {
                type: ["list", "string"],
                optional: true,
                description: "Accept only providers offering one of these GPU models (e.g. `h100`).",
              },
              strategy: {
                type: "string",
                optional: true,
                description:
                  "`cheapest` (default), `first` (first acceptable bid) or `preferred` (by `preferred_providers`, then cheapest).",
                validators: [oneOf(["cheapest", "first", "preferred"])],
              },
              preferred_providers: {
                type: ["list", "string"],
                optional: true,
                description: 'Order of preference for `strategy = "preferred"`.',
              },
              wait: {
                type: "string",
                optional: true,
                description: `How long to wait for an acceptable bid (default \`${DEFAULT_BID_WAIT}\`).`,
              },
              collect: {
                type: "string",
                optional: true,
                description: `After the first acceptable bid, how long to keep collecting bids before choosing (default \`${DEFAULT_BID_COLLECT}\`).`,
              },
            },
          },
        },
      },
    },
  },

  validateConfig(config, diags) {
    validatePolicy(config, diags);
    validateProviderAuth(config, diags);
    if (typeof config.dseq === "string" && !/^\d+$/.test(config.dseq)) {
      diags.error("Invalid dseq", `"${config.dseq}" is not a deployment sequence number.`, ["dseq"]);
    }
  },

  modifyPlan({ prior, planned, config }) {
    if (!prior) return;
    const manifestChanged = config.manifest !== prior.manifest;
    // Status only refreshes when we touch the lease; otherwise keep what we know.
    for (const key of ["state", "services", "uris", "forwarded_ports", "ips"]) {
      planned[key] = manifestChanged ? UNKNOWN : (prior[key] ?? null);
    }
  },

  async create({ planned, provider, ctx }) {
    const chain = await provider.signingChain();
    const gateway = await gatewayFor(provider, planned);
    const owner = chain.transactions.signerAddress;
    const dseq = BigInt(planned.dseq as string);
    const gseq = Number(planned.gseq ?? 1);
    const deployment = await chain.deployment(owner, dseq);
    if (!deployment || deployment.state !== "active") {
      throw new DiagnosticError(
        "Deployment not active",
        `Deployment ${owner}/${dseq} is not an active deployment of this key.`,
        ["dseq"],
      );
    }
    const group = deployment.groups.find((g) => g.id.gseq === gseq);
    if (!group) {
      throw new DiagnosticError(
        "No such group",
        `Deployment ${dseq} has groups 1..${deployment.groups.length}; gseq ${gseq} does not exist.`,
        ["gseq"],
      );
    }
    // A lease of this group that no state knows: an earlier apply was killed after creating it. Take it over
    // instead of bidding (there would be no open order, and a second lease is not possible anyway).
    const adopted = (await chain.leases(owner, { dseq })).find(
      (l) => l.id.gseq === gseq && l.state === "active",
    );
    if (adopted) {
      ctx.log.warn("adopting an existing lease of this group (created by an interrupted terraform run)", {
        dseq: dseq.toString(),
        gseq,
        oseq: adopted.id.oseq,
        provider: adopted.id.provider,
      });
      return startServices(chain, gateway, adopted, planned, ctx);
    }
    if (group.state === "paused") {
      // Its provider closed the previous lease. Starting the group opens a new order that providers bid on again;
      // the deployment, its dseq and its escrow stay.
      ctx.log.info("reopening the paused group", { dseq: dseq.toString(), gseq });
      try {
        await chain.transactions.submit(
          { kind: "startGroup", group: { owner, dseq, gseq } },
          { signal: ctx.signal },
        );
      } catch (error) {
        // Someone reopened it meanwhile (e.g. a concurrent apply): bidding works the same.
        if (!isChainError(error, "invalid-state")) throw error;
      }
      chain.invalidate();
    } else if (group.state !== "open") {
      throw new DiagnosticError(
        "Group closed",
        `Group ${gseq} (${group.name}) of deployment ${dseq} is ${group.state}, so no provider can bid on it ` +
          "again. Replace the deployment: `terraform apply -replace=akash_deployment.<name>`.",
        ["dseq"],
      );
    }
    const bid = await chooseBid(chain, owner, dseq, gseq, bidPolicyFrom(planned), ctx);
    ctx.log.info("creating lease", {
      dseq: dseq.toString(),
      gseq,
      provider: bid.id.provider,
      price: formatDecCoin(bid.price),
    });
    await chain.transactions.submit({ kind: "createLease", bid: bid.id }, { signal: ctx.signal });
    return startServices(
      chain,
      gateway,
      { id: bid.id, state: "active", price: bid.price, createdAt: 0n, closedOn: 0n, closedReason: "" },
      planned,
      ctx,
    );
  },

  async read({ state, provider, ctx }) {
    const chain = await provider.chain();
    const id = leaseIdOf(state);
    const lease = (await chain.leases(id.owner, { dseq: id.dseq })).find(
      (l) => l.id.gseq === id.gseq && l.id.oseq === id.oseq && l.id.provider === id.provider,
    );
    // Closed by the provider or by an empty escrow: gone, so the plan creates a new lease.
    if (!lease || lease.state !== "active") return null;
    const { endpoint, provider: p } = await endpointOf(chain, id.provider);
    let status: ObjectValue = {};
    try {
      status = statusAttributes(
        await (await gatewayFor(provider, state)).leaseStatus(endpoint, id, { signal: ctx.signal }),
      );
    } catch (error) {
      if (isGatewayError(error, "not-found")) status = statusAttributes(undefined);
      else ctx.log.warn("lease status unavailable; keeping the last known values", { error: String(error) });
    }
    const recovered: ObjectValue = {};
    if (typeof state.manifest !== "string") {
      // Just imported: the manifest is not on chain, but the providers know it.
      const recovery = await recoverDeploymentManifest(
        chain,
        await gatewayFor(provider, state),
        id,
        ctx.signal,
      );
      if (recovery.manifest !== undefined) recovered.manifest = recovery.manifest;
      else ctx.log.warn("manifest not recovered; the next apply sends it again", { reason: recovery.reason });
    }
    return { ...state, ...leaseAttributes(lease, p), ...status, ...recovered };
  },

  async update({ prior, planned, provider, ctx }) {
    if (planned.manifest === prior.manifest) return { ...prior, ...planned, ...pickStatus(prior) };
    const chain = await provider.chain();
    const gateway = await gatewayFor(provider, planned);
    const id = leaseIdOf(prior);
    const { endpoint } = await endpointOf(chain, id.provider);
    await gateway.sendManifest(endpoint, id.dseq, planned.manifest as string, { signal: ctx.signal });
    const status = await waitUntilRunning(gateway, endpoint, id, ctx);
    return { ...prior, ...planned, state: "active", ...statusAttributes(status) };
  },

  async delete({ state, provider, ctx }) {
    const chain = await provider.signingChain();
    const id = leaseIdOf(state);
    const lease = (await chain.leases(id.owner, { dseq: id.dseq })).find(
      (l) => l.id.gseq === id.gseq && l.id.oseq === id.oseq && l.id.provider === id.provider,
    );
    if (!lease || lease.state !== "active") return;
    await chain.transactions.submit({ kind: "closeLease", lease: id }, { signal: ctx.signal });
  },

  async importState({ id, provider }) {
    const parsed = parseLeaseImportId(id);
    const owner = parsed.owner ?? (await provider.signerAddress());
    return {
      owner,
      dseq: parsed.dseq.toString(),
      gseq: parsed.gseq,
      oseq: parsed.oseq,
      provider: parsed.provider,
      manifest: null,
      provider_auth: "jwt",
    };
  },
};

/** Chain and gateway failures reach the user as diagnostics (see port-errors.ts). */
export const leaseResource = withUserErrors(leaseDefinition);

function pickStatus(prior: ObjectValue): ObjectValue {
  const out: ObjectValue = {};
  for (const key of ["state", "services", "uris", "forwarded_ports", "ips"]) out[key] = prior[key] ?? null;
  return out;
}
