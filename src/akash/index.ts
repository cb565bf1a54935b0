/**
 * Akash ports (technology-neutral interfaces resources depend on) and their adapters (Cosmos chain over CometBFT
 * RPC, provider gateway over HTTPS + JWT). Resources should import the port types and receive adapter instances.
 */
export type * from "./ports/chain";
export type * from "./ports/provider-gateway";
export type { Signer } from "./ports/signer";
export { ChainError, GatewayError, isChainError, isGatewayError } from "./ports/errors";
export type { ChainErrorCode, GatewayErrorCode } from "./ports/errors";
export { createCosmosChain, type CosmosChain, type CosmosChainOptions } from "./adapters/cosmos/cosmos-chain";
export { mnemonicSigner, AKASH_HD_PATH } from "./adapters/cosmos/mnemonic-signer";
export {
  ProviderGatewayClient,
  type ProviderGatewayClientOptions,
} from "./adapters/gateway/provider-gateway-client";
export { createGatewayJwt, type GatewayScope } from "./adapters/gateway/jwt";
