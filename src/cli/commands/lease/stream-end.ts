/**
 * What a lease stream's end means. Close codes are the provider's (gateway/rest): 4000 an internal error, with
 * the reason "no running pods" when the lease has no pod to read; 4001 lease not found; 4002 temporarily
 * unavailable; 1000 a normal end; anything else (1006) a cut connection. Refusals arrive as GatewayErrors
 * (401/403 not authorised, 404 not found).
 */
import { GatewayError } from "../../../akash/ports/errors";
import type { LeaseStreamEnd } from "../../../akash/ports/provider-gateway";

export type EndVerdict =
  | { kind: "done" }
  /** Final: say this and stop. */
  | { kind: "final"; message: string }
  /** Worth another try when following. */
  | { kind: "retry"; reason: string };

export function judgeEnd(end: LeaseStreamEnd, what: string, follow: boolean): EndVerdict {
  switch (end.code) {
    case 1000:
      return follow ? { kind: "retry", reason: "the provider ended the stream" } : { kind: "done" };
    case 4000:
      // The provider's "internal error" code; with this reason it found no pod to read from.
      if (!/no running pods/i.test(end.reason))
        return { kind: "retry", reason: "the provider could not read the logs (close code 4000)" };
      return {
        kind: "final",
        message:
          `no running pods for ${what}: its services have not started, were scaled to 0 or crashed. ` +
          "`akash-cdktf events` shows why.",
      };
    case 4001:
      return {
        kind: "final",
        message: `the provider does not know ${what}: the lease is closed, or its manifest was never sent.`,
      };
    case 4002:
      return { kind: "retry", reason: "the provider cannot serve the stream right now (4002)" };
    default:
      return { kind: "retry", reason: `the connection to the provider dropped (close code ${end.code})` };
  }
}

/** A refused token, an unverifiable provider or a bad request would only be refused again. */
const RETRYABLE = new Set(["unreachable", "provider-error", "timeout"]);

export function judgeError(error: unknown): EndVerdict {
  if (!(error instanceof GatewayError)) throw error;
  if (RETRYABLE.has(error.code)) return { kind: "retry", reason: error.message };
  return { kind: "final", message: error.message };
}
