/**
 * The CLI's one way to reach a chain: the main job reads balances, block times and escrow accounts through the
 * Chain port, built by the provider's client factory. The settings are resolved from the environment exactly as
 * the provider resolves them, so the job shows the network, account and grants the provider will then use.
 */
import type { Chain } from "../akash/ports/chain";
import { DiagnosticError } from "../framework/diagnostics";
import { CompositionRoot } from "../provider/composition-root";
import { resolveProviderSettings, type ProviderSettings } from "../provider/config";

export interface NetworkAccess {
  /** The first node URL, for display. */
  readonly node: string;
  /** Whose deposit authorization pays deployments (grantee mode), if any. */
  readonly depositGranter?: string;
  /** The chain id AKASH_CHAIN_ID asks for, if set. */
  readonly expectedChainId?: string;
  /** Queries (cached; `invalidate()` after changes made elsewhere, e.g. by terraform). */
  queries(): Promise<Chain>;
  /** The account of the configured key. */
  address(): Promise<string>;
  close(): Promise<void>;
}

function access(settings: ProviderSettings, env: NodeJS.ProcessEnv): NetworkAccess {
  // The same composition root the provider uses: the job sees the network exactly as the provider will.
  const clients = new CompositionRoot(env).portsFor(settings);
  let opened = false;
  return {
    node: settings.nodes[0] ?? "",
    ...(settings.depositGranter ? { depositGranter: settings.depositGranter } : {}),
    ...(settings.chainId ? { expectedChainId: settings.chainId } : {}),
    queries: () => {
      opened = true;
      return clients.chain();
    },
    address: () => clients.signerAddress(),
    close: async () => {
      if (!opened) return;
      // A client that failed to connect has nothing to close.
      const chain = await clients.chain().catch(() => undefined);
      await chain?.close();
    },
  };
}

/** The network AKASH_NODE / AKASH_MNEMONIC (and the provider's other variables) describe. */
export function networkFromEnvironment(env: NodeJS.ProcessEnv): NetworkAccess {
  try {
    return access(resolveProviderSettings({}, env), env);
  } catch (error) {
    if (error instanceof DiagnosticError) throw new Error(error.message);
    throw error;
  }
}

/** A network the job started itself (the localnet), with its test key. */
export function networkAt(node: string, mnemonic: string): NetworkAccess {
  return networkFromEnvironment({ AKASH_NODE: node, AKASH_MNEMONIC: mnemonic });
}
