/** One running provider operation: the context its handler gets, aborted by StopProvider or by its timeout. */
import { DiagnosticError } from "./diagnostics";
import type { Logger } from "./logger";
import { PrivateState } from "./private-state";
import type { OperationContext } from "./resource";
import { formatDuration } from "./timeouts";

export interface Operation {
  ctx: OperationContext;
  /** Clears the timeout timer; call once the handler has returned. */
  finish(): void;
}

export interface OperationOptions {
  /** Aborted by StopProvider. */
  stop: AbortSignal;
  log: Logger;
  timeoutMs?: number;
  privateState?: PrivateState;
  /** For the timeout message: which resource and which operation ran out of time. */
  typeName?: string;
  kind?: string;
}

export function startOperation(options: OperationOptions): Operation {
  const { stop, log, timeoutMs, privateState = new PrivateState(), typeName = "", kind = "" } = options;
  if (timeoutMs === undefined) {
    return { ctx: { signal: stop, log, private: privateState }, finish() {} };
  }
  const timer = new AbortController();
  const handle = setTimeout(() => {
    timer.abort(
      new DiagnosticError(
        "Timed out",
        `The ${kind} of ${typeName} did not finish within ${formatDuration(timeoutMs)}. Set a longer \`timeouts { ${kind} = "..." }\` if it needs more time, then run terraform again.`,
      ),
    );
  }, timeoutMs);
  handle.unref?.();
  return {
    ctx: {
      signal: AbortSignal.any([stop, timer.signal]),
      log,
      private: privateState,
      deadline: Date.now() + timeoutMs,
    },
    finish: () => clearTimeout(handle),
  };
}
