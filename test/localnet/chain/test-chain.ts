/** Starts a throwaway localnet chain for a test: random port, temp data dir, short block time. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { GasPrice, QueryClient, SigningStargateClient } from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";
import { defaultGenesis, startChain, type ChainHandle, type GenesisSpec } from "../../../src/localnet/chain";
import { localnetKeys } from "../../../src/localnet/keys";

export const BLOCK_TIME_MS = 100;

export interface TestChain {
  chain: ChainHandle;
  dataDir: string;
  /** Stop the chain and delete its data dir. */
  dispose(): Promise<void>;
}

export async function startTestChain(
  opts: { dataDir?: string; genesis?: GenesisSpec; blockTimeMs?: number } = {},
): Promise<TestChain> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "akash-localnet-chain-"));
  const chain = await startChain({
    dataDir,
    port: 0,
    blockTimeMs: opts.blockTimeMs ?? BLOCK_TIME_MS,
    genesis: opts.genesis ?? defaultGenesis(),
  });
  return {
    chain,
    dataDir,
    dispose: async () => {
      await chain.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function walletFor(mnemonic: string): Promise<DirectSecp256k1HdWallet> {
  return DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: "akash" });
}

/** A signing client for the funded test account, polling quickly (short blocks). */
export async function testAccountClient(
  chain: ChainHandle,
): Promise<{ client: SigningStargateClient; address: string }> {
  const wallet = await walletFor(localnetKeys.testAccount().mnemonic);
  const client = await SigningStargateClient.connectWithSigner(chain.rpcUrl, wallet, {
    gasPrice: GasPrice.fromString("0.025uakt"),
    broadcastPollIntervalMs: 100,
  });
  return { client, address: localnetKeys.testAccount().address };
}

/** A raw ABCI gRPC query (path + protobuf request) through cosmjs's QueryClient. */
export async function abciQuery(chain: ChainHandle, path: string, request: Uint8Array): Promise<Uint8Array> {
  const comet = await connectComet(chain.rpcUrl);
  try {
    return (await QueryClient.withExtensions(comet).queryAbci(path, request)).value;
  } finally {
    comet.disconnect();
  }
}
