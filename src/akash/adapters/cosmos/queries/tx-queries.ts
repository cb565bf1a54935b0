/**
 * Transactions found through CometBFT's `tx_search` (the node's tx index): the memo of the transaction that
 * created a deployment. `tx.height` and `message.sender` are indexed by every node that indexes transactions.
 */
import type { DeploymentCreateMemo } from "../../../ports/chain";
import { ChainError } from "../../../ports/errors";
import { loadProtos } from "../protos";
import { RpcMethodError, type CometRpcClient } from "../rpc-client";

interface TxSearchResult {
  txs: { hash: string; tx: string; tx_result: { code?: number } }[];
  total_count: string;
}

const CREATE_DEPLOYMENT = /\/akash\.deployment\.v\w+\.MsgCreateDeployment$/;
const V1BETA4_CREATE = "/akash.deployment.v1beta4.MsgCreateDeployment";

export class TxQueries {
  constructor(private readonly rpc: CometRpcClient) {}

  async deploymentCreateMemo(
    owner: string,
    dseq: bigint,
    height: bigint,
  ): Promise<DeploymentCreateMemo | undefined> {
    let result: TxSearchResult;
    try {
      // A deployment is created in the block of its `created_at`; the owner signs its create.
      result = await this.rpc.call<TxSearchResult>("tx_search", {
        query: `tx.height=${height} AND message.sender='${owner}'`,
        page: "1",
        per_page: "100",
      });
    } catch (error) {
      if (error instanceof RpcMethodError) {
        throw new ChainError(
          "invalid-request",
          `The node cannot search transactions (${error.message}); it may run with tx indexing off ` +
            '(indexer = "null"). Use a node that indexes transactions.',
        );
      }
      throw error;
    }
    const p = await loadProtos();
    for (const found of result.txs ?? []) {
      if ((found.tx_result.code ?? 0) !== 0) continue;
      const raw = p.cosmos.TxRaw.decode(Buffer.from(found.tx, "base64"));
      const body = p.cosmos.TxBody.decode(raw.bodyBytes);
      let createIndex = 0;
      for (const message of body.messages) {
        if (!CREATE_DEPLOYMENT.test(message.typeUrl)) continue;
        if (message.typeUrl === V1BETA4_CREATE) {
          const id = p.v1beta4.MsgCreateDeployment.decode(message.value).id;
          if (id?.owner === owner && BigInt(id.dseq.toString()) === dseq) {
            return { memo: body.memo, createIndex, txHash: found.hash };
          }
        }
        createIndex++;
      }
    }
    return undefined;
  }
}
