/**
 * `akash_deployment`: an Akash deployment (its groups, its manifest version hash and its escrow deposit).
 *
 * What can change in place and what cannot follows the chain: a deployment's groups (resources, counts,
 * placement, pricing, endpoints) are fixed once created, so changing them replaces the deployment; everything
 * else in the SDL (image, env, command, args, accepted hostnames) only changes the manifest, which is updated in
 * place with MsgUpdateDeployment (each lease then re-sends the new manifest). Raising `deposit` tops the escrow
 * up in place.
 */
import type { Chain, Deployment, Lease } from "../akash/ports/chain";
import { DiagnosticError, type Diagnostics } from "../framework/diagnostics";
import { stableComputed } from "../framework/plan-modifiers";
import { PartialStateError, type ResourceDefinition } from "../framework/resource";
import { isUnknown, UNKNOWN, type ObjectValue } from "../framework/values";
import type { AkashProviderData } from "../provider/akash-provider";
import { adoptAbandonedCreate, createJournal, outcomeUnknown } from "../provider/create-journal";
import { compileSdl, goSortedJson, type CompiledSdl } from "../sdl";
import { formatCoin, parseCoin } from "./coin-text";
import {
  checkFundingConfig,
  ensureFunding,
  FUNDING_ATTRIBUTES,
  fundingFromEscrow,
  fundingRequestOf,
  resolveFunding,
  sourcesFor,
  warnAboutFunding,
} from "./deployment-funding";
import { nextDseq } from "./dseq";
import { escrowRunway, formatDuration } from "./escrow-runway";
import { parseDeploymentImportId } from "./import-ids";
import { withUserErrors } from "./port-errors";
import { toHex } from "./hex";
import { compileSdlAttribute, compileSdlAttributeOrThrow } from "./sdl-attribute";

export const DEFAULT_DEPOSIT = "5000000uact";

function depositText(config: ObjectValue): string {
  return typeof config.deposit === "string" ? config.deposit : DEFAULT_DEPOSIT;
}

function checkDeposit(text: string, denom: string | undefined, diags: Diagnostics): void {
  const coin = parseCoin(text);
  if (!coin) {
    diags.error("Invalid deposit", `"${text}" is not a coin amount; write it like 5000000uact.`, ["deposit"]);
    return;
  }
  if (coin.amount <= 0n) diags.error("Invalid deposit", "The deposit must be more than zero.", ["deposit"]);
  if (denom && coin.denom !== denom) {
    diags.error(
      "Deposit denom does not match the SDL pricing",
      `The SDL prices its groups in ${denom}, so the deposit must be in ${denom} too (got ${coin.denom}).` +
        (denom === "uact" ? " ACT (uact) is minted from AKT; see the README on funding." : ""),
      ["deposit"],
    );
  }
}

/**
 * The group specs decide what the chain can change in place: anything else is only the manifest. Compared in
 * canonical (key-sorted) form because imported deployments carry the chain's rendering of the same groups.
 */
function groupsChanged(prior: ObjectValue, next: CompiledSdl): boolean {
  if (typeof prior.group_specs_json !== "string") return false;
  return goSortedJson(JSON.parse(prior.group_specs_json)) !== goSortedJson(next.groupSpecsGoJson);
}

export interface DeploymentReadModel {
  deployment: Deployment;
  leases: Lease[];
  height: bigint;
  blockSeconds: number;
}

/** Fills the attributes that come from the chain (state, escrow balance, runway, hash). */
export function chainAttributes(model: DeploymentReadModel, denom: string): ObjectValue {
  const { deployment, leases, height, blockSeconds } = model;
  const attrs: ObjectValue = {
    owner: deployment.id.owner,
    dseq: deployment.id.dseq.toString(),
    id: `${deployment.id.owner}/${deployment.id.dseq}`,
    state: deployment.state,
    hash: toHex(deployment.hash),
    group_states: [...deployment.groups].sort((a, b) => a.id.gseq - b.id.gseq).map((g) => g.state),
    balance: null,
    runway: null,
  };
  if (deployment.escrow) {
    const runway = escrowRunway(deployment.escrow, leases, height, denom);
    attrs.balance = `${runway.balance}${denom}`;
    attrs.runway =
      runway.blocksLeft === undefined
        ? "no active lease"
        : formatDuration(Number(runway.blocksLeft) * blockSeconds);
  }
  return attrs;
}

async function readModel(chain: Chain, owner: string, dseq: bigint, blockSeconds: number) {
  const [deployment, leases, height] = await Promise.all([
    chain.deployment(owner, dseq),
    chain.leases(owner, { dseq }),
    chain.latestHeight(),
  ]);
  return deployment ? { deployment, leases, height, blockSeconds } : undefined;
}

function denomOf(state: ObjectValue, fallback: string): string {
  const deposit = typeof state.deposit === "string" ? parseCoin(state.deposit) : undefined;
  return deposit?.denom ?? fallback;
}

const deploymentDefinition: ResourceDefinition<AkashProviderData> = {
  typeName: "akash_deployment",
  timeouts: { create: "10m", update: "10m", delete: "5m" },
  schema: {
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
          description:
            'The SDL (YAML text), e.g. `file("deploy.yaml")`. Prices must be in `uact` on today\'s mainnet.',
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
          description:
            "The manifest providers receive (exact key-sorted JSON); pass it to `akash_lease.manifest`.",
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
        ...FUNDING_ATTRIBUTES,
        balance: {
          type: "string",
          computed: true,
          description:
            "What is left in escrow now (accrued lease payments subtracted), e.g. `4812000.5uact`.",
        },
        runway: {
          type: "string",
          computed: true,
          description: "Estimated time until the escrow runs dry at the current lease prices, e.g. `3d4h`.",
        },
      },
    },
  },

  validateConfig(config, diags) {
    checkFundingConfig(config, diags);
    const compiled = typeof config.sdl === "string" ? compileSdlAttribute(config.sdl, diags) : undefined;
    if (compiled && compiled.denom !== "uact") {
      diags.error(
        "Deployments must be priced in uact",
        `The SDL prices its groups in ${compiled.denom}. Since the v2.0.0 upgrade the chain only accepts new ` +
          "deployments priced and funded in uact (ACT); change `pricing.<profile>.denom` to uact.",
        ["sdl"],
      );
      return;
    }
    if (typeof config.deposit === "string" || config.deposit === null) {
      checkDeposit(depositText(config), compiled?.denom, diags);
    }
  },

  async modifyPlan({ prior, planned, config, provider, diags, requireReplace }) {
    resolveFunding(prior, planned, config, provider?.settings);
    if (typeof config.sdl !== "string") return; // unknown until apply: everything derived stays unknown
    const compiled = compileSdl(config.sdl);
    planned.manifest_json = compiled.manifestJson;
    planned.group_specs_json = JSON.stringify(compiled.groupSpecsGoJson);
    planned.groups = compiled.placements;
    planned.services = compiled.services;
    planned.hash = compiled.hashHex;
    if (!prior) {
      // Say now what funding the deposit will take (a mint, with its amount) or why it will fail.
      const deposit = parseCoin(depositText(config));
      if (deposit && provider?.settings.mnemonic && provider.settings.nodes.length > 0) {
        try {
          const chain = await provider.chain();
          await warnAboutFunding(chain, await provider.signerAddress(), planned, deposit, diags);
        } catch {
          // Best effort: the apply checks again.
        }
      }
      return;
    }
    if (groupsChanged(prior, compiled)) {
      requireReplace(
        ["sdl"],
        "the deployment's groups changed (resources, counts, placement, pricing or endpoints); the chain cannot " +
          "change them, so the deployment is closed and a new one is created",
      );
      return;
    }
    const manifestChanged = prior.hash !== compiled.hashHex;
    const depositRaised = (() => {
      const before = typeof prior.deposit === "string" ? parseCoin(prior.deposit) : undefined;
      const after = parseCoin(depositText(config));
      return Boolean(before && after && after.amount > before.amount);
    })();
    // The escrow moves every block: only promise a fresh balance when we will actually touch the deployment.
    planned.group_states = prior.group_states ?? null;
    if (!manifestChanged && !depositRaised) {
      planned.state = prior.state ?? null;
      planned.balance = prior.balance ?? null;
      planned.runway = prior.runway ?? null;
    } else {
      planned.state = UNKNOWN;
      planned.balance = UNKNOWN;
      planned.runway = UNKNOWN;
    }
  },

  async create({ planned, provider, ctx }) {
    const compiled = compileSdlAttributeOrThrow(planned.sdl as string);
    const deposit = parseCoin(depositText(planned))!;
    const chain = await provider.signingChain();
    const owner = chain.transactions.signerAddress;
    // Crash safety (see create-journal.ts): take over what an interrupted run created, else journal the create.
    const journal = createJournal();
    const chainId = await chain.chainId();
    const adoption = { owner, chainId, hash: compiled.hashHex, signal: ctx.signal, log: ctx.log };
    const adopted = await adoptAbandonedCreate(journal, chain, adoption);
    const dseq = adopted?.id.dseq ?? nextDseq();
    ctx.log.info(adopted ? "adopted deployment" : "creating deployment", {
      owner,
      dseq: dseq.toString(),
      deposit: formatCoin(deposit),
    });
    const known: ObjectValue = {
      ...planned,
      id: `${owner}/${dseq}`,
      owner,
      dseq: dseq.toString(),
      state: "active",
      group_states: null,
      balance: null,
      runway: null,
    };
    if (!adopted) {
      // Nothing is sent unless the deposit can be paid (minting ACT first when needed and allowed).
      await ensureFunding(
        { chain, transactions: chain.transactions, signal: ctx.signal, log: ctx.log },
        fundingRequestOf(planned, owner, deposit),
      );
      journal.record({ owner, dseq, hash: compiled.hashHex, chainId, height: await chain.latestHeight() });
      try {
        await chain.transactions.submit(
          {
            kind: "createDeployment",
            owner,
            dseq,
            groups: compiled.groupSpecsGoJson,
            hash: compiled.hash,
            deposit,
            sources: sourcesFor(planned),
          },
          { signal: ctx.signal },
        );
      } catch (error) {
        if (!outcomeUnknown(error)) {
          journal.forget(owner, dseq); // the chain refused it: nothing was created
          throw error;
        }
        // The transaction may have been included even though we stopped waiting: never lose track of money.
        const onChain = await chain.deployment(owner, dseq).catch(() => undefined);
        if (onChain) throw new PartialStateError(known, error);
        journal.markUnresolved(owner, dseq); // it may still land: a later apply adopts it
        throw error;
      }
    }
    try {
      const model = await readModel(chain, owner, dseq, await provider.blockSeconds());
      return model ? { ...known, ...chainAttributes(model, deposit.denom), hash: compiled.hashHex } : known;
    } catch (error) {
      throw new PartialStateError(known, error);
    }
  },

  async read({ state, provider }) {
    const owner = state.owner as string;
    const dseq = BigInt(state.dseq as string);
    createJournal().forgetAbandoned(owner, dseq); // a state tracks it: an interrupted run's entry must not be adopted
    const chain = await provider.chain();
    const model = await readModel(chain, owner, dseq, await provider.blockSeconds());
    // Closed outside Terraform (by hand, or because the escrow ran dry): drop it so the plan creates it again.
    if (!model || model.deployment.state !== "active") return null;
    const denom = denomOf(state, model.deployment.groups[0]?.spec.resources[0]?.price.denom ?? "uact");
    const next: ObjectValue = { ...state, ...chainAttributes(model, denom) };
    // Imported (or written before funding attributes existed): who paid, as the escrow records it.
    if (state.deposit_source === null || state.deposit_source === undefined) {
      Object.assign(next, fundingFromEscrow(model.deployment));
    }
    if (state.group_specs_json === null || state.group_specs_json === undefined) {
      // Imported: the SDL is not on chain, but the groups are.
      next.group_specs_json = JSON.stringify(model.deployment.groups.map((g) => g.spec));
      next.groups = model.deployment.groups.map((g) => g.name);
    }
    return next;
  },

  async update({ prior, planned, provider, ctx }) {
    const compiled = compileSdlAttributeOrThrow(planned.sdl as string);
    const chain = await provider.signingChain();
    const owner = prior.owner as string;
    const dseq = BigInt(prior.dseq as string);
    if (prior.hash !== compiled.hashHex) {
      ctx.log.info("updating deployment manifest", { dseq: dseq.toString() });
      await chain.transactions.submit(
        { kind: "updateDeployment", owner, dseq, hash: compiled.hash },
        { signal: ctx.signal },
      );
    }
    const before = typeof prior.deposit === "string" ? parseCoin(prior.deposit) : undefined;
    const after = parseCoin(depositText(planned))!;
    if (before && after.amount > before.amount) {
      const amount = { denom: after.denom, amount: after.amount - before.amount };
      ctx.log.info("topping up escrow", { dseq: dseq.toString(), amount: formatCoin(amount) });
      await ensureFunding(
        { chain, transactions: chain.transactions, signal: ctx.signal, log: ctx.log },
        fundingRequestOf(planned, owner, amount),
      );
      await chain.transactions.submit(
        {
          kind: "accountDeposit",
          signer: owner,
          deployment: { owner, dseq },
          amount,
          sources: sourcesFor(planned),
        },
        { signal: ctx.signal },
      );
    }
    const model = await readModel(chain, owner, dseq, await provider.blockSeconds());
    if (!model)
      throw new DiagnosticError(
        "Deployment disappeared",
        `Deployment ${owner}/${dseq} is no longer on chain.`,
      );
    const fresh = chainAttributes(model, after.denom);
    // When the plan promised values (nothing was sent to the chain, e.g. only the SDL text was filled in after an
    // import), terraform requires exactly those back even though the escrow moved on meanwhile.
    for (const key of ["state", "balance", "runway", "group_states"]) {
      if (!isUnknown(planned[key]) && planned[key] !== undefined) fresh[key] = planned[key];
    }
    return { ...planned, ...fresh, hash: compiled.hashHex };
  },

  async delete({ state, provider, ctx }) {
    const owner = state.owner as string;
    const dseq = BigInt(state.dseq as string);
    const chain = await provider.signingChain();
    const current = await chain.deployment(owner, dseq);
    if (!current || current.state !== "active") return; // already closed: the escrow was settled then
    try {
      await chain.transactions.submit({ kind: "closeDeployment", owner, dseq }, { signal: ctx.signal });
    } catch (error) {
      // Closed concurrently (e.g. escrow ran dry between our query and the tx): the goal is reached.
      const after = await chain.deployment(owner, dseq).catch(() => undefined);
      if (after && after.state !== "active") return;
      throw error;
    }
  },

  async importState({ id, provider }) {
    const chain = await provider.chain();
    const { owner: given, dseq } = parseDeploymentImportId(id);
    const owner = given ?? (await provider.signerAddress());
    const deployment = await chain.deployment(owner, dseq);
    if (!deployment) {
      throw new DiagnosticError(
        "Deployment not found",
        `No deployment ${owner}/${dseq} exists on chain ${await chain.chainId()}.`,
      );
    }
    return {
      id: `${owner}/${dseq}`,
      owner,
      dseq: dseq.toString(),
      hash: toHex(deployment.hash),
      state: deployment.state,
      sdl: null,
      deposit: null,
      manifest_json: null,
      group_specs_json: null,
      groups: null,
      group_states: null,
      services: null,
      balance: null,
      runway: null,
      deposit_source: null,
      deposit_granter: null,
      mint_act: null,
    };
  },
};

/** Chain and gateway failures reach the user as diagnostics (see port-errors.ts). */
export const deploymentResource = withUserErrors(deploymentDefinition);
