/** What the transaction engine needs from a chain (signing, simulate, broadcast, lookup), and how that fails. */
import type { ChainEvent, Coin } from "../../ports/chain";
import type { RawChainFailure } from "./error-translation";
import type { EncodedMessage } from "./messages";

/** The chain refused a transaction during simulation or CheckTx. */
export class TxRejected extends Error {
  override readonly name = "TxRejected";
  constructor(readonly failure: RawChainFailure) {
    super(failure.log);
  }
}

/** A broadcast got no answer: the node may have received the transaction. `hash` is the transaction's hash. */
export class BroadcastOutcomeUnknown extends Error {
  override readonly name = "BroadcastOutcomeUnknown";
  constructor(
    readonly hash: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export interface IncludedTx {
  hash: string;
  height: bigint;
  code: number;
  codespace: string;
  log: string;
  gasUsed: bigint;
  gasWanted: bigint;
  /** All events, in order; message events carry a `msg_index` attribute. */
  events: ChainEvent[];
}

export interface BroadcastParams {
  accountNumber: bigint;
  sequence: bigint;
  gasLimit: bigint;
  fee: Coin;
}

export interface TxTransport {
  /** The signer's account number and next sequence, from the chain. */
  fetchAccount(): Promise<{ accountNumber: bigint; sequence: bigint }>;
  /** Gas used when running `messages` at `sequence`. Throws TxRejected. */
  simulate(messages: EncodedMessage[], sequence: bigint): Promise<bigint>;
  /**
   * Signs and broadcasts; resolves with the tx hash once CheckTx accepted it. Throws TxRejected, or
   * BroadcastOutcomeUnknown when the answer was lost.
   */
  broadcast(messages: EncodedMessage[], params: BroadcastParams): Promise<string>;
  /** The block result, or undefined while not included. */
  findTx(hash: string): Promise<IncludedTx | undefined>;
  /** The latest block height. */
  latestHeight(): Promise<bigint>;
}
