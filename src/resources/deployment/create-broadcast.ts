/** Creating the deployment on chain: who creates it (the memo identity) and the journaled MsgCreateDeployment. */
import type { AkashPorts, SigningChain } from "../../akash/ports/akash-ports";
import type { Coin, DepositDraw } from "../../akash/ports/chain";
import {
  derivedKeyHash,
  explicitKeyHash,
  stackHash,
  type DeploymentIdentity,
} from "../../akash/ports/deployment-identity";
import { isChainError } from "../../akash/ports/errors";
import { parseCoin } from "../../domain/coin-text";
import { toHex } from "../../domain/hex";
import { outcomeUnknown } from "../../domain/transaction-outcome";
import { DiagnosticError } from "../../framework/diagnostics";
import type { OperationContext } from "../../framework/resource";
import { PartialModelError } from "../../framework/typed-resource";
import type { CompiledSdl } from "../../sdl";
import { depositText } from "./deployment-checks";
import type { DeploymentModel } from "./deployment-schema";
import { ensureFunding } from "./funding";
import { fundingRequestOf, sourcesFor } from "./funding-config";

/** The deposit as a coin; validation already checked it. */
export function depositCoin(deposit: string | null): Coin {
  const text = depositText(deposit);
  const coin = parseCoin(text);
  if (!coin) throw new DiagnosticError("Invalid deposit", `"${text}" is not a coin amount.`, ["deposit"]);
  return coin;
}

/** Who creates the deployment, as its create memo says (see deployment-identity.ts). */
export function deploymentIdentity(
  owner: string,
  stack: string | undefined,
  createKey: string | null,
  compiled: CompiledSdl,
): DeploymentIdentity {
  return {
    stack: stackHash(owner, stack),
    key: createKey ? explicitKeyHash(createKey) : derivedKeyHash(compiled.hashHex, compiled.placements),
  };
}

/**
 * Sends MsgCreateDeployment, journaled first so a killed run can be recovered from. When the outcome is unknown
 * and the deployment is on chain after all, it is returned as partial (tainted) state.
 */
export async function broadcastCreate(
  ports: AkashPorts,
  chain: SigningChain,
  compiled: CompiledSdl,
  planned: DeploymentModel,
  known: DeploymentModel,
  identity: DeploymentIdentity,
  ctx: OperationContext,
): Promise<DepositDraw[] | undefined> {
  const owner = chain.transactions.signerAddress;
  const dseq = BigInt(known.dseq ?? "0");
  const deposit = depositCoin(planned.deposit);
  // Nothing is sent unless the deposit can be paid (minting ACT first when needed and allowed).
  await ensureFunding(
    { ports, chain, transactions: chain.transactions, signal: ctx.signal, log: ctx.log },
    fundingRequestOf(planned, owner, deposit),
  );
  ports.journal.record({
    owner,
    dseq,
    hash: compiled.hashHex,
    chainId: await chain.chainId(),
    height: await chain.latestHeight(),
  });
  try {
    const result = await chain.transactions.submit(
      {
        kind: "createDeployment",
        owner,
        dseq,
        groups: compiled.groupSpecsGoJson,
        hash: compiled.hash,
        deposit,
        sources: sourcesFor(planned),
        ...(compiled.reclamation ? { reclamation: compiled.reclamation } : {}),
        identity,
      },
      { signal: ctx.signal },
    );
    return result.deposits ?? [];
  } catch (error) {
    if (isChainError(error, "already-exists")) {
      // Our own dseq already on chain: an earlier attempt of this very create landed (its answer was lost).
      chain.invalidate();
      const existing = await chain.deployment(owner, dseq).catch(() => undefined);
      if (existing?.state === "active" && toHex(existing.hash) === compiled.hashHex) {
        ctx.log.warn("adopting the deployment an earlier attempt of this create put on chain", {
          owner,
          dseq: dseq.toString(),
        });
        return undefined; // who paid is read from the escrow
      }
      throw new PartialModelError(known, error); // tracked (tainted): the next apply replaces it
    }
    if (!outcomeUnknown(error)) {
      ports.journal.forget(owner, dseq); // the chain refused it: nothing was created
      throw error;
    }
    // The transaction may have been included even though we stopped waiting: never lose track of money. The
    // state keeps the dseq (tainted); should it land later, the journal entry lets the next apply adopt it.
    chain.invalidate();
    const onChain = await chain.deployment(owner, dseq).catch(() => undefined);
    if (!onChain) ports.journal.markUnresolved(owner, dseq);
    throw new PartialModelError(known, error);
  }
}
