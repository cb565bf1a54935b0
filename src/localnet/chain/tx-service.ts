/**
 * cosmos.tx.v1beta1.Service over abci_query: Simulate (what cosmjs "auto" gas calls) and GetTx. Tx and TxRaw share
 * one wire layout (1: body, 2: auth_info, 3: signatures), so raw tx bytes decode directly as a Tx and vice versa.
 */
import { toHex } from "@cosmjs/encoding";
import { TxResponse } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import {
  GetTxRequest,
  GetTxResponse,
  SimulateRequest,
  SimulateResponse,
} from "cosmjs-types/cosmos/tx/v1beta1/service";
import { Tx } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { Any } from "cosmjs-types/google/protobuf/any";
import type { ChainApp } from "./app";
import { queryError } from "./errors";
import type { ChainEvent } from "./module";
import type { ChainNode } from "./node";
import { rfc3339 } from "./rpc/comet-json";

/** The simulate gas meter is infinite; the SDK reports its limit as max uint64. */
const INFINITE_GAS = 18446744073709551615n;

function abciEvents(events: ChainEvent[]) {
  return events.map((e) => ({
    type: e.type,
    attributes: e.attributes.map((a) => ({ key: a.key, value: a.value, index: true })),
  }));
}

export function registerTxService(app: ChainApp, node: ChainNode): void {
  app.registerAppQuery("/cosmos.tx.v1beta1.Service/Simulate", (data) => {
    const req = SimulateRequest.decode(data);
    const bytes =
      req.txBytes.length > 0 ? req.txBytes : req.tx ? Tx.encode(req.tx).finish() : new Uint8Array();
    if (bytes.length === 0) throw queryError("InvalidArgument", "empty txBytes is not allowed");
    const result = app.simulate(bytes);
    if (result.code !== 0) throw queryError("Unknown", `${result.log} with gas used: '${result.gasUsed}'`);
    return SimulateResponse.encode({
      gasInfo: { gasWanted: INFINITE_GAS, gasUsed: result.gasUsed },
      result: {
        data: result.data ?? new Uint8Array(),
        log: "",
        events: abciEvents(result.events),
        msgResponses: result.msgResponses,
      },
    }).finish();
  });

  app.registerAppQuery("/cosmos.tx.v1beta1.Service/GetTx", (data) => {
    const { hash } = GetTxRequest.decode(data);
    if (hash === "") throw queryError("InvalidArgument", "tx hash cannot be empty");
    const ref = node.txRef(hash);
    if (!ref) throw queryError("NotFound", `tx not found: ${hash}`);
    const block = node.blocks[ref.height - 1]!;
    const raw = block.txs[ref.index]!;
    const result = block.results[ref.index]!;
    return GetTxResponse.encode({
      tx: Tx.decode(raw),
      txResponse: TxResponse.fromPartial({
        height: block.height,
        txhash: block.txHashes[ref.index]!,
        codespace: result.codespace,
        code: result.code,
        data: result.data ? toHex(result.data).toUpperCase() : "",
        rawLog: result.log,
        logs: [],
        info: "",
        gasWanted: result.gasWanted,
        gasUsed: result.gasUsed,
        tx: Any.fromPartial({ typeUrl: "/cosmos.tx.v1beta1.Tx", value: raw }),
        timestamp: rfc3339(block.time),
        events: abciEvents(result.events),
      }),
    }).finish();
  });
}
