/**
 * The CometBFT JSON-RPC methods cosmjs and chain-sdk call (chain-rules.md §1.4), answered from the node's block
 * store and the app, plus Akash's `akash` discovery method.
 */
import { fromBase64, fromHex } from "@cosmjs/encoding";
import { toBase64 } from "./fast-encoding";
import { sha256 } from "@noble/hashes/sha2";
import { genesisToJson, type GenesisSpec } from "../../genesis";
import { internalError, RpcError, type ChainNode, type StoredBlock } from "../node";
import { eventsJson, hex, rfc3339, txResultJson } from "./comet-json";
import { parseTxQuery, searchTxs } from "./tx-query";
import type { LocalnetFaults } from "../../faults/faults";
import type { RequestStats } from "./request-stats";

export const NODE_VERSION = "0.38.21";
export const APP_VERSION = "v2.1.0";

type Params = Record<string, unknown>;

/** About the HTTP request a call came in: `internal` = from the localnet's own providers. */
export interface CallInfo {
  internal: boolean;
}

/** CheckTx, then (for outside clients) maybe drop the accepted tx, as an injected fault. */
function broadcastChecked(ctx: RpcContext, tx: Uint8Array, info: CallInfo | undefined) {
  const drop = info !== undefined && !info.internal && ctx.faults !== undefined;
  return ctx.node.broadcast(tx, drop ? { drop: () => ctx.faults!.dropTx() } : undefined);
}

export interface RpcContext {
  node: ChainNode;
  /** Injected faults (see src/localnet/faults). */
  faults?: LocalnetFaults;
  stats?: RequestStats;
  genesis: GenesisSpec;
  host: string;
  port: number;
  /** Payload of the `akash` discovery method. */
  discovery: () => unknown;
}

const VALIDATOR_PUBKEY = sha256(new TextEncoder().encode("akash-cdktf localnet validator"));
const VALIDATOR_ADDRESS = sha256(VALIDATOR_PUBKEY).slice(0, 20);
const NODE_ID = sha256(new TextEncoder().encode("akash-cdktf localnet node")).slice(0, 20);

const validatorJson = () => ({
  address: hex(VALIDATOR_ADDRESS),
  pub_key: { type: "tendermint/PubKeyEd25519", value: toBase64(VALIDATOR_PUBKEY) },
  voting_power: "10",
  proposer_priority: "0",
});

function stringParam(params: Params, name: string): string | undefined {
  const v = params[name];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v === "number") return String(v);
  if (typeof v !== "string") throw new RpcError(-32602, "Invalid params", `${name} must be a string`);
  return v;
}

function heightParam(ctx: RpcContext, params: Params, name = "height"): bigint {
  const raw = stringParam(params, name);
  const latest = ctx.node.height();
  if (raw === undefined) return latest;
  if (!/^-?\d+$/.test(raw)) throw new RpcError(-32602, "Invalid params", `${name}: invalid integer ${raw}`);
  const h = BigInt(raw);
  if (h <= 0n) throw internalError(`height must be greater than 0, but got ${h}`);
  if (h > latest)
    throw internalError(`height ${h} must be less than or equal to the current blockchain height ${latest}`);
  return h;
}

function bytesParam(params: Params, name: string, encoding: "base64" | "hex"): Uint8Array {
  const v = params[name];
  if (v instanceof Uint8Array) return v;
  if (typeof v !== "string") throw new RpcError(-32602, "Invalid params", `missing ${name}`);
  try {
    return encoding === "hex" ? fromHex(v) : fromBase64(v);
  } catch {
    throw new RpcError(-32602, "Invalid params", `${name} is not valid ${encoding}`);
  }
}

function blockIdJson(block: StoredBlock | undefined) {
  if (!block) return { hash: "", parts: { total: 0, hash: "" } };
  return { hash: hex(block.hash), parts: { total: 1, hash: hex(sha256(block.hash)) } };
}

function headerJson(ctx: RpcContext, block: StoredBlock) {
  const previous = ctx.node.block(block.height - 1n);
  const validatorsHash = hex(sha256(VALIDATOR_PUBKEY));
  return {
    version: { block: "11", app: "0" },
    chain_id: ctx.node.app.chainId,
    height: block.height.toString(),
    time: rfc3339(block.time),
    last_block_id: blockIdJson(previous),
    last_commit_hash: previous ? hex(sha256(previous.hash)) : "",
    data_hash: hex(block.dataHash),
    validators_hash: validatorsHash,
    next_validators_hash: validatorsHash,
    consensus_hash: hex(sha256(new TextEncoder().encode("consensus params"))),
    app_hash: hex(block.headerAppHash),
    last_results_hash: previous ? hex(previous.resultsHash) : "",
    evidence_hash: "",
    proposer_address: hex(VALIDATOR_ADDRESS),
  };
}

function blockJson(ctx: RpcContext, block: StoredBlock) {
  const previous = ctx.node.block(block.height - 1n);
  return {
    block_id: blockIdJson(block),
    block: {
      header: headerJson(ctx, block),
      data: { txs: block.txs.length > 0 ? block.txs.map(toBase64) : null },
      evidence: { evidence: [] },
      last_commit: {
        height: previous ? previous.height.toString() : "0",
        round: 0,
        block_id: blockIdJson(previous),
        signatures: previous
          ? [
              {
                block_id_flag: 2,
                validator_address: hex(VALIDATOR_ADDRESS),
                timestamp: rfc3339(block.time),
                signature: toBase64(sha256(block.lastBlockHash)),
              },
            ]
          : [],
      },
    },
  };
}

function requireBlock(ctx: RpcContext, height: bigint): StoredBlock {
  const block = ctx.node.block(height);
  if (!block) throw internalError(`could not find block at height ${height}`);
  return block;
}

function txJson(ctx: RpcContext, height: number, index: number) {
  const block = ctx.node.blocks[height - 1]!;
  return {
    hash: block.txHashes[index]!,
    height: String(height),
    index,
    tx_result: txResultJson(block.results[index]!),
    tx: toBase64(block.txs[index]!),
  };
}

async function broadcastCommit(ctx: RpcContext, tx: Uint8Array, info: CallInfo | undefined) {
  const result = broadcastChecked(ctx, tx, info);
  const hashHex = hex(result.hash);
  if (result.code !== 0) {
    return { check_tx: txResultJson(result.check), tx_result: {}, hash: hashHex, height: "0" };
  }
  const included = await ctx.node.waitForTx(hashHex, Math.max(10_000, ctx.node.blockTimeMs * 5));
  if (!included) throw internalError("timed out waiting for tx to be included in a block");
  return {
    check_tx: txResultJson(result.check),
    tx_result: txResultJson(included.result),
    hash: hashHex,
    height: included.height.toString(),
  };
}

export const METHODS: Record<string, (ctx: RpcContext, params: Params, info?: CallInfo) => unknown> = {
  health: () => ({}),

  status: (ctx) => {
    const latest = ctx.node.latest();
    const earliest = ctx.node.block(1n);
    return {
      node_info: {
        protocol_version: { p2p: "8", block: "11", app: "0" },
        id: hex(NODE_ID).toLowerCase(),
        listen_addr: `tcp://${ctx.host}:26656`,
        network: ctx.node.app.chainId,
        version: NODE_VERSION,
        channels: "40202122233038606100",
        moniker: "akash-localnet",
        other: { tx_index: "on", rpc_address: `tcp://${ctx.host}:${ctx.port}` },
      },
      sync_info: {
        latest_block_hash: latest ? hex(latest.hash) : "",
        latest_app_hash: hex(ctx.node.app.appHash),
        latest_block_height: ctx.node.height().toString(),
        latest_block_time: rfc3339(latest?.time ?? ctx.node.genesisTime),
        earliest_block_hash: earliest ? hex(earliest.hash) : "",
        earliest_app_hash: earliest ? hex(earliest.headerAppHash) : "",
        earliest_block_height: earliest ? "1" : "0",
        earliest_block_time: rfc3339(earliest?.time ?? ctx.node.genesisTime),
        catching_up: false,
      },
      validator_info: {
        address: hex(VALIDATOR_ADDRESS),
        pub_key: { type: "tendermint/PubKeyEd25519", value: toBase64(VALIDATOR_PUBKEY) },
        voting_power: "10",
      },
    };
  },

  abci_info: (ctx) => ({
    response: {
      data: "akash",
      version: APP_VERSION,
      app_version: "0",
      last_block_height: ctx.node.height().toString(),
      last_block_app_hash: toBase64(ctx.node.app.appHash),
    },
  }),

  abci_query: (ctx, params) => {
    const path = stringParam(params, "path");
    if (!path) throw new RpcError(-32602, "Invalid params", "path is required");
    const data =
      params.data === undefined || params.data === "" ? new Uint8Array() : bytesParam(params, "data", "hex");
    const result = ctx.node.app.query(path, data);
    const response: Record<string, unknown> = {
      log: result.log,
      info: "",
      index: "0",
      key: null,
      value: result.code === 0 ? toBase64(result.value) : null,
      height: ctx.node.height().toString(),
      codespace: result.codespace,
    };
    if (result.code !== 0) response.code = result.code;
    return { response };
  },

  broadcast_tx_sync: (ctx, params, info) => {
    const result = broadcastChecked(ctx, bytesParam(params, "tx", "base64"), info);
    return {
      code: result.code,
      data: "",
      log: result.log,
      codespace: result.codespace,
      hash: hex(result.hash),
    };
  },

  broadcast_tx_async: (ctx, params, info) => {
    const tx = bytesParam(params, "tx", "base64");
    const hash = hex(sha256(tx));
    // Async returns before CheckTx; a failing tx is simply dropped (as with Comet).
    queueMicrotask(() => {
      try {
        broadcastChecked(ctx, tx, info);
      } catch {
        // already in cache: ignored, like Comet's async path
      }
    });
    return { code: 0, data: "", log: "", codespace: "", hash };
  },

  broadcast_tx_commit: (ctx, params, info) => broadcastCommit(ctx, bytesParam(params, "tx", "base64"), info),

  tx: (ctx, params) => {
    const hash = bytesParam(params, "hash", "base64");
    const ref = ctx.node.txRef(hex(hash));
    if (!ref) throw internalError(`tx (${hex(hash)}) not found`);
    return txJson(ctx, ref.height, ref.index);
  },

  tx_search: (ctx, params) => {
    const query = stringParam(params, "query");
    if (!query) throw internalError("failed to parse query: empty query");
    const refs = searchTxs(ctx.node, parseTxQuery(query));
    const orderBy = stringParam(params, "order_by") ?? "asc";
    if (orderBy !== "asc" && orderBy !== "desc") {
      throw internalError("expected order_by to be either `asc` or `desc` or empty");
    }
    if (orderBy === "desc") refs.reverse();
    const perPageRaw = Number(stringParam(params, "per_page") ?? "30");
    const perPage = perPageRaw < 1 ? 30 : Math.min(perPageRaw, 100);
    const pages = Math.max(1, Math.ceil(refs.length / perPage));
    const page = Number(stringParam(params, "page") ?? "1");
    if (!Number.isInteger(page) || page < 1 || page > pages) {
      throw internalError(`page should be within [1, ${pages}] range, given ${page}`);
    }
    const slice = refs.slice((page - 1) * perPage, page * perPage);
    return { txs: slice.map((r) => txJson(ctx, r.height, r.index)), total_count: String(refs.length) };
  },

  block: (ctx, params) => blockJson(ctx, requireBlock(ctx, heightParam(ctx, params))),

  block_by_hash: (ctx, params) => {
    const hash = hex(bytesParam(params, "hash", "base64"));
    const block = ctx.node.blocks.find((b) => hex(b.hash) === hash);
    if (!block) return { block_id: { hash: "", parts: { total: 0, hash: "" } }, block: null };
    return blockJson(ctx, block);
  },

  block_results: (ctx, params) => {
    const block = requireBlock(ctx, heightParam(ctx, params));
    return {
      height: block.height.toString(),
      txs_results: block.results.length > 0 ? block.results.map(txResultJson) : null,
      finalize_block_events: eventsJson(block.events),
      validator_updates: null,
      consensus_param_updates: null,
      app_hash: toBase64(block.resultAppHash),
    };
  },

  blockchain: (ctx, params) => {
    const latest = ctx.node.height();
    let max = BigInt(stringParam(params, "maxHeight") ?? "0");
    let min = BigInt(stringParam(params, "minHeight") ?? "0");
    if (max === 0n || max > latest) max = latest;
    if (min === 0n) min = 1n;
    if (min < max - 19n) min = max - 19n;
    if (min > max) throw internalError(`min height ${min} can't be greater than max height ${max}`);
    const metas = [];
    for (let h = max; h >= min && h >= 1n; h--) {
      const block = requireBlock(ctx, h);
      metas.push({
        block_id: blockIdJson(block),
        block_size: String(block.txs.reduce((n, t) => n + t.length, 0) + 512),
        header: headerJson(ctx, block),
        num_txs: String(block.txs.length),
      });
    }
    return { last_height: latest.toString(), block_metas: metas };
  },

  validators: (ctx, params) => ({
    block_height: heightParam(ctx, params).toString(),
    validators: [validatorJson()],
    count: "1",
    total: "1",
  }),

  genesis: (ctx) => ({
    genesis: {
      genesis_time: rfc3339(ctx.genesis.genesisTime),
      chain_id: ctx.genesis.chainId,
      initial_height: "1",
      consensus_params: {
        block: { max_bytes: "22020096", max_gas: "-1" },
        evidence: { max_age_num_blocks: "100000", max_age_duration: "172800000000000", max_bytes: "1048576" },
        validator: { pub_key_types: ["ed25519"] },
        version: { app: "0" },
        abci: { vote_extensions_enable_height: "0" },
      },
      validators: [
        {
          address: hex(VALIDATOR_ADDRESS),
          pub_key: { type: "tendermint/PubKeyEd25519", value: toBase64(VALIDATOR_PUBKEY) },
          power: "10",
          name: "akash-localnet",
        },
      ],
      app_hash: "",
      app_state: JSON.parse(genesisToJson(ctx.genesis)) as unknown,
    },
  }),

  akash: (ctx) => ctx.discovery(),
};
