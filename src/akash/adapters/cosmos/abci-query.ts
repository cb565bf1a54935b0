/**
 * gRPC-over-ABCI queries (`abci_query` with path `/<service>/<method>` and a protobuf request), the way cosmjs's
 * QueryClient does it, on our RPC client.
 */
import { translateChainFailure } from "./error-translation";
import type { CometRpcClient } from "./rpc-client";

interface AbciQueryResult {
  response: { code?: number; log?: string; codespace?: string; value?: string | null };
}

/** A query the chain answered with an error code. `notFound` = gRPC NotFound (ABCI code 22). */
export class AbciQueryError extends Error {
  override readonly name = "AbciQueryError";
  constructor(
    readonly path: string,
    readonly code: number,
    readonly codespace: string,
    readonly log: string,
  ) {
    super(`query ${path} failed with code ${code}: ${log}`);
  }
  get notFound(): boolean {
    return this.code === 22 || /not found/i.test(this.log);
  }
  /** The user-facing version of this failure. */
  toChainError() {
    return translateChainFailure({ code: this.code, codespace: this.codespace, log: this.log });
  }
}

export async function abciQuery(
  rpc: CometRpcClient,
  path: string,
  request: Uint8Array,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const result = await rpc.call<AbciQueryResult>(
    "abci_query",
    { path, data: Buffer.from(request).toString("hex"), prove: false },
    signal,
  );
  const r = result.response;
  if (r.code) throw new AbciQueryError(path, r.code, r.codespace ?? "", r.log ?? "");
  return r.value ? new Uint8Array(Buffer.from(r.value, "base64")) : new Uint8Array();
}
