/**
 * TxTransport over CometBFT RPC: builds SIGN_MODE_DIRECT transactions with chain-sdk's cosmos types, signs them
 * with the Signer port, simulates through `abci_query`, broadcasts with `broadcast_tx_sync` and finds results
 * with the `tx` method. A broadcast whose answer is lost reports the transaction's hash (computed here, as
 * CometBFT does: SHA-256 of the bytes) so the engine can look it up before anything is resent.
 */
import { createHash } from "node:crypto";
import { identityMemo } from "../../ports/deployment-identity";
import type { ChainEvent } from "../../ports/chain";
import { ChainError } from "../../ports/errors";
import type { Signer } from "../../ports/signer";
import { AbciQueryError, abciQuery } from "./abci-query";
import type { EncodedMessage } from "./messages";
import { loadProtos, type Protos } from "./protos";
import { RpcMethodError, RpcOutcomeUnknown, type CometRpcClient } from "./rpc-client";
import {
  BroadcastOutcomeUnknown,
  TxRejected,
  type BroadcastParams,
  type IncludedTx,
  type TxTransport,
} from "./tx-transport";

const SIGN_MODE_UNSPECIFIED = 0;
const SIGN_MODE_DIRECT = 1;
const SECP256K1_PUBKEY_TYPE_URL = "/cosmos.crypto.secp256k1.PubKey";

interface BroadcastResult {
  code: number;
  codespace?: string;
  log?: string;
  hash: string;
}

interface TxResult {
  hash: string;
  height: string;
  tx_result: {
    code?: number;
    codespace?: string;
    log?: string;
    gas_used?: string;
    gas_wanted?: string;
    events?: { type: string; attributes?: { key: string; value?: string }[] }[];
  };
}

export interface CosmosTxTransportOptions {
  memo?: string;
  /** Account that pays fees through a fee allowance. */
  feeGranter?: string;
  /** Resolves the account number/sequence from the chain (uncached). */
  fetchAccount: () => Promise<{ accountNumber: bigint; sequence: bigint } | undefined>;
  chainId: () => Promise<string>;
  /** The latest block height (uncached). */
  latestHeight: () => Promise<bigint>;
}

export class CosmosTxTransport implements TxTransport {
  constructor(
    private readonly rpc: CometRpcClient,
    private readonly signer: Signer,
    private readonly options: CosmosTxTransportOptions,
  ) {}

  async fetchAccount(): Promise<{ accountNumber: bigint; sequence: bigint }> {
    const account = await this.options.fetchAccount();
    if (!account) {
      throw new ChainError(
        "insufficient-funds",
        `Account ${this.signer.address} does not exist on chain yet: it has never received tokens. Send it some ` +
          "AKT (uakt) for fees first.",
      );
    }
    return account;
  }

  private body(p: Protos, messages: EncodedMessage[]): Uint8Array {
    // The creates' identities go first: every runner looks for them there (deployment-identity.ts).
    const identities = identityMemo(messages.flatMap((m) => (m.identity ? [m.identity] : [])));
    const memo = [identities, this.options.memo ?? ""].filter((m) => m !== "").join(" ");
    const body = p.cosmos.TxBody.fromPartial({
      messages: messages.map((m) => ({ typeUrl: m.typeUrl, value: m.value })),
      memo,
    });
    return p.cosmos.TxBody.encode(body).finish();
  }

  private authInfo(
    p: Protos,
    sequence: bigint,
    mode: number,
    fee: { gasLimit: bigint; amount: string; denom: string },
  ) {
    const pubkey = p.secp256k1.PubKey.encode(
      p.secp256k1.PubKey.fromPartial({ key: this.signer.publicKey }),
    ).finish();
    const info = p.cosmos.AuthInfo.fromPartial({
      signerInfos: [
        {
          publicKey: { typeUrl: SECP256K1_PUBKEY_TYPE_URL, value: pubkey },
          modeInfo: { single: { mode } },
          sequence: sequence.toString(),
        },
      ],
      fee: {
        amount: fee.amount === "" ? [] : [{ denom: fee.denom, amount: fee.amount }],
        gasLimit: fee.gasLimit.toString(),
        granter: this.options.feeGranter ?? "",
      },
    });
    return p.cosmos.AuthInfo.encode(info).finish();
  }

  async simulate(messages: EncodedMessage[], sequence: bigint): Promise<bigint> {
    const p = await loadProtos();
    const txBytes = p.cosmos.TxRaw.encode(
      p.cosmos.TxRaw.fromPartial({
        bodyBytes: this.body(p, messages),
        authInfoBytes: this.authInfo(p, sequence, SIGN_MODE_UNSPECIFIED, {
          gasLimit: 0n,
          amount: "",
          denom: "",
        }),
        signatures: [new Uint8Array()],
      }),
    ).finish();
    const request = p.cosmos.SimulateRequest.encode(
      p.cosmos.SimulateRequest.fromPartial({ txBytes }),
    ).finish();
    let response: Uint8Array;
    try {
      response = await abciQuery(this.rpc, "/cosmos.tx.v1beta1.Service/Simulate", request);
    } catch (error) {
      if (error instanceof AbciQueryError) {
        throw new TxRejected({ code: error.code, codespace: error.codespace, log: error.log });
      }
      throw error;
    }
    const decoded = p.cosmos.SimulateResponse.decode(response);
    return BigInt(decoded.gasInfo?.gasUsed?.toString() ?? "0");
  }

  async broadcast(messages: EncodedMessage[], params: BroadcastParams): Promise<string> {
    const p = await loadProtos();
    const bodyBytes = this.body(p, messages);
    const authInfoBytes = this.authInfo(p, params.sequence, SIGN_MODE_DIRECT, {
      gasLimit: params.gasLimit,
      amount: params.fee.amount.toString(),
      denom: params.fee.denom,
    });
    const signDoc = p.cosmos.SignDoc.encode(
      p.cosmos.SignDoc.fromPartial({
        bodyBytes,
        authInfoBytes,
        chainId: await this.options.chainId(),
        accountNumber: params.accountNumber.toString(),
      }),
    ).finish();
    const signature = await this.signer.sign(signDoc);
    const tx = p.cosmos.TxRaw.encode(
      p.cosmos.TxRaw.fromPartial({ bodyBytes, authInfoBytes, signatures: [signature] }),
    ).finish();
    let result: BroadcastResult;
    try {
      result = await this.rpc.send<BroadcastResult>("broadcast_tx_sync", {
        tx: Buffer.from(tx).toString("base64"),
      });
    } catch (error) {
      if (error instanceof RpcMethodError)
        throw new TxRejected({ code: -1, codespace: "rpc", log: error.data });
      if (error instanceof RpcOutcomeUnknown) {
        const hash = createHash("sha256").update(tx).digest("hex").toUpperCase();
        throw new BroadcastOutcomeUnknown(hash, error.message);
      }
      throw error;
    }
    if (result.code) {
      throw new TxRejected({ code: result.code, codespace: result.codespace ?? "", log: result.log ?? "" });
    }
    return result.hash.toUpperCase();
  }

  latestHeight(): Promise<bigint> {
    return this.options.latestHeight();
  }

  async findTx(hash: string): Promise<IncludedTx | undefined> {
    let result: TxResult;
    try {
      result = await this.rpc.call<TxResult>("tx", {
        hash: Buffer.from(hash, "hex").toString("base64"),
        prove: false,
      });
    } catch (error) {
      if (error instanceof RpcMethodError && /not found/.test(error.data)) return undefined;
      if (error instanceof RpcMethodError && /indexing is disabled/.test(error.data)) {
        throw new ChainError(
          "invalid-request",
          `The node cannot look up transaction ${hash} because its transaction indexing is disabled, so inclusion ` +
            "cannot be confirmed. Use a node with tx_index enabled (most public RPC nodes have it).",
          error.data,
          hash,
        );
      }
      throw error;
    }
    const r = result.tx_result;
    return {
      hash,
      height: BigInt(result.height),
      code: r.code ?? 0,
      codespace: r.codespace ?? "",
      log: r.log ?? "",
      gasUsed: BigInt(r.gas_used ?? "0"),
      gasWanted: BigInt(r.gas_wanted ?? "0"),
      events: (r.events ?? []).map(toEvent),
    };
  }
}

function toEvent(e: { type: string; attributes?: { key: string; value?: string }[] }): ChainEvent {
  const attributes: Record<string, string> = {};
  for (const a of e.attributes ?? []) attributes[a.key] = a.value ?? "";
  return { type: e.type, attributes };
}
