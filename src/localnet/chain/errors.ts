/**
 * Cosmos SDK error construction. The SDK prints a wrapped error as "<wrap text>: <description>", and clients match on
 * those texts, so every error the core raises goes through here to get codespace, code and text exactly right.
 */
import { ChainError } from "./module";

/** Registered descriptions of codespace "sdk" (cosmos-sdk types/errors/errors.go). */
const SDK_DESCRIPTIONS: Record<number, string> = {
  2: "tx parse error",
  3: "invalid sequence",
  4: "unauthorized",
  5: "insufficient funds",
  6: "unknown request",
  7: "invalid address",
  8: "invalid pubkey",
  9: "unknown address",
  10: "invalid coins",
  11: "out of gas",
  12: "memo too large",
  13: "insufficient fee",
  14: "maximum number of signatures exceeded",
  15: "no signatures supplied",
  18: "invalid request",
  19: "tx already in mempool",
  21: "tx too large",
  22: "key not found",
  26: "invalid height",
  28: "invalid chain-id",
  29: "invalid type",
  30: "tx timeout height",
  32: "incorrect account sequence",
  35: "internal logic error",
  36: "conflict",
  37: "feature not supported",
  38: "not found",
  41: "invalid gas limit",
  42: "tx timeout",
};

/** An error of codespace "sdk"; `wrap` is the optional context the SDK prepends ("<wrap>: <description>"). */
export function sdkError(code: number, wrap?: string): ChainError {
  const description = SDK_DESCRIPTIONS[code] ?? "unknown error";
  return new ChainError(
    "sdk",
    code,
    wrap === undefined || wrap === "" ? description : `${wrap}: ${description}`,
  );
}

/** An error registered by some module: `description` is its registered text. */
export function moduleError(codespace: string, code: number, description: string, wrap?: string): ChainError {
  return new ChainError(
    codespace,
    code,
    wrap === undefined || wrap === "" ? description : `${wrap}: ${description}`,
  );
}

/** Wrap an existing error with more context, keeping its code (errorsmod.Wrap). */
export function wrapError(err: ChainError, wrap: string): ChainError {
  return new ChainError(err.codespace, err.code, `${wrap}: ${err.log}`, err.grpcCode);
}

/** A gRPC-level query failure (status.Error), mapped to ABCI codes like baseapp's gRPCErrorToSDKError. */
export function queryError(grpcCode: NonNullable<ChainError["grpcCode"]>, message: string): ChainError {
  return new ChainError("sdk", 0, message, grpcCode);
}

/** Anything unexpected (a bug in a handler) becomes the SDK's panic-recovery error instead of crashing the node. */
export function toChainError(err: unknown): ChainError {
  if (err instanceof ChainError) return err;
  const text = err instanceof Error ? err.message : String(err);
  return new ChainError("undefined", 111222, `recovered: ${text}`);
}
