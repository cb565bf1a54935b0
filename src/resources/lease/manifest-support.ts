/**
 * Whether a provider will take the manifest. A provider hashes the manifest as its chain-sdk version decodes it
 * (see akash/ports/manifest-compatibility.ts): a field it drops makes the hash differ and the manifest is refused
 * after the lease is paid for. So the plan refuses such fields unless the bid policy asks for providers that keep
 * them, and every bid's provider is asked for its version (`GET /version`) before its bid can win.
 */
import type { Provider } from "../../akash/ports/chain";
import {
  manifestCapability,
  manifestFieldIssues,
  type ManifestFieldIssue,
} from "../../akash/ports/manifest-compatibility";
import type { ProviderGateway } from "../../akash/ports/provider-gateway";
import type { OperationContext } from "../../framework/resource";

/** How long a provider's `GET /version` may take before its answer counts as unknown. */
const VERSION_WAIT_MS = 5_000;

/** chain-sdk go version today's provider releases (v0.14.x) are built with. */
export const TODAYS_PROVIDERS_CHAIN_SDK = "v0.2.16";

const FIELD_NAMES: Record<ManifestFieldIssue["field"], string> = {
  proxyBufferSize: "http_options.proxy_buffer_size",
  tee: "params.tee",
};

/** The manifest fields today's providers drop, each as one line naming the service and the SDL field. */
export function fieldsTodaysProvidersDrop(manifestJson: string): string[] {
  return manifestFieldIssues(manifestJson, manifestCapability(TODAYS_PROVIDERS_CHAIN_SDK))
    .filter((issue) => issue.change !== "added")
    .map((issue) => `service ${issue.service}: ${FIELD_NAMES[issue.field]} (manifest ${issue.path})`);
}

/** Why `issue` makes a provider refuse the manifest, in a few words. */
function describeIssue(issue: ManifestFieldIssue): string {
  const field = FIELD_NAMES[issue.field];
  if (issue.change === "added") return `it writes ${field} = 0 into every manifest, so the hash differs`;
  if (issue.change === "dropped") return `it drops ${field} (service ${issue.service})`;
  return `it may drop ${field} (service ${issue.service})`;
}

/**
 * A check for bids: the reason the provider cannot take `manifestJson`, or undefined. Each provider is asked once
 * per call of this function. A provider that does not answer `GET /version` is taken only for a manifest without
 * the new fields (nothing to lose then).
 */
export function manifestSupportCheck(
  gateway: ProviderGateway,
  manifestJson: string,
  ctx: OperationContext,
): (provider: Provider) => Promise<string | undefined> {
  const answers = new Map<string, Promise<string | undefined>>();
  const needsNewFields = fieldsTodaysProvidersDrop(manifestJson).length > 0;
  const judge = async (provider: Provider): Promise<string | undefined> => {
    try {
      // Bounded however the gateway behaves (a hanging one would hold up the whole bid wait).
      const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(VERSION_WAIT_MS)]);
      const version = await gateway.providerVersion(
        { hostUri: provider.hostUri, address: provider.owner },
        { signal, timeoutMs: VERSION_WAIT_MS },
      );
      const issues = manifestFieldIssues(manifestJson, version.manifest);
      if (issues.length === 0) return undefined;
      const sdk = version.manifest.chainSdkGo ?? "an unknown chain-sdk";
      return (
        `its version (${version.version}, chain-sdk go ${sdk}) cannot take this manifest: ` +
        issues.map(describeIssue).join("; ")
      );
    } catch (error) {
      ctx.signal.throwIfAborted();
      ctx.log.warn("provider version unavailable", { provider: provider.owner, error: String(error) });
      return needsNewFields
        ? "it did not say its version (GET /version), so it may drop the manifest's new fields"
        : undefined;
    }
  };
  return (provider) => {
    let answer = answers.get(provider.owner);
    if (!answer) {
      answer = judge(provider);
      answers.set(provider.owner, answer);
    }
    return answer;
  };
}
