/**
 * What the two grant resources (`akash_deposit_authorization`, `akash_fee_allowance`) share: a grant from the
 * provider's key (the granter) to a grantee, identified by `<granter>/<grantee>`. Create grants, read finds the
 * live grant (a grant revoked or expired outside Terraform disappears from state and is granted again), delete
 * revokes, import reads what the chain holds. Each kind says how its grant is written, read and revoked; the
 * handlers here are the same for both.
 */
import type { AkashPorts, SigningChain } from "../../akash/ports/akash-ports";
import type { Chain, ChainMessage } from "../../akash/ports/chain";
import { isChainError, type ChainErrorCode } from "../../akash/ports/errors";
import { parseGrantImportId, requireGranter } from "../../domain/grant-terms";
import { DiagnosticError } from "../../framework/diagnostics";
import type { OperationContext } from "../../framework/resource";

/** The identity every grant's configured model has. */
export interface GrantModelFields {
  grantee: string;
}

/** The identity every grant's state has. */
export interface GrantStateFields {
  granter: string | null;
  grantee: string | null;
}

/**
 * One kind of grant over its model `M`, its state `SM`, the chain's `Live` grant and `Part`, the attributes a
 * live grant determines.
 */
export interface GrantKind<
  M extends GrantModelFields,
  SM extends GrantStateFields,
  Live,
  Part extends object,
> {
  /** In messages: "deposit authorization", "fee allowance". */
  what: string;
  /** The grant authz still honours (not revoked, not expired at `now`). */
  live(chain: Chain, granter: string, grantee: string, now: Date): Promise<Live | undefined>;
  /** Whether any grant exists for the pair, expired ones included (they still occupy the pair on chain). */
  exists(chain: Chain, granter: string, grantee: string): Promise<boolean>;
  grantMessage(planned: M, granter: string, grantee: string): ChainMessage;
  revokeMessage(granter: string, grantee: string): ChainMessage;
  /**
   * The chain refuses a second grant for the pair (fee allowances): a create that finds one fails, and an update
   * revokes before granting again. Otherwise a new grant replaces the old one.
   */
  onePerPair: boolean;
  /** Chain error codes that mean "already revoked" on delete. */
  goneCodes: readonly ChainErrorCode[];
  /** The attributes the live grant determines; `configured` keeps the user's spelling of equal values. */
  fromChain(configured: M | SM, live: Live): Part;
  /** The state an import starts from: what the chain holds is taken as configured. */
  imported(live: Live): SM;
}

interface Request<P> {
  provider: AkashPorts;
  ctx: OperationContext;
  planned: P;
}

function identityOf(state: GrantStateFields, what: string): { granter: string; grantee: string } {
  if (state.granter === null || state.grantee === null) {
    throw new DiagnosticError(
      `Incomplete ${what} state`,
      `The state has no granter or grantee for this ${what}.`,
    );
  }
  return { granter: state.granter, grantee: state.grantee };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const now = (ports: AkashPorts) => new Date(ports.clock.now());

/** Create and update: grants anew (authz has no update; one per pair means a revoke comes first). */
async function grantOnChain<
  M extends GrantModelFields,
  SM extends GrantStateFields,
  Live,
  Part extends object,
>(kind: GrantKind<M, SM, Live, Part>, { planned, provider: ports, ctx }: Request<M>, replacing: boolean) {
  const chain: SigningChain = await ports.signingChain();
  const granter = chain.transactions.signerAddress;
  const { grantee } = planned;
  requireGranter(granter, granter, grantee, kind.what);
  if (kind.onePerPair) {
    const existing = await kind.live(chain, granter, grantee, now(ports));
    if (existing && !replacing) {
      throw new DiagnosticError(
        `${capitalized(kind.what)} already exists`,
        `${granter} already gives ${grantee} a ${kind.what}. The chain allows one per pair: import it ` +
          `(\`terraform import <address> ${grantee}\`) or revoke it first.`,
      );
    }
    if (await kind.exists(chain, granter, grantee)) {
      await chain.transactions.submit(kind.revokeMessage(granter, grantee), { signal: ctx.signal });
    }
  }
  await chain.transactions.submit(kind.grantMessage(planned, granter, grantee), { signal: ctx.signal });
  const live = await kind.live(chain, granter, grantee, now(ports));
  if (!live) {
    throw new DiagnosticError(
      `${capitalized(kind.what)} not found after granting`,
      `The grant from ${granter} to ${grantee} was accepted but cannot be read back; run terraform refresh.`,
    );
  }
  return { ...planned, granter, ...kind.fromChain(planned, live) };
}

/** Delete: revokes the grant; one already revoked, used up or expired is gone already. */
async function revokeOnChain<
  M extends GrantModelFields,
  SM extends GrantStateFields,
  Live,
  Part extends object,
>(
  kind: GrantKind<M, SM, Live, Part>,
  { state, provider: ports, ctx }: { state: SM; provider: AkashPorts; ctx: OperationContext },
) {
  const chain = await ports.signingChain();
  const { granter, grantee } = identityOf(state, kind.what);
  requireGranter(chain.transactions.signerAddress, granter, grantee, kind.what);
  if (!(await kind.exists(chain, granter, grantee))) return; // already revoked
  try {
    await chain.transactions.submit(kind.revokeMessage(granter, grantee), { signal: ctx.signal });
  } catch (error) {
    if (kind.goneCodes.some((code) => isChainError(error, code))) return;
    throw error;
  }
}

/** create, update, read, delete and import of a grant resource. */
export function grantHandlers<
  M extends GrantModelFields,
  SM extends GrantStateFields,
  Live,
  Part extends object,
>(kind: GrantKind<M, SM, Live, Part>) {
  return {
    create: (req: Request<M>) => grantOnChain(kind, req, false),
    update: (req: Request<M>) => grantOnChain(kind, req, true),

    async read({ state, provider: ports, ctx }: { state: SM; provider: AkashPorts; ctx: OperationContext }) {
      const chain = await ports.chain();
      const { granter, grantee } = identityOf(state, kind.what);
      const live = await kind.live(chain, granter, grantee, now(ports));
      if (!live) {
        ctx.log.info(`${kind.what} revoked, used up or expired outside terraform`, { granter, grantee });
        return null;
      }
      return { ...state, ...kind.fromChain(state, live) };
    },

    delete: (req: { state: SM; provider: AkashPorts; ctx: OperationContext }) => revokeOnChain(kind, req),

    async importState({ id, provider: ports }: { id: string; provider: AkashPorts }) {
      const parsed = parseGrantImportId(id);
      const granter = parsed.granter ?? (await ports.signerAddress());
      const chain = await ports.chain();
      const live = await kind.live(chain, granter, parsed.grantee, now(ports));
      if (!live) {
        throw new DiagnosticError(
          `${capitalized(kind.what)} not found`,
          `${granter} has no live ${kind.what} for ${parsed.grantee} on chain ${await chain.chainId()}.`,
        );
      }
      return kind.imported(live);
    },
  };
}
