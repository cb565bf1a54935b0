/**
 * Errors the ports raise. Messages are written for the person running `terraform apply`: what happened and what
 * to do. `detail` keeps the raw text from the chain or provider for debugging; neither ever contains secrets.
 */

export type ChainErrorCode =
  /** No configured node answered. */
  | "unreachable"
  /** The node belongs to another chain than configured. */
  | "wrong-chain"
  /** Not enough funds for fees or deposits. */
  | "insufficient-funds"
  /** Fee below the node's minimum gas price. */
  | "insufficient-fee"
  /** Deposit below the chain minimum. */
  | "deposit-too-low"
  /** Wrong denom (e.g. uakt pricing where uact is required). */
  | "unsupported-denom"
  | "not-found"
  | "already-exists"
  /** The object is closed or not in a state that allows the operation. */
  | "invalid-state"
  /** A deposit grant (authz DepositAuthorization) is missing, exhausted or expired. */
  | "grant-unavailable"
  /** A fee allowance (feegrant) is missing, exhausted or expired. */
  | "fee-allowance-unavailable"
  /** ACT minting is paused or failed. */
  | "mint-unavailable"
  | "unauthorized"
  | "out-of-gas"
  /** The request itself is invalid (bad groups, bad hash...). */
  | "invalid-request"
  /** The configured mnemonic is not a valid BIP-39 mnemonic. */
  | "invalid-mnemonic"
  /** Broadcast but not seen in a block in time. */
  | "timeout"
  | "aborted"
  /** Account sequence drifted and retries were exhausted. */
  | "sequence-mismatch"
  | "unknown";

export class ChainError extends Error {
  override readonly name = "ChainError";
  constructor(
    readonly code: ChainErrorCode,
    message: string,
    /** Raw chain text (log, RPC error). */
    readonly detail?: string,
    /** The transaction hash when one was broadcast. */
    readonly txHash?: string,
  ) {
    super(message);
  }
}

export type GatewayErrorCode =
  /** Could not connect or TLS failed. */
  | "unreachable"
  /** The server's certificate does not belong to the expected provider. */
  | "untrusted-certificate"
  /** JWT/mTLS rejected (400/401). */
  | "unauthorized"
  /** The provider refused the mTLS client certificate in the TLS handshake (not on chain, revoked, expired). */
  | "client-certificate-rejected"
  /** The provider has no lease or manifest for this deployment (yet). */
  | "not-found"
  /** The manifest was rejected (422). */
  | "invalid-manifest"
  /** 5xx from the provider. */
  | "provider-error"
  | "timeout"
  | "aborted"
  | "bad-response";

export class GatewayError extends Error {
  override readonly name = "GatewayError";
  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    readonly status?: number,
    readonly detail?: string,
  ) {
    super(message);
  }
}

export function isChainError(error: unknown, code?: ChainErrorCode): error is ChainError {
  return error instanceof ChainError && (code === undefined || error.code === code);
}

export function isGatewayError(error: unknown, code?: GatewayErrorCode): error is GatewayError {
  return error instanceof GatewayError && (code === undefined || error.code === code);
}
