/**
 * Creates the chain and provider-gateway clients on first use. The adapters are imported lazily: a run that only
 * compiles SDL never loads cosmjs, and no client exists unless a resource needs one.
 */
import type { Chain, ChainTransactions } from "../akash/ports/chain";
import type { ProviderGateway } from "../akash/ports/provider-gateway";
import type { Signer } from "../akash/ports/signer";
import { requireChainSettings, type ProviderSettings } from "./config";

/** A chain client that can sign (the provider has a key). */
export type SigningChain = Chain & { transactions: ChainTransactions };

export class AkashClients {
  private signerPromise: Promise<Signer> | undefined;
  private chainPromise: Promise<Chain> | undefined;
  private gatewayPromise: Promise<ProviderGateway> | undefined;
  private readonly mtlsGateways = new Map<string, Promise<ProviderGateway>>();

  constructor(readonly settings: ProviderSettings) {}

  signer(): Promise<Signer> {
    requireChainSettings(this.settings, true);
    this.signerPromise ??= import("../akash/adapters/cosmos/mnemonic-signer").then((m) =>
      m.mnemonicSigner(this.settings.mnemonic!),
    );
    return this.signerPromise;
  }

  async signerAddress(): Promise<string> {
    return (await this.signer()).address;
  }

  /** A client for queries; it signs too when a key is configured. */
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
      });
    })();
    return this.chainPromise;
  }

  async signingChain(): Promise<SigningChain> {
    requireChainSettings(this.settings, true);
    const chain = await this.chain();
    if (!chain.transactions)
      throw new Error("the chain client has no signer although a mnemonic is configured");
    return chain as SigningChain;
  }

  gateway(): Promise<ProviderGateway> {
    this.gatewayPromise ??= (async () => {
      const [{ ProviderGatewayClient }, signer, chain] = await Promise.all([
        import("../akash/adapters/gateway/provider-gateway-client"),
        this.signer(),
        this.chain(),
      ]);
      return new ProviderGatewayClient({
        signer,
        certificates: async (owner: string) =>
          (await chain.certificates(owner, { state: "valid" })).map((c) => c.certPem),
      });
    })();
    return this.gatewayPromise;
  }

  /**
   * A gateway client that authenticates with the owner's on-chain certificate (mTLS) instead of JWTs. One per
   * certificate; the key stays in memory only.
   */
  mtlsGateway(certificate: { certPem: string; keyPem: string }): Promise<ProviderGateway> {
    let client = this.mtlsGateways.get(certificate.certPem);
    if (!client) {
      client = (async () => {
        const [{ ProviderGatewayClient }, signer, chain] = await Promise.all([
          import("../akash/adapters/gateway/provider-gateway-client"),
          this.signer(),
          this.chain(),
        ]);
        return new ProviderGatewayClient({
          signer,
          clientCertificate: certificate,
          certificates: async (owner: string) =>
            (await chain.certificates(owner, { state: "valid" })).map((c) => c.certPem),
        });
      })();
      this.mtlsGateways.set(certificate.certPem, client);
    }
    return client;
  }

  async blockSeconds(): Promise<number> {
    return (await this.chain()).averageBlockSeconds();
  }
}
