/** The embedded localnet as the main job's target: started (or resumed) from the workspace, on a usable port. */
import { existsSync } from "node:fs";
import type { CommandIO } from "./io";
import { chooseLocalnetPort, portInUseHint } from "./localnet-port";
import type { BlockTime } from "./cost-estimate";
import { shownPath, type MainWorkspace } from "./workspace";

const PROVIDERS = 3;
const BLOCK_MS = 1000;

export const LOCALNET_BLOCK_TIME: BlockTime = { seconds: BLOCK_MS / 1000, source: "the localnet's" };

export interface JobLocalnet {
  node: string;
  chainId: string;
  /** The localnet's funded test account (public; only valid on the localnet). */
  mnemonic: string;
  stop(): Promise<void>;
}

export async function startJobLocalnet(
  ws: MainWorkspace,
  requestedPort: number | undefined,
  io: CommandIO,
): Promise<JobLocalnet> {
  const fresh = !existsSync(ws.chainData);
  io.stdout(
    `▶ ${fresh ? "starting" : "resuming"} the embedded localnet (state in ${shownPath(ws.chainData)})`,
  );
  const choice = await chooseLocalnetPort({
    requested: requestedPort,
    providers: PROVIDERS,
    freshDataDir: fresh,
  });
  if (choice.note) io.stdout(`  ${choice.note}`);
  const { startLocalnet } = await import("../localnet/network");
  try {
    const net = await startLocalnet({
      dataDir: ws.chainData,
      port: choice.port,
      blockTimeMs: BLOCK_MS,
      providers: PROVIDERS,
    });
    io.stdout(`  chain ${net.chainId} at ${net.node}, ${net.providers.length} providers`);
    return { node: net.node, chainId: net.chainId, mnemonic: net.mnemonic, stop: () => net.stop() };
  } catch (error) {
    const hint = portInUseHint(error, requestedPort);
    throw hint ? new Error(hint) : error;
  }
}
