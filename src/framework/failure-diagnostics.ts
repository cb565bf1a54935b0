/** How an exception thrown by a handler reaches terraform: always as a diagnostic, never as a crash. */
import { DiagnosticError, type Diagnostics } from "./diagnostics";
import type { Logger } from "./logger";
import type { Operation } from "./operation";

/**
 * A DiagnosticError is reported as written; an error caused by an abort (stop or timeout) reports the abort's
 * reason; anything else is an internal error, logged with its stack.
 */
export function reportFailure(
  diags: Diagnostics,
  failure: { doing: string; error: unknown; op?: Operation },
  providerName: string,
  log: Logger,
): void {
  const { doing, error, op } = failure;
  if (error instanceof DiagnosticError) {
    diags.error(error.summary, error.detail, error.path);
    return;
  }
  const signal = op?.ctx.signal;
  if (signal?.aborted && signal.reason instanceof DiagnosticError) {
    // Typically an AbortError from fetch or a timer: explain the abort itself.
    diags.error(signal.reason.summary, signal.reason.detail);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  log.error(`internal error while ${doing}`, {
    error: message,
    stack: error instanceof Error ? error.stack : undefined,
  });
  diags.error(
    `Internal error in the ${providerName} provider`,
    `While ${doing}: ${message}\n\nThis is a bug in the provider; please report it with the output of TF_LOG=debug.`,
  );
}
