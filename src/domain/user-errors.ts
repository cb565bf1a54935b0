/**
 * Chain and gateway failures are expected (a node down, funds short, a provider gone): their messages already
 * say what to do, so they reach the user as plain diagnostics, not as "internal error, please report a bug".
 * Resources and data sources are wrapped once here instead of catching in every handler.
 */
import type { ChainErrorCode, GatewayErrorCode } from "../akash/ports/errors";
import { JournalError } from "../akash/ports/create-journal";
import { ChainError, GatewayError } from "../akash/ports/errors";
import type { DataSourceDefinition } from "../framework/data-source";
import { DiagnosticError } from "../framework/diagnostics";
import { PartialStateError, type ResourceDefinition } from "../framework/resource";

const CHAIN_SUMMARIES: Partial<Record<ChainErrorCode, string>> = {
  unreachable: "Akash node unreachable",
  "wrong-chain": "Wrong chain",
  "insufficient-funds": "Insufficient funds",
  "insufficient-fee": "Fee too low",
  "deposit-too-low": "Deposit too low",
  "unsupported-denom": "Unsupported denom",
  "not-found": "Not found on chain",
  "already-exists": "Already exists on chain",
  "invalid-state": "Not possible in the current state",
  "grant-unavailable": "Deposit grant unavailable",
  "fee-allowance-unavailable": "Grant unavailable",
  "mint-unavailable": "ACT minting unavailable",
  unauthorized: "Not authorized",
  "out-of-gas": "Transaction ran out of gas",
  "invalid-request": "Invalid request",
  "invalid-mnemonic": "Invalid mnemonic",
  timeout: "Transaction not confirmed in time",
  "sequence-mismatch": "Account sequence mismatch",
};

const GATEWAY_SUMMARIES: Partial<Record<GatewayErrorCode, string>> = {
  unreachable: "Provider unreachable",
  "untrusted-certificate": "Provider certificate not trusted",
  unauthorized: "Provider refused the request",
  "client-certificate-rejected": "The provider did not accept the client certificate",
  "not-found": "Provider does not know the lease",
  "invalid-manifest": "Manifest rejected by the provider",
  "provider-error": "Provider error",
  timeout: "Provider did not answer in time",
  "bad-response": "Unexpected answer from the provider",
};

/**
 * The error as a DiagnosticError when it is an expected port failure; otherwise unchanged. Cancellations stay as
 * they are: the framework then explains the cause (interrupted, or which timeout ran out and how to raise it).
 */
export function asUserError(error: unknown): unknown {
  if ((error instanceof ChainError || error instanceof GatewayError) && error.code === "aborted")
    return error;
  if (error instanceof ChainError) {
    return new DiagnosticError(CHAIN_SUMMARIES[error.code] ?? "Akash chain error", error.message);
  }
  if (error instanceof GatewayError) {
    return new DiagnosticError(GATEWAY_SUMMARIES[error.code] ?? "Provider gateway error", error.message);
  }
  if (error instanceof JournalError)
    return new DiagnosticError("Cannot write the create journal", error.message);
  if (error instanceof PartialStateError) {
    const cause = asUserError(error.cause);
    return cause === error.cause ? error : new PartialStateError(error.state, cause);
  }
  return error;
}

function translated<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await fn(...args);
    } catch (error) {
      throw asUserError(error);
    }
  };
}

export function withUserErrors<P>(def: ResourceDefinition<P>): ResourceDefinition<P> {
  const importState = def.importState;
  return {
    ...def,
    create: translated(def.create.bind(def)),
    read: translated(def.read.bind(def)),
    update: translated(def.update.bind(def)),
    delete: translated(def.delete.bind(def)),
    ...(importState ? { importState: translated(importState.bind(def)) } : {}),
  };
}

export function withUserErrorsOnRead<P>(def: DataSourceDefinition<P>): DataSourceDefinition<P> {
  return { ...def, read: translated(def.read.bind(def)) };
}
