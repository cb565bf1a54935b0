/**
 * `akash_deployment`: an Akash deployment (its groups, its manifest version hash and its escrow deposit).
 *
 * What can change in place and what cannot follows the chain: a deployment's groups (resources, counts,
 * placement, pricing, endpoints) are fixed once created, so changing them replaces the deployment; everything
 * else in the SDL (image, env, command, args, accepted hostnames) only changes the manifest, which is updated in
 * place with MsgUpdateDeployment (each lease then re-sends the new manifest). Raising `deposit` tops the escrow
 * up in place.
 */
import type { AkashPorts } from "../../akash/ports/akash-ports";
import { formatCoin, parseCoin } from "../../domain/coin-text";
import { toHex } from "../../domain/hex";
import { parseDeploymentImportId } from "../../domain/import-ids";
import { compileSdlAttributeOrThrow } from "../../domain/sdl-attribute";
import { withUserErrors } from "../../domain/user-errors";
import { DiagnosticError } from "../../framework/diagnostics";
import { defineResource, PartialModelError } from "../../framework/typed-resource";
import { isUnknown, UNKNOWN } from "../../framework/values";
import { compileSdl, manifestSummary } from "../../sdl";
import { chainAttributes, depositedAmount, escrowDenom, readDeployment } from "./chain-attributes";
import { checkMinimumDeposit, checkReclamationWindow } from "./chain-plan-checks";
import { adoptFromChain, rememberDeployment } from "./chain-recovery";
import { broadcastCreate, deploymentIdentity, depositCoin } from "./create-broadcast";
import { adoptAbandonedCreate } from "./crash-recovery";
import { depositRaised, depositText, groupsChanged, validateDeploymentConfig } from "./deployment-checks";
import { deploymentSchema, type DeploymentModel, type DeploymentState } from "./deployment-schema";
import { ensureFunding, warnAboutFunding } from "./funding";
import {
  drawAttributes,
  drawsFromEscrow,
  fundingFromEscrow,
  fundingRequestOf,
  resolveFunding,
  sourcesFor,
} from "./funding-config";
import { importedSdl } from "./sdl-import";

function identityOf(state: DeploymentState): { owner: string; dseq: bigint } {
  if (state.owner === null || state.dseq === null) {
    throw new DiagnosticError(
      "Incomplete deployment state",
      "The state has no owner or dseq for this deployment; import it again or remove it from state.",
    );
  }
  return { owner: state.owner, dseq: BigInt(state.dseq) };
}

const deploymentDefinition = defineResource<AkashPorts, typeof deploymentSchema>({
  typeName: "akash_deployment",
  timeouts: { create: "10m", update: "10m", delete: "5m" },
  schema: deploymentSchema,

  validateConfig: validateDeploymentConfig,

  async modifyPlan({ prior, planned, config, provider: ports, diags, requireReplace }) {
    resolveFunding(prior, planned, config, ports?.facts);
    if (typeof config.sdl !== "string") return; // unknown until apply: everything derived stays unknown
    const compiled = compileSdl(config.sdl);
    planned.manifest_json = compiled.manifestJson;
    planned.manifest_summary = manifestSummary(compiled.manifest);
    // The same groups keep the text state has (an imported deployment holds the chain's rendering of them).
    planned.group_specs_json =
      prior && !groupsChanged(prior, compiled) && prior.group_specs_json !== null
        ? prior.group_specs_json
        : JSON.stringify(compiled.groupSpecsGoJson);
    planned.groups = compiled.placements;
    planned.services = compiled.services;
    planned.hash = compiled.hashHex;
    if (!prior) {
      // Say now what funding the deposit will take (a mint, with its amount) or why it will fail.
      const deposit = isUnknown(config.deposit) ? undefined : parseCoin(depositText(config.deposit));
      const funding = {
        deposit_source: isUnknown(planned.deposit_source) ? null : planned.deposit_source,
        deposit_granter: isUnknown(planned.deposit_granter) ? null : planned.deposit_granter,
        mint_act: isUnknown(config.mint_act) ? null : config.mint_act,
        mint_act_max_burn: isUnknown(config.mint_act_max_burn) ? null : config.mint_act_max_burn,
      };
      if (deposit && ports?.facts.hasNode) await checkMinimumDeposit(ports, deposit, diags);
      if (compiled.reclamation && ports?.facts.hasNode) await checkReclamationWindow(ports, compiled, diags);
      if (deposit && ports?.facts.hasSigner && ports.facts.hasNode) {
        try {
          const chain = await ports.chain();
          const request = fundingRequestOf(funding, await ports.signerAddress(), deposit);
          await warnAboutFunding(chain, request, new Date(ports.clock.now()), diags);
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
    const touched =
      prior.hash !== compiled.hashHex || isUnknown(config.deposit) || depositRaised(prior, config.deposit);
    // The escrow moves every block: only promise a fresh balance when we will actually touch the deployment.
    planned.deposit_draws =
      isUnknown(config.deposit) || depositRaised(prior, config.deposit) ? UNKNOWN : prior.deposit_draws;
    planned.group_states = prior.group_states;
    planned.state = touched ? UNKNOWN : prior.state;
    planned.balance = touched ? UNKNOWN : prior.balance;
    planned.runway = touched ? UNKNOWN : prior.runway;
  },

  async create({ planned, provider: ports, ctx }) {
    const compiled = compileSdlAttributeOrThrow(planned.sdl);
    const deposit = depositCoin(planned.deposit);
    const chain = await ports.signingChain();
    const owner = chain.transactions.signerAddress;
    // Crash safety (see crash-recovery.ts): take over what an interrupted run created, else journal the create.
    const chainId = await chain.chainId();
    const adoption = { owner, chainId, hash: compiled.hashHex, signal: ctx.signal, log: ctx.log };
    const identity = deploymentIdentity(owner, ports.facts.stack, planned.create_key, compiled);
    // Only a create_key names one instance: a derived key is shared by instances of one SDL (count/for_each), and
    // adopting by it could take over a deployment another instance's state tracks.
    const adopted =
      (await adoptAbandonedCreate(ports, chain, adoption)) ??
      (planned.create_key
        ? await adoptFromChain(chain, { owner, identity, hash: compiled.hashHex, log: ctx.log })
        : undefined);
    const dseq = adopted?.id.dseq ?? ports.dseqs.next();
    ctx.log.info(adopted ? "adopted deployment" : "creating deployment", {
      owner,
      dseq: dseq.toString(),
      deposit: formatCoin(deposit),
    });
    const known: DeploymentModel = {
      ...planned,
      id: `${owner}/${dseq}`,
      owner,
      dseq: dseq.toString(),
      state: "active",
      group_states: null,
      balance: null,
      runway: null,
    };
    rememberDeployment(owner, dseq);
    const draws = adopted
      ? undefined
      : await broadcastCreate(ports, chain, compiled, planned, known, identity, ctx);
    try {
      const model = await readDeployment(chain, owner, dseq);
      const deposit_draws = draws
        ? drawAttributes(draws)
        : model
          ? drawsFromEscrow(model.deployment, formatCoin(deposit))
          : [];
      return model
        ? { ...known, ...chainAttributes(model, deposit.denom), hash: compiled.hashHex, deposit_draws }
        : { ...known, deposit_draws };
    } catch (error) {
      throw new PartialModelError(known, error);
    }
  },

  async read({ state, provider: ports }) {
    const { owner, dseq } = identityOf(state);
    rememberDeployment(owner, dseq); // a create of this process may not adopt it from chain
    const chain = await ports.chain();
    const model = await readDeployment(chain, owner, dseq);
    // Not on chain (yet): a create whose outcome was unknown keeps its journal entry, so should it land after
    // all, the next create adopts it rather than paying twice.
    if (!model) return null;
    ports.journal.forgetAbandoned(owner, dseq); // a state tracks it: an interrupted run's entry must not be adopted
    // Closed outside Terraform (by hand, or because the escrow ran dry): drop it so the plan creates it again.
    if (model.deployment.state !== "active") return null;
    const next: DeploymentState = {
      ...state,
      ...chainAttributes(model, escrowDenom(state.deposit, model.deployment)),
    };
    // Imported (or written before funding attributes existed): who paid and how much, as the escrow records it.
    if (state.deposit_source === null) Object.assign(next, fundingFromEscrow(model.deployment));

    if (state.deposit === null) {
      const denom = escrowDenom(null, model.deployment);
      const deposited = depositedAmount(model.deployment, denom);
      if (deposited !== undefined) next.deposit = `${deposited}${denom}`;
    }
    if (state.deposit_draws === null) {
      const denom = escrowDenom(next.deposit, model.deployment);
      const deposited = depositedAmount(model.deployment, denom);
      next.deposit_draws = drawsFromEscrow(
        model.deployment,
        deposited === undefined ? undefined : `${deposited}${denom}`,
      );
    }
    if (state.group_specs_json === null) {
      // Imported: the SDL is not on chain, but the groups are.
      next.group_specs_json = JSON.stringify(model.deployment.groups.map((g) => g.spec));
      next.groups = model.deployment.groups.map((g) => g.name);
    }
    return next;
  },

  async update({ prior, planned, provider: ports, ctx }) {
    const compiled = compileSdlAttributeOrThrow(planned.sdl);
    const chain = await ports.signingChain();
    const { owner, dseq } = identityOf(prior);
    if (prior.hash !== compiled.hashHex) {
      ctx.log.info("updating deployment manifest", { dseq: dseq.toString() });
      await chain.transactions.submit(
        { kind: "updateDeployment", owner, dseq, hash: compiled.hash },
        { signal: ctx.signal },
      );
    }
    const before = prior.deposit === null ? undefined : parseCoin(prior.deposit);
    const after = depositCoin(planned.deposit);
    let deposit_draws = prior.deposit_draws ?? [];
    if (before && after.amount > before.amount) {
      const amount = { denom: after.denom, amount: after.amount - before.amount };
      ctx.log.info("topping up escrow", { dseq: dseq.toString(), amount: formatCoin(amount) });
      await ensureFunding(
        { ports, chain, transactions: chain.transactions, signal: ctx.signal, log: ctx.log },
        fundingRequestOf(planned, owner, amount),
      );
      const topUp = await chain.transactions.submit(
        {
          kind: "accountDeposit",
          signer: owner,
          deployment: { owner, dseq },
          amount,
          sources: sourcesFor(planned),
        },
        { signal: ctx.signal },
      );
      deposit_draws = [...deposit_draws, ...drawAttributes(topUp.deposits ?? [])];
    }
    const model = await readDeployment(chain, owner, dseq);
    if (!model)
      throw new DiagnosticError(
        "Deployment disappeared",
        `Deployment ${owner}/${dseq} is no longer on chain.`,
      );
    const fresh = chainAttributes(model, after.denom);
    // When the plan promised values (nothing was sent to the chain, e.g. only the SDL text was filled in after an
    // import), terraform requires exactly those back even though the escrow moved on meanwhile: the planned value
    // is null only where it was unknown.
    return {
      ...planned,
      ...fresh,
      state: planned.state ?? fresh.state,
      balance: planned.balance ?? fresh.balance,
      runway: planned.runway ?? fresh.runway,
      group_states: planned.group_states ?? fresh.group_states,
      hash: compiled.hashHex,
      deposit_draws,
    };
  },

  async delete({ state, provider: ports, ctx }) {
    const { owner, dseq } = identityOf(state);
    const chain = await ports.signingChain();
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

  async importState({ id, provider: ports }) {
    const chain = await ports.chain();
    const { owner: given, dseq, sdlFile } = parseDeploymentImportId(id);
    const owner = given ?? (await ports.signerAddress());
    const deployment = await chain.deployment(owner, dseq);
    if (!deployment) {
      throw new DiagnosticError(
        "Deployment not found",
        `No deployment ${owner}/${dseq} exists on chain ${await chain.chainId()}.`,
      );
    }
    return {
      sdl: null,
      deposit: null,
      create_key: null,
      id: `${owner}/${dseq}`,
      owner,
      dseq: dseq.toString(),
      hash: toHex(deployment.hash),
      manifest_json: null,
      manifest_summary: null,
      group_specs_json: null,
      groups: null,
      services: null,
      ...(sdlFile === undefined ? {} : importedSdl(ports, sdlFile, deployment)),
      state: deployment.state,
      group_states: null,
      deposit_source: null,
      deposit_granter: null,
      mint_act: null,
      mint_act_max_burn: null,
      deposit_draws: null,
      balance: null,
      runway: null,
    };
  },
});

/** Chain and gateway failures reach the user as diagnostics (see domain/user-errors.ts). */
export const deploymentResource = withUserErrors(deploymentDefinition);
