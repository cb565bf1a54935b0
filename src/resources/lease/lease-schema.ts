/** The schema of `akash_lease`, and the model derived from it. */
import { requiresReplace, stableComputed, useStateForUnknown } from "../../framework/plan-modifiers";
import { defineSchema, type ModelOf, type StateModelOf } from "../../framework/model";
import { accountAddressList } from "../../domain/account-address";
import { oneOf } from "../../framework/validators";

export const DEFAULT_BID_WAIT = "2m";
export const DEFAULT_BID_COLLECT = "5s";

const serviceType = [
  "object",
  { name: "string", available: "number", total: "number", uris: ["list", "string"], replicas: "number" },
] as const;
const leasedType = [
  "object",
  {
    service: "string",
    count: "number",
    cpu: "string",
    memory: "string",
    storage: ["list", "string"],
    gpu: "number",
    gpu_vendor: "string",
    gpu_model: "string",
    gpu_ram: "string",
    gpu_interface: "string",
  },
] as const;
const portType = [
  "object",
  { service: "string", host: "string", port: "number", external_port: "number", proto: "string" },
] as const;
const ipType = [
  "object",
  { service: "string", ip: "string", port: "number", external_port: "number", protocol: "string" },
] as const;

export const leaseSchema = defineSchema({
  // 1: `provider` became `provider_address` (a Terraform meta-argument name; CDKTF and cdktn bindings need it).
  version: 1,
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
        sensitive: true,
        description:
          "The manifest to send (`akash_deployment.x.manifest_json`). When it changes, it is re-sent to the " +
          "provider in place. Sensitive: it holds env values (see `akash_deployment.x.manifest_summary`).",
      },
      id: {
        type: "string",
        ...stableComputed,
        description: "`<owner>/<dseq>/<gseq>/<oseq>/<provider_address>`.",
      },
      owner: { type: "string", ...stableComputed, description: "Deployment owner." },
      oseq: { type: "number", ...stableComputed, description: "Order sequence." },
      provider_address: {
        type: "string",
        ...stableComputed,
        description: "Address of the provider that won the lease (`provider` before schema version 1).",
      },
      host_uri: { type: "string", ...stableComputed, description: "The provider's gateway URL." },
      price: { type: "string", ...stableComputed, description: "Price per block, e.g. `12.5uact`." },
      state: {
        type: "string",
        computed: true,
        description:
          "`active`; `reclaiming` once the provider announced it will take its resources back (the lease then " +
          "closes at `reclaim_deadline`); or why it ended.",
      },
      reclamation_window: {
        type: "string",
        // Fixed at MsgCreateLease (the node copies the bid's window); MsgLeaseStartReclaim only adds a deadline.
        ...stableComputed,
        description:
          "The reclamation window (AEP-82) the winning bid offered, e.g. `24h`: how long the provider must keep the " +
          "lease running after announcing reclamation. Null when it offered none.",
      },
      reclaim_deadline: {
        type: "string",
        computed: true,
        // Only the provider starts reclamation, and the refresh before a plan read it: an update never changes it.
        planModifiers: [useStateForUnknown()],
        description: "While `reclaiming`: when the provider may close the lease (RFC 3339).",
      },
      services: {
        type: ["list", serviceType],
        computed: true,
        description: "Services with replica counts and URIs.",
      },
      uris: {
        type: ["list", "string"],
        computed: true,
        description: "All ingress hostnames of the lease's services.",
      },
      leased_resources: {
        type: ["list", leasedType],
        ...stableComputed,
        description:
          "What the winning bid offered, per service: `count`, `cpu` (units), `memory` and `storage` (e.g. " +
          "`data 10Gi beta3`), and for GPUs the model the provider allocated (`gpu`, `gpu_vendor`, `gpu_model`, " +
          "`gpu_ram`, `gpu_interface`; null when the provider did not name one) — the GPU actually leased, where " +
          "the SDL may have allowed several.",
      },
      forwarded_ports: {
        type: ["list", portType],
        computed: true,
        description: "Random-port endpoints.",
      },
      ips: { type: ["list", ipType], computed: true, description: "Leased IP endpoints." },
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
              description:
                'Highest price per block per denom, e.g. `{ uact = "1000" }`. Deployments are priced in `uact`, so ' +
                "every bid is in uact: a cap in any other denom would cap nothing and is an error; a bid in a denom " +
                "without a cap is rejected.",
            },
            allowed_providers: {
              type: ["list", "string"],
              optional: true,
              description: "Only these providers.",
              validators: [accountAddressList],
            },
            denied_providers: {
              type: ["list", "string"],
              optional: true,
              description: "Never these providers.",
              validators: [accountAddressList],
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
              validators: [accountAddressList],
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
              validators: [accountAddressList],
            },
            min_reclamation_window: {
              type: "string",
              optional: true,
              description:
                "Accept only bids that offer at least this reclamation window (AEP-82), e.g. `24h`: a provider " +
                "taking its resources back must then announce it and keep the lease running this long. The SDL's " +
                "`reclamation.min_window` makes the chain itself require a window; this filter adds to it.",
            },
            require_manifest_support: {
              type: "bool",
              optional: true,
              description:
                "Set to `true` for an SDL that uses a field today's providers (chain-sdk go v0.2.16) drop " +
                "(`http_options.proxy_buffer_size`, `params.tee`): they would refuse the manifest after the lease is " +
                "paid for, so the plan is an error without this. With it, only providers whose `GET /version` " +
                "shows they keep every field of the manifest can win (bids of the others are always rejected, " +
                "with the reason).",
            },
            wait: {
              type: "string",
              optional: true,
              description:
                `How long to wait for an acceptable bid (default \`${DEFAULT_BID_WAIT}\`). When every bid on the ` +
                "order was withdrawn meanwhile (providers withdraw unanswered bids after their bid timeout), the " +
                "order is replaced by a new one (MsgPauseGroup + MsgStartGroup) and the wait goes on.",
            },
            collect: {
              type: "string",
              optional: true,
              description:
                "After the first acceptable bid, how long to keep collecting bids before choosing (default " +
                `\`${DEFAULT_BID_COLLECT}\`); it ends early once every provider that can serve the placement has bid.`,
            },
          },
        },
      },
    },
  },
});

export type LeaseModel = ModelOf<typeof leaseSchema>;
/** The lease as state holds it (after an import, `manifest` is still null). */
export type LeaseState = StateModelOf<typeof leaseSchema>;
export type BidPolicyModel = NonNullable<LeaseModel["bid_policy"]>;
/** The attributes that come from the provider's lease status. */
export type LeaseStatusModel = Pick<LeaseState, "services" | "uris" | "forwarded_ports" | "ips">;
