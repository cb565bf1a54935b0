/** The schema of `akash_deployment`, and the model derived from it. */
import { accountAddress } from "../../domain/account-address";
import { DEFAULT_DEPOSIT } from "../../domain/pricing";
import { defineSchema, type ModelOf, type PlanModelOf, type StateModelOf } from "../../framework/model";
import { stableComputed } from "../../framework/plan-modifiers";
import { oneOf } from "../../framework/validators";

export const DEPOSIT_SOURCES = ["balance", "grant"] as const;

export const deploymentSchema = defineSchema({
  version: 0,
  block: {
    description:
      "An Akash deployment: its groups (from the SDL), its manifest version and its escrow deposit. Pair it with " +
      "one `akash_lease` per group to run it on a provider.\n\n" +
      "Changes to images, env, command, args or accepted hostnames update the deployment in place; changes to " +
      "resources, counts, placement, pricing or endpoints replace it (the chain cannot change a deployment's " +
      "groups). Destroying it closes it on chain and refunds what is left in escrow.",
    attributes: {
      sdl: {
        type: "string",
        required: true,
        sensitive: true,
        description:
          'The SDL (YAML text), e.g. `file("deploy.yaml")`. Prices must be in `uact` on today\'s mainnet. Sensitive: ' +
          "its env values may be secrets, so plans show `manifest_summary` instead.",
      },
      deposit: {
        type: "string",
        optional: true,
        computed: true,
        default: DEFAULT_DEPOSIT,
        description:
          "Escrow deposit as a coin, e.g. `5000000uact` (the chain minimum is 0.5 ACT). Raising it tops the escrow " +
          "up in place; lowering it changes nothing on chain.",
      },
      id: { type: "string", ...stableComputed, description: "`<owner>/<dseq>`." },
      owner: {
        type: "string",
        ...stableComputed,
        description: "Address of the account that owns the deployment.",
      },
      dseq: {
        type: "string",
        ...stableComputed,
        description: "Deployment sequence number (unique per owner).",
      },
      hash: {
        type: "string",
        computed: true,
        description: "Manifest version hash on chain (hex SHA-256).",
      },
      manifest_json: {
        type: "string",
        computed: true,
        sensitive: true,
        description:
          "The manifest providers receive (exact key-sorted JSON); pass it to `akash_lease.manifest`. Sensitive: it " +
          "holds the services' env values.",
      },
      manifest_summary: {
        type: ["list", "string"],
        computed: true,
        description:
          "One line per service (image, count, resources, exposed ports, env and command names; no values), so a " +
          "plan shows what changes without showing secrets.",
      },
      group_specs_json: {
        type: "string",
        computed: true,
        description: "The deployment's group specs (chain Go JSON).",
      },
      groups: {
        type: ["list", "string"],
        computed: true,
        description: "Group names; the first is `gseq` 1.",
      },
      services: { type: ["list", "string"], computed: true, description: "Service names." },
      state: { type: "string", computed: true, description: "`active` or `closed`." },
      group_states: {
        type: ["list", "string"],
        computed: true,
        description:
          "State of each group in gseq order: `open`, `paused`, `insufficient_funds` or `closed`. A group is " +
          "paused when its provider closed the lease; its `akash_lease` then reopens it (MsgStartGroup) and " +
          "takes a new bid, so the deployment itself is not replaced.",
      },
      deposit_source: {
        type: "string",
        optional: true,
        computed: true,
        description:
          "Where the deposit (and top-ups) come from: `balance` (the owner's own ACT) or `grant` (a granter's " +
          "`akash_deposit_authorization` to the owner). Defaults to `grant` when the provider has a `deposit_granter` " +
          "(or `granter`), else `balance`.",
        validators: [oneOf(DEPOSIT_SOURCES)],
      },
      deposit_granter: {
        type: "string",
        optional: true,
        computed: true,
        description:
          'With `deposit_source = "grant"`: the granter whose deposit authorization is checked before anything is ' +
          "sent (it must exist, cover deployments and have enough left). It is a pre-check, not a choice: the chain " +
          "cannot be told which granter pays; it walks all of the owner's deposit authorizations in granter address " +
          "order and draws from each what it allows. `deposit_draws` says who actually paid. Defaults to the " +
          "provider's `deposit_granter`.",
        validators: [accountAddress],
      },
      deposit_draws: {
        type: ["list", ["object", { source: "string", account: "string", amount: "string" }]],
        computed: true,
        description:
          "Who paid the deposits this resource made, in the order the chain drew them (the create, then each " +
          "top-up): `source` (`balance` or `grant`), `account` (the owner, or the granter whose authorization paid) " +
          "and `amount`. After an import, the escrow's depositors as the chain records them (amount null).",
      },
      mint_act: {
        type: "string",
        optional: true,
        description:
          "Allows minting ACT from AKT when the owner's ACT balance cannot cover the deposit, either as the AKT to " +
          'burn (`"20000000uakt"`) or as the ACT wanted (`"10000000uact"`: the burn is quoted from the chain\'s ' +
          "oracle price with the chain's own arithmetic, at plan and again at apply; bound it with " +
          "`mint_act_max_burn`). The ACT arrives at the next BME epoch; the chain's minimum mint is 10 ACT. The plan " +
          "warns when a mint will happen and says how much. Unset = never mint.",
      },
      mint_act_max_burn: {
        type: "string",
        optional: true,
        description:
          'With `mint_act` in uact: the most AKT the apply may burn for it, e.g. `"10500000uakt"`. The apply ' +
          "quotes the burn again from the oracle price and stops before burning anything when the quote exceeds " +
          "this bound. The plan warning shows today's quote and a bound 2 % above it. Unset = no bound.",
      },
      create_key: {
        type: "string",
        optional: true,
        description:
          "Names this deployment within its stack (the provider's `stack`), on chain: its create transaction's memo " +
          "carries the key's hash, so an apply on any machine (another CI runner, another checkout) adopts the " +
          "deployment a killed run created for it instead of paying for a second one. Must be unique within the " +
          'stack, e.g. `create_key = "web-${count.index}"` with `count`. In CDKTF, `AkashDeployment` sets it from the ' +
          "construct path. Unset, the memo carries a hash of the manifest and group names (which instances of one " +
          "SDL share), so `akash-cdktf orphans` still knows the stack, but only the local create journal of the " +
          "machine that crashed recovers the deployment. Changing it later changes nothing on chain.",
      },
      balance: {
        type: "string",
        computed: true,
        description: "What is left in escrow now (accrued lease payments subtracted), e.g. `4812000.5uact`.",
      },
      runway: {
        type: "string",
        computed: true,
        description: "Estimated time until the escrow runs dry at the current lease prices, e.g. `3d4h`.",
      },
    },
  },
});

export type DeploymentModel = ModelOf<typeof deploymentSchema>;
export type DeploymentPlan = PlanModelOf<typeof deploymentSchema>;
/** The deployment as state holds it (after an import, `sdl` is still null). */
export type DeploymentState = StateModelOf<typeof deploymentSchema>;
/** The attributes that come from the chain when the deployment is read. */
export type ChainAttributes = Pick<
  DeploymentState,
  "owner" | "dseq" | "id" | "state" | "hash" | "group_states" | "balance" | "runway"
>;
/** Who funds the deposit, as state records it. */
export type FundingAttributes = Pick<DeploymentState, "deposit_source" | "deposit_granter">;
