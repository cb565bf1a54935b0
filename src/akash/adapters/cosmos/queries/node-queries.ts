/** What the node itself says (CometBFT `status` and `blockchain`): chain id, height, typical block time. */
import type { QueryCache } from "../query-coalescer";
import type { CometRpcClient } from "../rpc-client";

interface StatusResult {
  node_info: { network: string };
  sync_info: { latest_block_height: string };
}

interface BlockchainResult {
  block_metas: { header: { time: string } }[];
}

/** How many recent blocks the block time is measured over (`blockchain` returns at most 20). */
const BLOCK_TIME_WINDOW = 20n;

/** Mainnet's long-run average, for chains too young to measure. */
const DEFAULT_BLOCK_SECONDS = 6.5;

export class NodeQueries {
  private chainIdValue?: Promise<string>;
  private blockSecondsValue?: Promise<number>;

  constructor(
    private readonly rpc: CometRpcClient,
    private readonly cache: QueryCache,
  ) {}

  private status(): Promise<StatusResult> {
    return this.cache.shared("status", () => this.rpc.call<StatusResult>("status"));
  }

  chainId(): Promise<string> {
    this.chainIdValue ??= this.status().then((s) => s.node_info.network);
    this.chainIdValue.catch(() => (this.chainIdValue = undefined));
    return this.chainIdValue;
  }

  async latestHeight(): Promise<bigint> {
    return BigInt((await this.status()).sync_info.latest_block_height);
  }

  averageBlockSeconds(): Promise<number> {
    // The median interval of the last blocks (one `blockchain` request): robust to a pause in block production,
    // such as a localnet that was stopped for a while.
    this.blockSecondsValue ??= (async () => {
      const latest = await this.latestHeight();
      if (latest < 3n) return DEFAULT_BLOCK_SECONDS;
      const min = latest > BLOCK_TIME_WINDOW ? latest - BLOCK_TIME_WINDOW + 1n : 1n;
      const result = await this.rpc.call<BlockchainResult>("blockchain", {
        minHeight: min.toString(),
        maxHeight: latest.toString(),
      });
      const times = result.block_metas.map((m) => Date.parse(m.header.time)).sort((a, b) => a - b);
      const intervals = times
        .slice(1)
        .map((t, i) => (t - times[i]!) / 1000)
        .sort((a, b) => a - b);
      const median = intervals[Math.floor(intervals.length / 2)];
      return median !== undefined && median > 0 ? Math.round(median * 100) / 100 : DEFAULT_BLOCK_SECONDS;
    })();
    this.blockSecondsValue.catch(() => (this.blockSecondsValue = undefined));
    return this.blockSecondsValue;
  }
}
