/**
 * The ports for one configured provider block. Chain and gateway clients are created on first use and the
 * adapters are imported lazily: a run that only compiles SDL never loads cosmjs, and no client exists unless a
 * resource needs one.
 */
import type { AkashPorts, GatewayAuth, ProviderFacts, SigningChain } from "../akash/ports/akash-ports";
import type { BidWatcher } from "../akash/ports/bid-watcher";
import type { Chain } from "../akash/ports/chain";
import type { ProviderGateway } from "../akash/ports/provider-gateway";
import type { Signer } from "../akash/ports/signer";
import type { Clock } from "../akash/ports/clock";
import type { CreateJournal } from "../akash/ports/create-journal";
import type { DseqSource, LocalFiles, TaskQueue } from "../akash/ports/akash-ports";
import { SharedBidWatcher } from "../domain/shared-bid-watcher";
import type { Logger } from "../framework/logger";
import { requireChainSettings, type ProviderSettings } from "./config";

/** What every provider block of a process shares (built by the composition root). */
export interface ProcessServices {
  readonly journal: CreateJournal;
  readonly clock: Clock;
  readonly dseqs: DseqSource;
  readonly queue: TaskQueue;
  readonly files: LocalFiles;
  /** Chain transactions (INFO), chain RPC and gateway calls (DEBUG) are logged here. */
  readonly log: Logger;
}

export class AkashClients implements AkashPorts {
  readonly facts: ProviderFacts;
  private signerPromise: Promise<Signer> | undefined;
  private chainPromise: Promise<Chain> | undefined;
  private bidWatcherPromise: Promise<BidWatcher> | undefined;
  /** One gateway client per way of authenticating (JWT, or each client certificate). */
  private readonly gateways = new Map<string, Promise<ProviderGateway>>();

  constructor(
    readonly settings: ProviderSettings,
    private readonly process: ProcessServices,
  ) {
    this.facts = {
      hasNode: settings.nodes.length > 0,
      hasSigner: settings.mnemonic !== undefined,
      ...(settings.feeGranter ? { feeGranter: settings.feeGranter } : {}),
      ...(settings.depositGranter ? { depositGranter: settings.depositGranter } : {}),
      ...(settings.stack ? { stack: settings.stack } : {}),
    };
  }

  get journal() {
    return this.process.journal;
  }
  get clock() {
    return this.process.clock;
  }
  get dseqs() {
    return this.process.dseqs;
  }
  get queue() {
    return this.process.queue;
  }
  get files() {
    return this.process.files;
  }

  private signer(): Promise<Signer> {
    requireChainSettings(this.settings, true);
    const mnemonic = this.settings.mnemonic ?? "";
    this.signerPromise ??= import("../akash/adapters/cosmos/mnemonic-signer").then((m) =>
      m.mnemonicSigner(mnemonic),
    );
    return this.signerPromise;
  }

  async signerAddress(): Promise<string> {
    return (await this.signer()).address;
  }

  chain(): Promise<Chain> {
    requireChainSettings(this.settings, false);
    this.chainPromise ??= (async () => {
      const { createCosmosChain } = await import("../akash/adapters/cosmos/cosmos-chain");
      return createCosmosChain({
        nodes: this.settings.nodes,
        chainId: this.settings.chainId,
        signer: this.settings.mnemonic ? await this.signer() : undefined,
        gasPrice: this.settings.gasPrice,
        gasAdjustment: this.settings.gasAdjustment,
        ...(this.settings.feeGranter ? { feeGranter: this.settings.feeGranter } : {}),
        log: this.process.log,
      });
    })();
    return this.chainPromise;
  }

  /** One per chain client: every lease of this provider block waiting for bids shares its polls. */
  bidWatcher(): Promise<BidWatcher> {
    this.bidWatcherPromise ??= this.chain().then((chain) => new SharedBidWatcher(chain, this.process.clock));
    return this.bidWatcherPromise;
  }

  async signingChain(): Promise<SigningChain> {
    requireChainSettings(this.settings, true);
    const chain = await this.chain();
    const transactions = chain.transactions;
    if (!transactions) throw new Error("the chain client has no signer although a mnemonic is configured");
    return Object.assign(chain, { transactions });
  }

  gateway(auth: GatewayAuth): Promise<ProviderGateway> {
    const key = auth.kind === "jwt" ? "jwt" : `mtls:${auth.certPem}`;
    let client = this.gateways.get(key);
    if (!client) {
      client = (async () => {
        // Under mTLS the certificate is the credential: no key is needed.
        const [{ ProviderGatewayClient }, signer, chain] = await Promise.all([
          import("../akash/adapters/gateway/provider-gateway-client"),
          auth.kind === "mtls" && this.settings.mnemonic === undefined ? undefined : this.signer(),
          this.chain(),
        ]);
        return new ProviderGatewayClient({
          ...(signer ? { signer } : {}),
          // The key of a client certificate stays in memory only.
          ...(auth.kind === "mtls"
            ? { clientCertificate: { certPem: auth.certPem, keyPem: auth.keyPem } }
            : {}),
          certificates: async (owner: string) =>
            (await chain.certificates(owner, { state: "valid" })).map((c) => c.certPem),
          log: this.process.log,
        });
      })();
      this.gateways.set(key, client);
    }
    return client;
  }
}
