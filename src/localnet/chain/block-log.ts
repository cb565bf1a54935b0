/**
 * Persistence: genesis.json plus an append-only block log (blocks.jsonl, one line per block: height, time, raw
 * txs, and the operator inputs of the rare blocks that had some). On start the chain replays the log through FinalizeBlock, which rebuilds every account, deployment, lease
 * and grant exactly, because execution is deterministic.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { fromBase64, toBase64 } from "@cosmjs/encoding";
import { genesisFromJson, genesisToJson, type GenesisSpec } from "../genesis";

/** Per-module inputs from outside the chain for one block (see ChainModule.beginBlock), JSON data. */
export type BlockInputs = Record<string, unknown>;

export interface LoggedBlock {
  height: bigint;
  time: Date;
  txs: Uint8Array[];
  inputs?: BlockInputs;
}

interface BlockLine {
  h: string;
  t: string;
  txs: string[];
  /** Only present on blocks that had inputs. */
  in?: BlockInputs;
}

export class BlockLog {
  private fd: number | undefined;
  private readonly genesisPath: string;
  private readonly logPath: string;

  constructor(readonly dataDir: string) {
    this.genesisPath = join(dataDir, "genesis.json");
    this.logPath = join(dataDir, "blocks.jsonl");
  }

  /** The stored genesis, or undefined for a new data dir. */
  readGenesis(): GenesisSpec | undefined {
    if (!existsSync(this.genesisPath)) return undefined;
    return genesisFromJson(readFileSync(this.genesisPath, "utf8"));
  }

  writeGenesis(genesis: GenesisSpec): void {
    mkdirSync(this.dataDir, { recursive: true });
    writeFileSync(this.genesisPath, genesisToJson(genesis));
  }

  /** All complete blocks; a torn last line (crash mid-write) is ignored and later overwritten by truncation. */
  readBlocks(): LoggedBlock[] {
    if (!existsSync(this.logPath)) return [];
    const text = readFileSync(this.logPath, "utf8");
    const blocks: LoggedBlock[] = [];
    let start = 0;
    while (start < text.length) {
      const end = text.indexOf("\n", start);
      if (end < 0) break;
      const line = text.slice(start, end);
      let parsed: BlockLine;
      try {
        parsed = JSON.parse(line) as BlockLine;
      } catch {
        break;
      }
      const height = BigInt(parsed.h);
      if (height !== BigInt(blocks.length + 1)) {
        throw new Error(
          `block log ${this.logPath} is corrupt: expected height ${blocks.length + 1}, found ${height}`,
        );
      }
      blocks.push({
        height,
        time: new Date(parsed.t),
        txs: parsed.txs.map((t) => fromBase64(t)),
        ...(parsed.in ? { inputs: parsed.in } : {}),
      });
      start = end + 1;
    }
    if (start < text.length) {
      // Drop the torn tail so appends start on a clean line.
      writeFileSync(this.logPath, text.slice(0, start));
    }
    return blocks;
  }

  append(block: LoggedBlock): void {
    if (this.fd === undefined) {
      mkdirSync(this.dataDir, { recursive: true });
      this.fd = openSync(this.logPath, "a");
    }
    const line: BlockLine = {
      h: block.height.toString(),
      t: block.time.toISOString(),
      txs: block.txs.map(toBase64),
      ...(block.inputs && Object.keys(block.inputs).length > 0 ? { in: block.inputs } : {}),
    };
    writeSync(this.fd, JSON.stringify(line) + "\n");
  }

  /** fsync and close (shutdown). */
  close(): void {
    if (this.fd === undefined) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = undefined;
  }
}
