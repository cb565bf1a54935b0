/**
 * PUT of a manifest with the retries a provider's timing needs:
 * - 404 "no lease for deployment" (the provider has not processed the lease event yet), 502-504 (a proxy or restart
 *   in front of it) and lost connections are retried until the budget runs out;
 * - after MsgUpdateDeployment (`afterUpdate`), the provider's view of the deployment hash lags: the send waits a
 *   little first, as Console does, and retries 422 "manifest version validation failed" for a bounded time.
 * Any other answer is final and its text is passed through.
 */
import { GatewayError } from "../../ports/errors";
import type { ProviderEndpoint, SendManifestOptions } from "../../ports/provider-gateway";
import { sleep } from "../../ports/sleep";
import { describeProvider, type HttpResult } from "./gateway-exchange";
import { translateGatewayResponse } from "./gateway-errors";

/** The provider's text when the manifest's hash is not the one it expects (manifest/manager.go). */
export const VERSION_MISMATCH = "manifest version validation failed";

/** Console waits this long before sending a manifest; providers cache deployment data up to 5 s. */
export const DEFAULT_UPDATE_WAIT_MS = 5_000;
export const DEFAULT_UPDATE_RETRY_MS = 15_000;

export interface ManifestSendPolicy {
  /** Budget for the whole send (404 and connection retries). */
  budgetMs: number;
  retryIntervalMs: number;
  options: SendManifestOptions;
}

/** The pause between retries; cancelling it fails like a cancelled request. */
async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await sleep(ms, signal);
  } catch {
    throw new GatewayError("aborted", "Cancelled.");
  }
}

function givenUp(provider: ProviderEndpoint, dseq: bigint, last: GatewayError, attempts: number, ms: number) {
  const seconds = Math.round(ms / 1000);
  if (last.code === "not-found") {
    return new GatewayError(
      last.code,
      `${describeProvider(provider)} still has no lease for deployment ${dseq} after ${attempts} attempts over ` +
        `${seconds}s. The lease may have been closed, or the provider is not watching the chain; check the lease ` +
        "state and try again, or choose another provider.",
      last.status,
      last.detail,
    );
  }
  return new GatewayError(
    last.code,
    `${last.message} (gave up after ${attempts} attempts over ${seconds}s)`,
    last.status,
    last.detail,
  );
}

export async function sendManifestWithRetries(
  put: () => Promise<HttpResult>,
  provider: ProviderEndpoint,
  dseq: bigint,
  policy: ManifestSendPolicy,
): Promise<void> {
  const { signal, afterUpdate } = policy.options;
  const started = Date.now();
  if (afterUpdate) await pause(afterUpdate.initialWaitMs ?? DEFAULT_UPDATE_WAIT_MS, signal);
  const lagDeadline = Date.now() + (afterUpdate?.retryForMs ?? DEFAULT_UPDATE_RETRY_MS);
  const deadline = started + policy.budgetMs;
  const what = `sending the manifest of deployment ${dseq}`;
  for (let attempt = 1; ; attempt++) {
    let retryable: GatewayError;
    let until = deadline;
    try {
      const res = await put();
      if (res.status >= 200 && res.status < 300) return;
      const error = translateGatewayResponse(res.status, res.body, what, describeProvider(provider));
      const lagging = afterUpdate !== undefined && res.status === 422 && res.body.trim() === VERSION_MISMATCH;
      if (lagging) until = Math.min(deadline, lagDeadline);
      else if (res.status !== 404 && !(res.status >= 502 && res.status <= 504)) throw error;
      retryable = error;
    } catch (error) {
      if (!(error instanceof GatewayError) || !["unreachable", "timeout"].includes(error.code)) throw error;
      retryable = error;
    }
    if (Date.now() + policy.retryIntervalMs > until) {
      throw givenUp(provider, dseq, retryable, attempt, Date.now() - started);
    }
    await pause(policy.retryIntervalMs, signal);
  }
}
