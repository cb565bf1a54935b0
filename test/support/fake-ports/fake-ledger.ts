/**
 * The state a fake chain holds: balances, certificates, deployments with their groups and escrow, bids, leases,
 * providers, deposit grants and fee allowances. `apply` executes one message with the refusals the localnet's
 * modules make (src/localnet/chain/modules/akash/**), raised as the port's ChainError with the code the Cosmos
 * adapter would translate the chain's text to (the raw text is kept in `detail`). Fees are not modelled.
 */
import type {
  AuditedAttributes,
  Bid,
  BidId,
  BmeStatus,
  Certificate,
  ChainMessage,
  Coin,
  DecCoin,
  Deployment,
  DeploymentCreateMemo,
  DeploymentParams,
  DepositDraw,
  DepositGrant,
  DepositSource,
  FeeAllowance,
  Group,
  GroupId,
  Lease,
  LeaseId,
  MarketParams,
  OfferedResources,
  Provider,
} from "../../../src/akash/ports/chain";
import { identityMemo } from "../../../src/akash/ports/deployment-identity";
import { ChainError, type ChainErrorCode } from "../../../src/akash/ports/errors";
import { certificateFacts } from "../../../src/resources/certificate/client-certificate";

export function refusal(code: ChainErrorCode, chainText: string): ChainError {
  return new ChainError(code, `The chain refused the transaction: ${chainText}.`, chainText);
}

const deploymentKey = (owner: string, dseq: bigint) => `${owner}/${dseq}`;
const sameBid = (a: BidId, b: BidId) =>
  a.owner === b.owner &&
  a.dseq === b.dseq &&
  a.gseq === b.gseq &&
  a.oseq === b.oseq &&
  a.provider === b.provider;

/** A pending MsgMintACT: executed at the next block. */
interface PendingMint {
  owner: string;
  burn: Coin;
}

export interface BidOffer {
  price: string;
  denom?: string;
  reclamationWindowSeconds?: number;
  resourcesOffer?: OfferedResources[];
}

export class FakeLedger {
  chainId = "fakenet-1";
  height = 100n;
  blockSeconds = 6;
  deploymentParams: DeploymentParams = { minDeposits: [{ denom: "uact", amount: 500_000n }] };
  marketParams: MarketParams = {
    bidMinDeposits: [{ denom: "uact", amount: 500_000n }],
    orderMaxBids: 20,
    minReclamationWindowSeconds: 60,
    maxReclamationWindowSeconds: 720 * 3600,
  };
  bme: BmeStatus = { status: "healthy", mintsAllowed: true, refundsAllowed: true, collateralRatio: "1.5" };
  /** uact minted per uakt burnt. */
  actPerAkt = 3n;
  minMint: Coin = { denom: "uact", amount: 10_000_000n };
  /** False: burnt AKT waits for a BME epoch that never comes. */
  mintsExecute = true;

  readonly balances = new Map<string, Map<string, bigint>>();
  readonly accountsWithPubkey = new Set<string>();
  readonly certificates: Certificate[] = [];
  readonly deployments = new Map<string, Deployment>();
  readonly createMemos = new Map<string, DeploymentCreateMemo>();
  readonly bids: Bid[] = [];
  readonly leases: Lease[] = [];
  readonly providers: Provider[] = [];
  readonly audits: AuditedAttributes[] = [];
  depositGrants: DepositGrant[] = [];
  feeAllowances: FeeAllowance[] = [];
  private readonly pendingMints: PendingMint[] = [];
  private txCount = 0;

  /** `now` is the chain's block time (expirations are judged by it). */
  constructor(private readonly now: () => number) {}

  // ---- setup ----

  fund(address: string, ...coins: Coin[]): void {
    for (const coin of coins) this.credit(address, coin);
  }

  balanceOf(address: string, denom: string): bigint {
    return this.balances.get(address)?.get(denom) ?? 0n;
  }

  addProvider(owner: string, attributes: Record<string, string> = {}): Provider {
    const provider: Provider = {
      owner,
      hostUri: `https://${owner.slice(-6)}.provider.test:8443`,
      attributes: Object.entries(attributes).map(([key, value]) => ({ key, value })),
      info: { email: "", website: "" },
    };
    this.providers.push(provider);
    return provider;
  }

  addAudit(provider: string, auditor: string, attributes: Record<string, string> = {}): void {
    this.audits.push({
      provider,
      auditor,
      attributes: Object.entries(attributes).map(([key, value]) => ({ key, value })),
    });
  }

  /** A provider bids on the group's current order. */
  addBid(group: GroupId, provider: string, offer: BidOffer): Bid {
    const record = this.groupRecord(group);
    const bid: Bid = {
      id: { ...group, oseq: this.orderOf(record), provider, bseq: 0 },
      state: "open",
      price: { denom: offer.denom ?? "uact", amount: offer.price },
      createdAt: this.height,
      resourcesOffer: offer.resourcesOffer ?? [],
      ...(offer.reclamationWindowSeconds === undefined
        ? {}
        : { reclamationWindowSeconds: offer.reclamationWindowSeconds }),
    };
    this.bids.push(bid);
    return bid;
  }

  /** The provider closes the lease (MsgWithdrawLease-style): the lease closes, its group pauses. */
  providerClosesLease(id: LeaseId, reason = "lease_closed_reason_unstable"): void {
    const lease = this.leaseRecord(id);
    lease.state = "closed";
    lease.closedOn = this.height;
    lease.closedReason = reason;
    const group = this.groupRecord(id);
    if (group.state === "open") group.state = "paused";
  }

  /** Closes a deployment outside Terraform (by hand, or its escrow ran dry). */
  closeOutside(owner: string, dseq: bigint): void {
    this.closeDeployment(owner, dseq);
  }

  /** Advances one block: pending mints execute. */
  tick(): void {
    this.height++;
    if (!this.mintsExecute) return;
    for (const mint of this.pendingMints.splice(0)) {
      const receive = mint.burn.amount * this.actPerAkt;
      if (receive < this.minMint.amount)
        this.credit(mint.owner, mint.burn); // cancelled: refunded
      else this.credit(mint.owner, { denom: "uact", amount: receive });
    }
  }

  deployment(owner: string, dseq: bigint): Deployment | undefined {
    return this.deployments.get(deploymentKey(owner, dseq));
  }

  group(id: GroupId): Group {
    return this.groupRecord(id);
  }

  lease(id: LeaseId): Lease | undefined {
    return this.leases.find((l) => sameBid(l.id, id));
  }

  // ---- messages ----

  /** Executes `message` signed by `signer`; what a deposit drew is returned for createDeployment/accountDeposit. */
  apply(message: ChainMessage, signer: string): { deposits?: DepositDraw[]; txHash: string } {
    const txHash = `FAKETX${++this.txCount}`;
    const need = (who: string) => {
      if (who !== signer)
        throw refusal("unauthorized", `${signer} is not the signer the message requires (${who})`);
    };
    switch (message.kind) {
      case "createCertificate": {
        need(message.owner);
        const facts = certificateFacts(message.certPem);
        if (!facts || facts.commonName !== message.owner)
          throw refusal("invalid-request", "certificate's subject common name must be the owner address");
        if (this.certificates.some((c) => c.owner === message.owner && c.serial === facts.serial))
          throw refusal("already-exists", "certificate exists");
        this.certificates.push({
          owner: message.owner,
          serial: facts.serial,
          state: "valid",
          certPem: message.certPem,
          pubkeyPem: message.pubkeyPem,
        });
        break;
      }
      case "revokeCertificate": {
        need(message.owner);
        const cert = this.certificates.find((c) => c.owner === message.owner && c.serial === message.serial);
        if (!cert) throw refusal("not-found", "certificate not found");
        if (cert.state === "revoked") throw refusal("invalid-state", "certificate already revoked");
        cert.state = "revoked";
        break;
      }
      case "createDeployment": {
        need(message.owner);
        if (message.dseq === 0n)
          throw refusal("invalid-request", "DeploymentID: Invalid Deployment Sequence");
        if (message.hash.length !== 32) throw refusal("invalid-request", "Invalid: deployment hash");
        if (message.groups.length === 0) throw refusal("invalid-request", "Invalid groups");
        if (this.deployment(message.owner, message.dseq))
          throw refusal("already-exists", "Deployment exists");
        const minimum = this.deploymentParams.minDeposits.find((c) => c.denom === message.deposit.denom);
        if (!minimum)
          throw refusal(
            "unsupported-denom",
            `Deposit invalid: Invalid deposit denomination ${message.deposit.denom}`,
          );
        if (message.deposit.amount < minimum.amount)
          throw refusal(
            "deposit-too-low",
            `Deposit too low - ${message.deposit.amount} < ${minimum.amount}uact`,
          );
        const window = message.reclamation?.minWindowSeconds;
        if (
          window !== undefined &&
          (window < this.marketParams.minReclamationWindowSeconds ||
            window > this.marketParams.maxReclamationWindowSeconds)
        )
          throw refusal(
            "invalid-request",
            "invalid reclamation configuration: min_window outside governance bounds",
          );
        const draws = this.draw(message.owner, message.deposit, message.sources ?? ["balance"]);
        const deployment: Deployment = {
          id: { owner: message.owner, dseq: message.dseq },
          state: "active",
          hash: message.hash.slice(),
          createdAt: this.height,
          groups: message.groups.map((spec, i) => ({
            id: { owner: message.owner, dseq: message.dseq, gseq: i + 1 },
            name: spec.name,
            state: "open",
            spec: structuredClone(spec),
            createdAt: this.height,
          })),
          escrow: {
            state: "open",
            funds: [{ denom: message.deposit.denom, amount: message.deposit.amount.toString() }],
            transferred: [],
            settledAt: this.height,
            deposits: draws.map((d) => ({
              owner: d.owner,
              height: this.height,
              source: d.source,
              balance: { denom: d.amount.denom, amount: d.amount.amount.toString() },
            })),
          },
          ...(message.reclamation ? { reclamation: { ...message.reclamation } } : {}),
        };
        this.deployments.set(deploymentKey(message.owner, message.dseq), deployment);
        if (message.identity) {
          this.createMemos.set(`${deploymentKey(message.owner, message.dseq)}@${this.height}`, {
            memo: identityMemo([message.identity]),
            createIndex: 0,
            txHash,
          });
        }
        return { deposits: draws, txHash };
      }
      case "updateDeployment": {
        need(message.owner);
        const deployment = this.activeDeployment(message.owner, message.dseq);
        if (Buffer.from(deployment.hash).equals(Buffer.from(message.hash)))
          throw refusal("invalid-request", "Invalid: deployment hash");
        deployment.hash = message.hash.slice();
        break;
      }
      case "closeDeployment":
        need(message.owner);
        this.activeDeployment(message.owner, message.dseq);
        this.closeDeployment(message.owner, message.dseq);
        break;
      case "accountDeposit": {
        need(message.signer);
        const deployment = this.activeDeployment(message.deployment.owner, message.deployment.dseq);
        const escrow = deployment.escrow;
        if (!escrow || escrow.state !== "open") throw refusal("invalid-state", "account closed");
        const draws = this.draw(message.signer, message.amount, message.sources ?? ["balance"]);
        const funds = escrow.funds.find((f) => f.denom === message.amount.denom);
        if (funds) funds.amount = (BigInt(funds.amount) + message.amount.amount).toString();
        else escrow.funds.push({ denom: message.amount.denom, amount: message.amount.amount.toString() });
        for (const d of draws) {
          escrow.deposits.push({
            owner: d.owner,
            height: this.height,
            source: d.source,
            balance: { denom: d.amount.denom, amount: d.amount.amount.toString() },
          });
        }
        return { deposits: draws, txHash };
      }
      case "createLease": {
        need(message.bid.owner);
        const bid = this.bids.find((b) => sameBid(b.id, message.bid));
        if (!bid) throw refusal("not-found", "invalid bid: bid not found");
        if (bid.state !== "open") throw refusal("invalid-state", "bid not open");
        this.activeDeployment(bid.id.owner, bid.id.dseq);
        if (this.groupRecord(bid.id).state !== "open") throw refusal("invalid-state", "group not open");
        for (const other of this.bids) {
          if (other.state === "open" && other.id.gseq === bid.id.gseq && other.id.oseq === bid.id.oseq)
            other.state = other === bid ? "active" : "lost";
        }
        this.leases.push({
          id: { ...bid.id },
          state: "active",
          price: { ...bid.price },
          createdAt: this.height,
          closedOn: 0n,
          closedReason: "",
          ...(bid.reclamationWindowSeconds
            ? { reclamation: { windowSeconds: bid.reclamationWindowSeconds } }
            : {}),
        });
        break;
      }
      case "closeLease": {
        need(message.lease.owner);
        const lease = this.lease(message.lease);
        if (!lease) throw refusal("not-found", "invalid lease: lease not found");
        if (lease.state !== "active" && lease.state !== "reclaiming")
          throw refusal("invalid-state", "order closed");
        this.closeLeaseRecord(lease, "lease_closed_owner");
        break;
      }
      case "startGroup": {
        need(message.group.owner);
        this.activeDeployment(message.group.owner, message.group.dseq);
        const group = this.groupRecord(message.group);
        if (group.state === "open") throw refusal("invalid-state", "Group open");
        if (group.state !== "paused") throw refusal("invalid-state", "Group already closed");
        group.state = "open";
        this.orders.set(this.groupKey(group.id), this.orderOf(group) + 1);
        break;
      }
      case "mintAct": {
        need(message.owner);
        if (!this.bme.mintsAllowed) throw refusal("mint-unavailable", "mint halted: price stalled");
        if (this.balanceOf(message.owner, message.amount.denom) < message.amount.amount)
          throw refusal("insufficient-funds", `insufficient funds: ${message.amount.denom}`);
        this.debit(message.owner, message.amount);
        this.pendingMints.push({ owner: message.owner, burn: { ...message.amount } });
        break;
      }
      case "grantDepositAuthorization": {
        need(message.granter);
        this.checkGrant(message.granter, message.grantee, message.expiration);
        this.depositGrants = this.depositGrants.filter(
          (g) => !(g.granter === message.granter && g.grantee === message.grantee),
        );
        this.depositGrants.push({
          granter: message.granter,
          grantee: message.grantee,
          spendLimits: message.spendLimits.map((c) => ({ ...c })),
          scopes: [...(message.scopes ?? ["deployment"])],
          ...(message.expiration ? { expiration: message.expiration } : {}),
        });
        break;
      }
      case "revokeDepositAuthorization": {
        need(message.granter);
        const before = this.depositGrants.length;
        this.depositGrants = this.depositGrants.filter(
          (g) => !(g.granter === message.granter && g.grantee === message.grantee),
        );
        if (this.depositGrants.length === before)
          throw refusal("grant-unavailable", "authorization not found");
        break;
      }
      case "grantFeeAllowance": {
        need(message.granter);
        this.checkGrant(message.granter, message.grantee, message.expiration);
        if (this.feeAllowances.some((a) => a.granter === message.granter && a.grantee === message.grantee))
          throw refusal("already-exists", "fee allowance already exists");
        if (message.period) {
          for (const coin of message.period.spendLimit) {
            const total = message.spendLimit.find((c) => c.denom === coin.denom);
            if (message.spendLimit.length > 0 && (!total || total.amount < coin.amount))
              throw refusal("invalid-request", "period spend limit exceeds total spend limit");
          }
        }
        this.feeAllowances.push({
          granter: message.granter,
          grantee: message.grantee,
          kind: message.period ? "periodic" : "basic",
          spendLimit: message.spendLimit.map((c) => ({ ...c })),
          ...(message.expiration ? { expiration: message.expiration } : {}),
          ...(message.period
            ? {
                period: {
                  seconds: message.period.seconds,
                  spendLimit: message.period.spendLimit.map((c) => ({ ...c })),
                  canSpend: message.period.spendLimit.map((c) => ({ ...c })),
                  reset: new Date(this.now() + message.period.seconds * 1000),
                },
              }
            : {}),
        });
        break;
      }
      case "revokeFeeAllowance": {
        need(message.granter);
        const before = this.feeAllowances.length;
        this.feeAllowances = this.feeAllowances.filter(
          (a) => !(a.granter === message.granter && a.grantee === message.grantee),
        );
        if (this.feeAllowances.length === before) throw refusal("not-found", "fee-grant not found");
        break;
      }
      case "startLeaseReclaim":
        throw new Error("FakeLedger: startLeaseReclaim is not modelled (a provider-signed message)");
    }
    return { txHash };
  }

  // ---- internals ----

  /** The current order sequence of each group (a group starts with order 1; reopening makes a new one). */
  private readonly orders = new Map<string, number>();

  private groupKey(id: GroupId): string {
    return `${id.owner}/${id.dseq}/${id.gseq}`;
  }

  private orderOf(group: Group): number {
    return this.orders.get(this.groupKey(group.id)) ?? 1;
  }

  private groupRecord(id: GroupId): Group {
    const group = this.deployment(id.owner, id.dseq)?.groups.find((g) => g.id.gseq === id.gseq);
    if (!group) throw refusal("not-found", "Group not found");
    return group;
  }

  private leaseRecord(id: LeaseId): Lease {
    const lease = this.lease(id);
    if (!lease) throw refusal("not-found", "invalid lease: lease not found");
    return lease;
  }

  private activeDeployment(owner: string, dseq: bigint): Deployment {
    const deployment = this.deployment(owner, dseq);
    if (!deployment) throw refusal("not-found", "Deployment not found");
    if (deployment.state !== "active") throw refusal("invalid-state", "Deployment closed");
    return deployment;
  }

  private closeLeaseRecord(lease: Lease, reason: string): void {
    lease.state = "closed";
    lease.closedOn = this.height;
    lease.closedReason = reason;
    const bid = this.bids.find((b) => sameBid(b.id, lease.id));
    if (bid) bid.state = "closed";
    // The owner closed it: a still-open group gets a fresh order.
    const group = this.groupRecord(lease.id);
    if (group.state === "open" && reason === "lease_closed_owner")
      this.orders.set(this.groupKey(group.id), this.orderOf(group) + 1);
  }

  private closeDeployment(owner: string, dseq: bigint): void {
    const deployment = this.deployment(owner, dseq);
    if (!deployment) throw refusal("not-found", "Deployment not found");
    deployment.state = "closed";
    for (const group of deployment.groups) group.state = "closed";
    for (const lease of this.leases) {
      if (lease.id.owner === owner && lease.id.dseq === dseq && lease.state === "active") {
        lease.state = "closed";
        lease.closedOn = this.height;
        lease.closedReason = "lease_closed_owner";
      }
    }
    const escrow = deployment.escrow;
    if (!escrow) return;
    escrow.state = "closed";
    // Unspent funds go back where they came from (nothing is spent: settlement is not modelled).
    for (const deposit of escrow.deposits) {
      const coin = { denom: deposit.balance.denom, amount: BigInt(deposit.balance.amount) };
      if (deposit.source === "balance") this.credit(deposit.owner, coin);
      else {
        const grant = this.depositGrants.find((g) => g.granter === deposit.owner && g.grantee === owner);
        const limit = grant?.spendLimits.find((c) => c.denom === coin.denom);
        if (limit) limit.amount += coin.amount;
      }
    }
    escrow.funds = escrow.funds.map((f): DecCoin => ({ denom: f.denom, amount: "0" }));
  }

  private checkGrant(granter: string, grantee: string, expiration: Date | undefined): void {
    if (granter === grantee) throw refusal("invalid-request", "grantee and granter should be different");
    if (expiration && expiration.getTime() <= this.now())
      throw refusal("invalid-request", "expiration must be after the current block time");
  }

  /** Takes `amount` from the sources in order, as the escrow module does; refuses when they cannot cover it. */
  private draw(owner: string, amount: Coin, sources: DepositSource[]): DepositDraw[] {
    let left = amount.amount;
    const draws: DepositDraw[] = [];
    const take: { source: DepositSource; from: string; available: bigint; spend: (n: bigint) => void }[] = [];
    for (const source of sources) {
      if (source === "balance") {
        take.push({
          source,
          from: owner,
          available: this.balanceOf(owner, amount.denom),
          spend: (n) => this.debit(owner, { denom: amount.denom, amount: n }),
        });
      } else {
        const grants = this.depositGrants
          .filter(
            (g) =>
              g.grantee === owner &&
              g.scopes.includes("deployment") &&
              (!g.expiration || g.expiration.getTime() > this.now()),
          )
          .sort((a, b) => (a.granter < b.granter ? -1 : 1));
        for (const grant of grants) {
          const limit = grant.spendLimits.find((c) => c.denom === amount.denom);
          if (!limit) continue;
          take.push({
            source,
            from: grant.granter,
            available:
              limit.amount < this.balanceOf(grant.granter, amount.denom)
                ? limit.amount
                : this.balanceOf(grant.granter, amount.denom),
            spend: (n) => {
              limit.amount -= n;
              this.debit(grant.granter, { denom: amount.denom, amount: n });
            },
          });
        }
      }
    }
    const total = take.reduce((sum, t) => sum + t.available, 0n);
    if (total < left) {
      throw sources.includes("grant") && !sources.includes("balance")
        ? refusal("grant-unavailable", "authorization not found: no deposit authorization covers the deposit")
        : refusal(
            "insufficient-funds",
            `insufficient funds: ${total}${amount.denom} < ${amount.amount}${amount.denom}`,
          );
    }
    for (const t of take) {
      if (left === 0n) break;
      const n = t.available < left ? t.available : left;
      if (n === 0n) continue;
      t.spend(n);
      left -= n;
      draws.push({ source: t.source, owner: t.from, amount: { denom: amount.denom, amount: n } });
    }
    return draws;
  }

  private credit(address: string, coin: Coin): void {
    const coins = this.balances.get(address) ?? new Map<string, bigint>();
    coins.set(coin.denom, (coins.get(coin.denom) ?? 0n) + coin.amount);
    this.balances.set(address, coins);
  }

  private debit(address: string, coin: Coin): void {
    const have = this.balanceOf(address, coin.denom);
    if (have < coin.amount) throw refusal("insufficient-funds", `insufficient funds: ${have}${coin.denom}`);
    this.balances.get(address)?.set(coin.denom, have - coin.amount);
  }
}
