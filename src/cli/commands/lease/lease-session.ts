/**
 * The gateway client, provider endpoint and lease id for a LeaseTarget, from the same composition root the
 * provider uses: the chain (AKASH_NODE or --node) verifies the provider's TLS certificate against the one it
 * registered on chain, and AKASH_MNEMONIC signs the JWT unless the state holds a client certificate (mTLS).
 */
import type { Chain, LeaseId } from "../../../akash/ports/chain";
import type { ProviderEndpoint, ProviderGateway } from "../../../akash/ports/provider-gateway";
import { CompositionRoot } from "../../../provider/composition-root";
import { resolveProviderSettings } from "../../../provider/config";
import { LeaseUsageError, type LeaseTarget } from "./lease-target";

export type StreamingGateway = Required<Pick<ProviderGateway, "streamLease" | "openShell">>;

export interface LeaseSession {
  gateway: StreamingGateway;
  endpoint: ProviderEndpoint;
  lease: LeaseId;
  close(): Promise<void>;
}

export async function openLeaseSession(
  target: LeaseTarget,
  env: NodeJS.ProcessEnv,
  node: string | undefined,
): Promise<LeaseSession> {
  if (!(node ?? env.AKASH_NODE))
    throw new LeaseUsageError("no node configured; set AKASH_NODE or pass --node URL (CometBFT RPC).");
  const mnemonic = env.AKASH_MNEMONIC?.trim() || undefined;
  if (target.auth.kind === "jwt" && !mnemonic) {
    throw new LeaseUsageError(
      "the provider needs a token signed by the lease owner's key: set AKASH_MNEMONIC to the owner's mnemonic.",
    );
  }
  const ports = new CompositionRoot(env).portsFor(resolveProviderSettings({ node: node ?? null }, env));
  const chain: Chain = await ports.chain();
  try {
    let owner = target.owner;
    if (target.auth.kind === "jwt") {
      const signer = await ports.signerAddress();
      if (owner !== undefined && owner !== signer) {
        throw new LeaseUsageError(
          `${target.label} belongs to ${owner}, but AKASH_MNEMONIC is the key of ${signer}; the provider only ` +
            "lets the owner in. Use the owner's mnemonic.",
        );
      }
      owner = signer;
    }
    if (owner === undefined) throw new LeaseUsageError(`${target.label}: the state names no owner.`);
    const hostUri = target.hostUri ?? (await chain.provider(target.provider))?.hostUri;
    if (!hostUri) throw new LeaseUsageError(`provider ${target.provider} is not registered on chain.`);
    const gateway = await ports.gateway(target.auth);
    if (!gateway.streamLease || !gateway.openShell) throw new Error("the gateway client cannot stream");
    return {
      gateway: gateway as StreamingGateway,
      endpoint: { hostUri, address: target.provider },
      lease: {
        owner,
        dseq: target.dseq,
        gseq: target.gseq,
        oseq: target.oseq,
        provider: target.provider,
        bseq: 0,
      },
      close: () => chain.close(),
    };
  } catch (error) {
    await chain.close();
    throw error;
  }
}
