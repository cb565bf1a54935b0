/**
 * What a CometBFT RPC call is, for its DEBUG line: the node (its origin only: a URL's path, query or user info
 * may carry an API key), the method, and what names the call: the gRPC path of an `abci_query`, the transaction
 * hash of a `tx` lookup or a broadcast (upper-case hex, as CometBFT prints it). Never the request data.
 */
import { createHash } from "node:crypto";
import type { LogFields } from "../../../framework/logger";
import { urlOrigin } from "../url-origin";

export function rpcCallFields(url: string, method: string, params: Record<string, unknown>): LogFields {
  const fields: LogFields = { node: urlOrigin(url, "(unparseable node URL)"), method };
  if (method === "abci_query" && typeof params.path === "string") fields.path = params.path;
  if (method === "tx" && typeof params.hash === "string")
    fields.tx_hash = Buffer.from(params.hash, "base64").toString("hex").toUpperCase();
  if (method.startsWith("broadcast_tx") && typeof params.tx === "string") {
    fields.tx_hash = createHash("sha256")
      .update(Buffer.from(params.tx, "base64"))
      .digest("hex")
      .toUpperCase();
  }
  return fields;
}
