/**
 * The provider's transaction sender: cosmjs SigningStargateClient with chain-sdk's market and cert types. Like a
 * real provider's broadcaster it keeps the account sequence locally, so signing and broadcasting stay strictly
 * ordered while several transactions can wait for the same block (a burst of new orders gets all its bids in one
 * or two blocks instead of one block per bid).
 */
import { TxRaw } from "@akashnetwork/chain-sdk/private-types/cosmos.v1beta1";
import {
  DirectSecp256k1HdWallet,
  Registry,
  type EncodeObject,
  type GeneratedType,
} from "@cosmjs/proto-signing";
import { BroadcastTxError, calculateFee, GasPrice, SigningStargateClient } from "@cosmjs/stargate";
import { MsgCloseBid, MsgWithdrawLease } from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import { MsgCreateCertificate } from "@akashnetwork/chain-sdk/private-types/akash.v1";
import { MsgCreateBidV21, MsgLeaseStartReclaim } from "../chain/modules/akash/v21/messages";
import { LOCALNET_CLIENT_HEADER } from "../faults/control-api";

export const PROVIDER_MSG_TYPES = {
  createBid: "/akash.market.v1beta5.MsgCreateBid",
  closeBid: "/akash.market.v1beta5.MsgCloseBid",
  withdrawLease: "/akash.market.v1beta5.MsgWithdrawLease",
  createCertificate: "/akash.cert.v1.MsgCreateCertificate",
  leaseStartReclaim: "/akash.market.v1beta5.MsgLeaseStartReclaim",
} as const;

export function providerRegistry(): Registry {
  return new Registry([
    // v2.1 codecs (reclamation_window, MsgLeaseStartReclaim) until chain-sdk has them.
    [PROVIDER_MSG_TYPES.createBid, MsgCreateBidV21 as unknown as GeneratedType],
    [PROVIDER_MSG_TYPES.leaseStartReclaim, MsgLeaseStartReclaim as unknown as GeneratedType],
    [PROVIDER_MSG_TYPES.closeBid, MsgCloseBid as unknown as GeneratedType],
    [PROVIDER_MSG_TYPES.withdrawLease, MsgWithdrawLease as unknown as GeneratedType],
    [PROVIDER_MSG_TYPES.createCertificate, MsgCreateCertificate as unknown as GeneratedType],
  ]);
}

/** Outcome of a transaction: CheckTx failures and block results alike (code 0 = success). */
export interface TxOutcome {
  code: number;
  rawLog: string;
  transactionHash?: string;
  height?: number;
}

const GAS_PRICE = GasPrice.fromString("0.025uakt");
const STOPPED: TxOutcome = { code: -1, rawLog: "the provider was stopped before the transaction completed" };
const SEQUENCE_MISMATCH = /account sequence mismatch, expected (\d+)/;

export class TxQueue {
  /** The signing step of the latest submission; the next one starts after it. */
  private tail: Promise<unknown> = Promise.resolve();
  private signer: { accountNumber: number; sequence: number; chainId: string } | undefined;
  /** Gas measured per message type (max seen), used while other transactions are in flight. */
  private readonly gasByType = new Map<string, number>();
  /** Broadcast transactions still waiting for their block. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;
  /** Wakes the pollers of `waitForTx` early on disconnect, so no timer outlives the provider. */
  private readonly sleepers = new Set<() => void>();

  private constructor(
    private readonly client: SigningStargateClient,
    readonly address: string,
    private readonly pollIntervalMs: number,
    private readonly timeoutMs: number,
  ) {}

  static async connect(rpcUrl: string, mnemonic: string, pollIntervalMs: number): Promise<TxQueue> {
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: "akash" });
    const [account] = await wallet.getAccounts();
    if (account === undefined) throw new Error("provider wallet has no account");
    const endpoint = { url: rpcUrl, headers: { [LOCALNET_CLIENT_HEADER]: "provider" } };
    const client = await SigningStargateClient.connectWithSigner(endpoint, wallet, {
      registry: providerRegistry(),
      gasPrice: GAS_PRICE,
    });
    return new TxQueue(client, account.address, pollIntervalMs, 30_000);
  }

  /** Sign and broadcast after every earlier submission was broadcast; resolves with the block result. */
  submit(msgs: EncodeObject[], memo = ""): Promise<TxOutcome> {
    if (this.closed) return Promise.resolve(STOPPED);
    const broadcast = this.tail.then(
      () => this.broadcast(msgs, memo),
      () => this.broadcast(msgs, memo),
    );
    this.tail = broadcast.catch(() => undefined);
    return broadcast.then((sent) => ("hash" in sent ? this.track(this.waitForTx(sent.hash)) : sent.outcome));
  }

  /** Remember a broadcast transaction until its block result is known. */
  private track<T>(waiting: Promise<T>): Promise<T> {
    this.inFlight.add(waiting);
    void waiting.finally(() => this.inFlight.delete(waiting)).catch(() => undefined);
    return waiting;
  }

  private async gasFor(msgs: EncodeObject[], memo: string): Promise<number> {
    const cached = msgs.map((m) => this.gasByType.get(m.typeUrl));
    if (this.inFlight.size > 0 && cached.every((g) => g !== undefined)) {
      return Math.ceil(cached.reduce((a: number, b) => a + b, 0) * 1.5);
    }
    // Simulation checks the committed sequence, so let pending transactions land first.
    await Promise.allSettled([...this.inFlight]);
    const used = await this.client.simulate(this.address, msgs, memo);
    if (msgs.length === 1) {
      const type = (msgs[0] as EncodeObject).typeUrl;
      this.gasByType.set(type, Math.max(used, this.gasByType.get(type) ?? 0));
    }
    return Math.ceil(used * 1.5);
  }

  private async broadcast(
    msgs: EncodeObject[],
    memo: string,
    retried = false,
  ): Promise<{ hash: string } | { outcome: TxOutcome }> {
    if (this.closed) return { outcome: STOPPED };
    try {
      const gas = await this.gasFor(msgs, memo);
      if (this.signer === undefined) {
        const [{ accountNumber, sequence }, chainId] = await Promise.all([
          this.client.getSequence(this.address),
          this.client.getChainId(),
        ]);
        this.signer = { accountNumber, sequence, chainId };
      }
      const signed = await this.client.sign(
        this.address,
        msgs,
        calculateFee(gas, GAS_PRICE),
        memo,
        this.signer,
      );
      const hash = await this.client.broadcastTxSync(TxRaw.encode(signed).finish());
      this.signer.sequence++;
      return { hash };
    } catch (error) {
      if (error instanceof BroadcastTxError) {
        const expected = SEQUENCE_MISMATCH.exec(error.log ?? "");
        if (expected && this.signer && !retried) {
          this.signer.sequence = Number(expected[1]);
          return this.broadcast(msgs, memo, true);
        }
        return { outcome: { code: error.code, rawLog: error.log ?? error.message } };
      }
      // Unknown state (network error, simulate failure): re-read the sequence next time.
      this.signer = undefined;
      const message = error instanceof Error ? error.message : String(error);
      return { outcome: { code: -1, rawLog: message } };
    }
  }

  private async waitForTx(hash: string): Promise<TxOutcome> {
    const deadline = Date.now() + this.timeoutMs;
    while (Date.now() < deadline) {
      if (this.closed) return { ...STOPPED, transactionHash: hash };
      const tx = await this.client.getTx(hash).catch(() => null);
      if (tx) {
        // Out of gas still consumed the sequence; measure again next time.
        if (tx.code === 11) this.gasByType.clear();
        return { code: tx.code, rawLog: tx.rawLog, transactionHash: hash, height: tx.height };
      }
      await this.sleep(this.pollIntervalMs);
    }
    this.signer = undefined;
    return { code: -1, rawLog: `transaction ${hash} was not included within ${this.timeoutMs} ms` };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  /** Stops: pending and later submissions resolve at once with a "stopped" outcome; no poll timer is left. */
  disconnect(): void {
    this.closed = true;
    for (const wake of [...this.sleepers]) wake();
    this.client.disconnect();
  }
}
