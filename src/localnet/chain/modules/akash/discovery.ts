/**
 * Payload of the node's `akash` JSON-RPC method (akash.discovery.v1): the API versions clients should use.
 * Clients call it at start-up to fail fast when the chain's module versions change.
 */
export interface AkashDiscoveryInfo {
  client_info: { api_version: string };
  chain_id: string;
  node_version: string;
  min_client_version: string;
  /** Module → proto package version served by the message and query servers. */
  modules: Record<string, string>;
}

export const AKASH_MODULE_VERSIONS: Readonly<Record<string, string>> = {
  deployment: "v1beta4",
  market: "v1beta5",
  escrow: "v1",
  cert: "v1",
  provider: "v1beta4",
  audit: "v1",
  bme: "v1",
  oracle: "v2",
};

export function akashDiscoveryInfo(chainId: string): AkashDiscoveryInfo {
  return {
    client_info: { api_version: "v1beta3" },
    chain_id: chainId,
    node_version: "v2.1.0",
    min_client_version: "v1.0.0",
    modules: { ...AKASH_MODULE_VERSIONS },
  };
}
