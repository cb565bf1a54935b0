/**
 * The node side of the control API's `oracle` action: reads the oracle's price and health through its own
 * query route and queues feed changes as the oracle module's next block input (so the block log records them).
 */
import {
  QueryAggregatedPriceRequest,
  QueryAggregatedPriceResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import type { OracleControl, OracleFeedState } from "../faults/operator-actions";
import type { ChainApp } from "./app";
import { checkOracleFeedInput, ORACLE_MODULE, type OracleFeedInput } from "./modules/akash/oracle/module";
import type { ChainNode } from "./node";

export function oracleControl(app: ChainApp, node: ChainNode): OracleControl {
  const pending = () => node.queuedBlockInputs()[ORACLE_MODULE] as OracleFeedInput | undefined;
  const feed = (): OracleFeedState => {
    const request = QueryAggregatedPriceRequest.encode({ denom: "akt" }).finish();
    const answer = QueryAggregatedPriceResponse.decode(
      app.runQuery("/akash.oracle.v2.Query/AggregatedPrice", request),
    );
    const queued = pending();
    return {
      aktPrice: answer.aggregatedPrice?.twap ?? "",
      healthy: answer.priceHealth?.isHealthy ?? false,
      ...(queued ? { pending: queued } : {}),
    };
  };
  return {
    feed,
    setFeed(input) {
      checkOracleFeedInput(input);
      node.queueBlockInput(ORACLE_MODULE, { ...pending(), ...input });
      return feed();
    },
  };
}
