/**
 * The Chain and SigningChain ports over a FakeLedger. Queries answer from the ledger (copies, so a resource
 * cannot change the ledger by mutating what it got); `submit` applies the message. `failNext` makes the next call
 * of a message kind or query fail with a given error, before or after the message took effect (an outcome the
 * caller cannot know: the transaction landed but the answer was lost). Queries the fakes do not model reject
 * loudly instead of answering something made up.
 */
import type {
  AccountInfo,
  Chain,
  ChainMessage,
  ChainMessageKind,
  ChainQueries,
  ChainTransactions,
  Coin,
  Deployment,
  DeploymentCreateMemo,
  Lease,
  SubmitOptions,
  SubmitResult,
} from "../../../src/akash/ports/chain";
import { ChainError } from "../../../src/akash/ports/errors";
import type { FakeLedger } from "./fake-ledger";

export type FailurePoint = ChainMessageKind | keyof ChainQueries;

interface Failure {
  error: Error;
  /** The message is applied first, then the error is raised (a lost answer). */
  afterApplying: boolean;
}

function copy<T>(value: T): T {
  return structuredClone(value);
}

export class FakeChain implements Chain {
  readonly transactions: ChainTransactions | undefined;
  /** Messages that took effect, in order. */
  readonly submitted: ChainMessage[] = [];
  invalidations = 0;
  closed = false;
  /** Whether the node indexes transactions (deploymentCreateMemo fails with "invalid-request" otherwise). */
  indexesTxs = true;
  private readonly failures = new Map<FailurePoint, Failure[]>();
  private readonly sideEffects = new Map<ChainMessageKind, (() => void)[]>();

  constructor(
    readonly ledger: FakeLedger,
    signer: string | undefined,
  ) {
    this.transactions =
      signer === undefined
        ? undefined
        : { signerAddress: signer, submit: (message, options) => this.submit(signer, message, options) };
  }

  /** The next call of `point` rejects with `error`. */
  failNext(point: FailurePoint, error: Error, options: { afterApplying?: boolean } = {}): void {
    const queue = this.failures.get(point) ?? [];
    queue.push({ error, afterApplying: options.afterApplying ?? false });
    this.failures.set(point, queue);
  }

  /** Right after the next `kind` message takes effect, `effect` changes the ledger (someone else acted meanwhile). */
  meanwhile(kind: ChainMessageKind, effect: () => void): void {
    this.sideEffects.set(kind, [...(this.sideEffects.get(kind) ?? []), effect]);
  }

  private takeFailure(point: FailurePoint): Failure | undefined {
    return this.failures.get(point)?.shift();
  }

  private async answer<T>(point: keyof ChainQueries, value: () => T): Promise<T> {
    await Promise.resolve();
    const failure = this.takeFailure(point);
    if (failure) throw failure.error;
    return copy(value());
  }

  private async submit(
    signer: string,
    message: ChainMessage,
    options?: SubmitOptions,
  ): Promise<SubmitResult> {
    await Promise.resolve();
    if (options?.signal?.aborted)
      throw new ChainError("aborted", "Cancelled before the transaction was sent.");
    const failure = this.takeFailure(message.kind);
    if (failure && !failure.afterApplying) throw failure.error;
    const result = this.ledger.apply(message, signer);
    this.submitted.push(message);
    this.ledger.accountsWithPubkey.add(signer);
    const height = this.ledger.height;
    this.ledger.tick();
    this.sideEffects.get(message.kind)?.shift()?.();
    if (failure) throw failure.error;
    return {
      txHash: result.txHash,
      height,
      events: [],
      ...(result.deposits ? { deposits: copy(result.deposits) } : {}),
    };
  }

  /** The messages of one kind that took effect. */
  sent<K extends ChainMessageKind>(kind: K): Extract<ChainMessage, { kind: K }>[] {
    return this.submitted.filter((m): m is Extract<ChainMessage, { kind: K }> => m.kind === kind);
  }

  invalidate(): void {
    this.invalidations++;
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  chainId = () => this.answer("chainId", () => this.ledger.chainId);
  latestHeight = () => this.answer("latestHeight", () => this.ledger.height);
  averageBlockSeconds = () => this.answer("averageBlockSeconds", () => this.ledger.blockSeconds);

  account = (address: string) =>
    this.answer("account", (): AccountInfo | undefined =>
      this.ledger.balances.has(address)
        ? {
            address,
            accountNumber: 7n,
            sequence: 3n,
            hasPubkey: this.ledger.accountsWithPubkey.has(address),
          }
        : undefined,
    );

  balances = (address: string) =>
    this.answer("balances", (): Coin[] =>
      [...(this.ledger.balances.get(address) ?? new Map<string, bigint>())]
        .filter(([, amount]) => amount > 0n)
        .map(([denom, amount]) => ({ denom, amount }))
        .sort((a, b) => a.denom.localeCompare(b.denom)),
    );

  deployment = (owner: string, dseq: bigint) =>
    this.answer("deployment", (): Deployment | undefined => this.ledger.deployment(owner, dseq));

  deployments = (owner: string, filter?: { state?: Deployment["state"] }) =>
    this.answer("deployments", () =>
      [...this.ledger.deployments.values()].filter(
        (d) => d.id.owner === owner && (filter?.state === undefined || d.state === filter.state),
      ),
    );

  deploymentCreateMemo = (owner: string, dseq: bigint, height: bigint) => {
    if (!this.indexesTxs)
      return Promise.reject(new ChainError("invalid-request", "The node does not index transactions."));
    return this.answer("deploymentCreateMemo", (): DeploymentCreateMemo | undefined =>
      this.ledger.createMemos.get(`${owner}/${dseq}@${height}`),
    );
  };

  bids = (owner: string, dseq: bigint, filter?: { gseq?: number; state?: string }) =>
    this.answer("bids", () =>
      this.ledger.bids.filter(
        (b) =>
          b.id.owner === owner &&
          b.id.dseq === dseq &&
          (filter?.gseq === undefined || b.id.gseq === filter.gseq) &&
          (filter?.state === undefined || b.state === filter.state),
      ),
    );

  leases = (owner: string, filter?: { dseq?: bigint; state?: Lease["state"] }) =>
    this.answer("leases", () =>
      this.ledger.leases.filter(
        (l) =>
          l.id.owner === owner &&
          (filter?.dseq === undefined || l.id.dseq === filter.dseq) &&
          (filter?.state === undefined || l.state === filter.state),
      ),
    );

  provider = (address: string) =>
    this.answer("provider", () => this.ledger.providers.find((p) => p.owner === address));
  providers = () => this.answer("providers", () => this.ledger.providers);
  auditedAttributes = (provider?: string) =>
    this.answer("auditedAttributes", () =>
      this.ledger.audits.filter((a) => provider === undefined || a.provider === provider),
    );

  certificates = (owner: string, filter?: { state?: "valid" | "revoked" }) =>
    this.answer("certificates", () =>
      this.ledger.certificates.filter(
        (c) => c.owner === owner && (filter?.state === undefined || c.state === filter.state),
      ),
    );

  deploymentParams = () => this.answer("deploymentParams", () => this.ledger.deploymentParams);
  marketParams = () => this.answer("marketParams", () => this.ledger.marketParams);

  bmeStatus = () =>
    this.answer("bmeStatus", () => {
      if (!this.ledger.bme.mintsAllowed && this.ledger.bme.status === "stalled")
        throw new ChainError("mint-unavailable", "The AKT oracle price is stalled.");
      return this.ledger.bme;
    });

  bmeParams = () => this.unmodelled("bmeParams");
  oraclePrice = () => this.unmodelled("oraclePrice");

  actMintQuote = (want: Coin) =>
    this.answer("actMintQuote", () => {
      const burn = (want.amount + this.ledger.actPerAkt - 1n) / this.ledger.actPerAkt;
      return {
        burn: { denom: "uakt", amount: burn },
        receive: { denom: "uact", amount: burn * this.ledger.actPerAkt },
        price: this.ledger.actPerAkt.toString(),
        spreadBps: 0,
        belowMinimum: want.amount < this.ledger.minMint.amount,
        minMint: this.ledger.minMint,
      };
    });

  depositGrants = (filter: { granter?: string; grantee?: string }) =>
    this.answer("depositGrants", () =>
      this.ledger.depositGrants.filter(
        (g) =>
          (filter.granter === undefined || g.granter === filter.granter) &&
          (filter.grantee === undefined || g.grantee === filter.grantee),
      ),
    );

  feeAllowances = (filter: { granter?: string; grantee?: string }) =>
    this.answer("feeAllowances", () =>
      this.ledger.feeAllowances.filter(
        (a) =>
          (filter.granter === undefined || a.granter === filter.granter) &&
          (filter.grantee === undefined || a.grantee === filter.grantee),
      ),
    );

  private unmodelled(name: keyof ChainQueries): Promise<never> {
    return Promise.reject(
      new Error(`FakeChain: the ${name} query is not modelled; add it to the fake first`),
    );
  }
}
