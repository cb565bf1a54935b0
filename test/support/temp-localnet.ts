/** Starts a throwaway localnet on free ports with a fresh temp data dir, which `stop` removes again. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalnet, type Localnet, type LocalnetOptions } from "../../src/localnet/network";

export interface TempLocalnet {
  net: Localnet;
  stop(): Promise<void>;
}

/**
 * The gateways' free ports are picked when the genesis is written and bound when the providers start: on a busy
 * machine another process can take one in between. Such a start is retried on new ports (and a new data dir, as
 * the genesis records the ports).
 */
const STARTS = 3;

/** `dirPrefix` names the temp data dir after the suite, so a leftover one says where it came from. */
export async function startTempLocalnet(
  opts: Omit<LocalnetOptions, "dataDir" | "port">,
  dirPrefix: string,
): Promise<TempLocalnet> {
  for (let attempt = 1; ; attempt++) {
    const dataDir = mkdtempSync(join(tmpdir(), dirPrefix));
    const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
    let net: Localnet;
    try {
      net = await startLocalnet({ ...opts, dataDir, port: 0 });
    } catch (err) {
      removeDataDir();
      if (attempt < STARTS && err instanceof Error && /is already in use/.test(err.message)) continue;
      throw err;
    }
    return {
      net,
      stop: async () => {
        await net.stop();
        removeDataDir();
      },
    };
  }
}
