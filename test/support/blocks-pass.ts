import { eventually } from "./eventually";

/**
 * Waits, by polling the chain's height, until `blocks` more blocks are committed: a window for "nothing happens
 * meanwhile" checks that is measured in blocks, so it stays as wide on a loaded machine (where blocks come late)
 * as on an idle one.
 */
export async function blocksPass(height: () => Promise<number | bigint>, blocks: number): Promise<void> {
  const target = BigInt(await height()) + BigInt(blocks);
  await eventually(`${blocks} more blocks`, async () => BigInt(await height()) >= target, {
    timeoutMs: 60_000,
    pollMs: 50,
  });
}
