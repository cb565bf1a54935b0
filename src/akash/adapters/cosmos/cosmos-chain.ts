/**
 * The Chain port on an Akash (Cosmos SDK) node: CometBFT RPC with failover, coalesced queries, and one
 * transaction engine for the configured signing account.
 */
import type { Logger } from "../../../framework/logger";
import type { Chain, ChainMessage, ChainTransactions, SubmitOptions, SubmitResult } from "../../ports/chain";
import { ChainError } from "../../ports/errors";
import type { Signer } from "../../ports/signer";
import { CosmosQueries } from "./cosmos-queries";
import { CosmosTxTransport } from "./cosmos-tx-transport";
import { depositDraws } from "./deposit-draws";
import { messageSubject } from "./message-subject";
import { encodeMessage, messageSigner } from "./messages";
import { mnemonicSigner } from "./mnemonic-signer";
import { loadProtos } from "./protos";
import { CometRpcClient } from "./rpc-client";
import { TxEngine } from "./tx-engine";

export interface CosmosChainOptions {
  /** CometBFT RPC URLs, tried in order. */
  nodes: string[];
  /** Expected chain id; transactions are refused when the node reports another one. */
  chainId?: string;
  /** The signing account: a Signer, or a mnemonic to derive one from. Neither = read-only. */
  signer?: Signer;
  mnemonic?: string;
  /** Default 0.025uakt. */
  gasPrice?: { amount: string; denom: string };
  /** Default 1.5. */
  gasAdjustment?: number;
  /** Pay fees from this granter's fee allowance. */
  feeGranter?: string;
  memo?: string;
  /** Transaction batching window (ms); default 250 (a fraction of Akash's ~6 s blocks). */
  batchWindowMs?: number;
  /** How often to look for a broadcast transaction (ms); default 1000. */
  pollIntervalMs?: number;
  /** Give up waiting for inclusion after this long (ms); default 60000. */
  inclusionTimeoutMs?: number;
  /** Query result reuse (ms); default 2000. */
  cacheTtlMs?: number;
  /** Per-request RPC timeout (ms); default 15000. */
  rpcTimeoutMs?: number;
  /** Transactions (INFO) and RPC calls (DEBUG) are logged here; default: nowhere. */
  log?: Logger;
}

export interface CosmosChain extends Chain {
  /** JSON-RPC requests sent so far (for tests and benchmarks). */
  readonly rpcRequestCount: number;
  /** Transactions broadcast so far. */
  readonly broadcastCount: number;
}

class CosmosChainAdapter extends CosmosQueries implements CosmosChain {
  readonly transactions: ChainTransactions | undefined;
  private readonly engine: TxEngine | undefined;
  private checkedChainId: Promise<string> | undefined;

  constructor(
    rpc: CometRpcClient,
    private readonly options: CosmosChainOptions,
    signer: Signer | undefined,
  ) {
    super(rpc, { cacheTtlMs: options.cacheTtlMs });
    if (!signer) return;
    const transport = new CosmosTxTransport(rpc, signer, {
      memo: options.memo,
      feeGranter: options.feeGranter,
      chainId: () => this.verifiedChainId(),
      latestHeight: () => {
        this.invalidate();
        return this.latestHeight();
      },
      fetchAccount: async () => {
        const account = await this.freshAccount(signer.address);
        return account && { accountNumber: account.accountNumber, sequence: account.sequence };
      },
    });
    const engine = new TxEngine(transport, {
      gasPrice: options.gasPrice ?? { amount: "0.025", denom: "uakt" },
      gasAdjustment: options.gasAdjustment ?? 1.5,
      batchWindowMs: options.batchWindowMs,
      pollIntervalMs: options.pollIntervalMs,
      inclusionTimeoutMs: options.inclusionTimeoutMs,
      onIncluded: () => this.invalidate(),
      log: options.log,
    });
    this.engine = engine;
    this.transactions = {
      signerAddress: signer.address,
      submit: (message, submitOptions) => this.submit(signer.address, message, submitOptions),
    };
  }

  get rpcRequestCount(): number {
    return this.rpc.requestCount;
  }

  get broadcastCount(): number {
    return this.engine?.broadcastCount ?? 0;
  }

  private async freshAccount(address: string) {
    this.invalidate();
    return this.account(address);
  }

  /** The node's chain id, checked once against the configured one. */
  private verifiedChainId(): Promise<string> {
    this.checkedChainId ??= this.chainId().then((actual) => {
      const expected = this.options.chainId;
      if (expected && expected !== actual) {
        throw new ChainError(
          "wrong-chain",
          `The node ${this.rpc.urls.join(", ")} serves chain "${actual}", but chain_id is "${expected}". Point ` +
            "`node` at a node of the intended network or fix `chain_id`.",
        );
      }
      return actual;
    });
    this.checkedChainId.catch(() => (this.checkedChainId = undefined));
    return this.checkedChainId;
  }

  private async submit(
    address: string,
    message: ChainMessage,
    options: SubmitOptions = {},
  ): Promise<SubmitResult> {
    const signer = messageSigner(message);
    if (signer !== address) {
      throw new ChainError(
        "unauthorized",
        `This ${message.kind} must be signed by ${signer}, but the provider's key is ${address}. Use the mnemonic ` +
          "of that account (or a deposit/fee grant).",
      );
    }
    await this.verifiedChainId();
    const encoded = { ...encodeMessage(await loadProtos(), message), subject: messageSubject(message) };
    const result = await this.engine!.submit(encoded, options.signal);
    if (message.kind !== "createDeployment" && message.kind !== "accountDeposit") return result;
    return { ...result, deposits: depositDraws(result.events, signer) };
  }

  async close(): Promise<void> {
    this.invalidate();
  }
}

export async function createCosmosChain(options: CosmosChainOptions): Promise<CosmosChain> {
  const rpc = new CometRpcClient(options.nodes, { timeoutMs: options.rpcTimeoutMs, log: options.log });
  const signer = options.signer ?? (options.mnemonic ? await mnemonicSigner(options.mnemonic) : undefined);
  return new CosmosChainAdapter(rpc, options, signer);
}
