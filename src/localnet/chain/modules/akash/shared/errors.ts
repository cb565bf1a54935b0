/**
 * Akash error registrations (codespace + code + description) and the SDK's two ways of reporting them: a
 * registered error keeps its code; a Go `fmt.Errorf("%w: ...")` wrap loses it (codespace "undefined", code 1)
 * while its log still carries the registered text. Clients match on both, so the distinction is kept.
 */
import { ChainError } from "../../../module";

type GrpcCode = ChainError["grpcCode"];

/** A registered error with its SDK description as the log. */
export function registered(
  codespace: string,
  code: number,
  description: string,
  grpcCode?: GrpcCode,
): ChainError {
  return new ChainError(codespace, code, description, grpcCode);
}

/** `errorsmod.Wrap(err, text)`: same code, log "<text>: <inner log>". */
export function wrapped(inner: ChainError, text: string): ChainError {
  return new ChainError(inner.codespace, inner.code, `${text}: ${inner.log}`, inner.grpcCode);
}

/** `fmt.Errorf("%w: ...")`: the code is lost (undefined/1) but the text is kept. */
export function unregistered(log: string): ChainError {
  return new ChainError("undefined", 1, log);
}

export const sdkErrors = {
  invalidAddress: (text: string) => registered("sdk", 7, `${text}: invalid address`),
  invalidSequence: (text: string) => registered("sdk", 3, `${text}: invalid sequence`),
  unauthorized: (text: string) => registered("sdk", 4, `${text}: unauthorized`),
  insufficientFunds: (text: string) => registered("sdk", 5, `${text}: insufficient funds`),
  invalidCoins: (text: string) => registered("sdk", 10, `${text}: invalid coins`),
  invalidRequest: (text: string) => registered("sdk", 18, `${text}: invalid request`),
  conflict: (text: string) => registered("sdk", 36, `${text}: conflict`),
};

/** Query-side errors carry the gRPC status the SDK maps to ABCI codes. */
export function notFound(codespace: string, code: number, description: string): ChainError {
  return registered(codespace, code, description, "NotFound");
}

export function invalidArgument(log: string): ChainError {
  return new ChainError("sdk", 18, log, "InvalidArgument");
}
