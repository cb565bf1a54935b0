// Localnet benchmark (called by scripts/bench.mjs; alone: `node scripts/bench-localnet.mjs`). Prints one JSON object.
//
// - block: 200 MsgCreateDeployment txs (10 funded accounts x 20 sequential sequences, signed offline with cosmjs
//   like a real client) are checked (CheckTx on arrival) and committed in one block (FinalizeBlock + commit +
//   index + block log). Measured twice: in-process (node.broadcast / produceBlock) and through the RPC
//   (broadcast_tx_sync over HTTP). Target: check + commit under 1 s.
// - queries at 1,000 deployments (plus 200 bids and 200 leases): Deployments by owner (page of 100), Deployment by
//   id, Leases by owner, open Orders (page of 100); p50/p95 over RPC abci_query from cosmjs's QueryClient and
//   in-process (app.query). Target: under 5 ms each.
// - replay: restart of a block log of 2,000+ blocks (some with txs): time until the RPC answers.
// - peak RSS.
//
// The localnet is TypeScript; it is bundled with esbuild into dist/bench/ (packages external) before running.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { sha256 } from "@noble/hashes/sha2";
import { DirectSecp256k1Wallet, Registry } from "@cosmjs/proto-signing";
import { defaultRegistryTypes, QueryClient, SigningStargateClient } from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";
import * as v1beta4 from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import * as v1beta5 from "@akashnetwork/chain-sdk/private-types/akash.v1beta5";
import { TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx.js";
import { BaseAccount } from "cosmjs-types/cosmos/auth/v1beta1/auth.js";
import { QueryAccountRequest, QueryAccountResponse } from "cosmjs-types/cosmos/auth/v1beta1/query.js";
import { Agent, request as httpRequest } from "node:http";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const ACCOUNTS = 10;
const TXS_PER_BLOCK = 200;
const DEPLOYMENTS = 1000;
const LEASES = 200;
const REPLAY_BLOCKS = 2000;
const QUERY_RUNS = 60;
const QUERY_WARMUP = 50;
const TARGET_BLOCK_MS = 1000;
const TARGET_QUERY_MS = 5;
const CHAIN_ID = "akash-localnet-1";
const FEE = { amount: [{ denom: "uakt", amount: "5000" }], gas: "800000" };

async function loadLocalnet() {
  const outfile = join(root, "dist", "bench", "localnet.cjs");
  await build({
    stdin: {
      contents: ['export { startChain, defaultGenesis } from "./src/localnet/chain";'].join("\n"),
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    packages: "external",
    outfile,
    logLevel: "warning",
  });
  return createRequire(import.meta.url)(outfile);
}

const registry = new Registry([
  ...defaultRegistryTypes,
  ...[v1beta4.MsgCreateDeployment, v1beta5.MsgCreateBid, v1beta5.MsgCreateLease].map(
    // chain-sdk's codecs are structurally cosmjs's GeneratedType but typed apart from it.
    (t) =>
      /** @type {[string, import("@cosmjs/proto-signing").GeneratedType]} */ ([
        `/${t.$type}`,
        /** @type {unknown} */ (t),
      ]),
  ),
]);

async function signer(label) {
  const wallet = await DirectSecp256k1Wallet.fromKey(sha256(new TextEncoder().encode(label)), "akash");
  const [account] = await wallet.getAccounts();
  const client = await SigningStargateClient.offline(wallet, { registry });
  return { address: account.address, client, accountNumber: 0, sequence: 0 };
}

async function signTx(s, msgs) {
  const raw = await s.client.sign(s.address, msgs, FEE, "", {
    accountNumber: s.accountNumber,
    sequence: s.sequence++,
    chainId: CHAIN_ID,
  });
  return TxRaw.encode(raw).finish();
}

const unit = (n) => ({ val: new TextEncoder().encode(String(n)) });
const groupSpec = {
  name: "dcloud",
  requirements: { signedBy: { allOf: [], anyOf: [] }, attributes: [] },
  resources: [
    {
      resource: {
        id: 1,
        cpu: { units: unit(500), attributes: [] },
        memory: { quantity: unit(512 * 1024 * 1024), attributes: [] },
        storage: [{ name: "default", quantity: unit(1024 * 1024 * 1024), attributes: [] }],
        gpu: { units: unit(0), attributes: [] },
        endpoints: [{ kind: 0, sequenceNumber: 0 }],
      },
      count: 1,
      price: { denom: "uact", amount: "1000" },
    },
  ],
};

const createDeployment = (owner, dseq) => ({
  typeUrl: "/akash.deployment.v1beta4.MsgCreateDeployment",
  value: {
    id: { owner, dseq: BigInt(dseq) },
    groups: [groupSpec],
    hash: sha256(new TextEncoder().encode(`bench ${owner} ${dseq}`)),
    deposit: { amount: { denom: "uact", amount: "500000" }, sources: [1] },
  },
});

const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const round = (n) => Math.round(n * 100) / 100;

function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { p50: round(at(0.5)), p95: round(at(0.95)) };
}

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

// A lean keep-alive HTTP client, like a node's RPC clients use: what is measured is the chain's answer, not the
// per-request setup cost of fetch().
const rpcAgent = new Agent({ keepAlive: true, maxSockets: 4 });

function rpcPost(url, method, params) {
  const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method, params });
  return new Promise((resolveResult, reject) => {
    const req = httpRequest(
      url,
      {
        method: "POST",
        agent: rpcAgent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          try {
            const parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
            if (parsed.error) reject(new Error(`${method}: ${parsed.error.data || parsed.error.message}`));
            else resolveResult(parsed.result);
          } catch (error) {
            reject(error);
          }
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * A copy of the chain, run as its own process with `akash-cdktf localnet start` (as users run it), so the query
 * timings are the node's own and not shared with this process's event loop and garbage collector.
 */
async function startNodeProcess(dataDir) {
  const cli = join(fileURLToPath(new URL("..", import.meta.url)), "bin", "akash-cdktf.js");
  const child = spawn(
    process.execPath,
    [
      cli,
      "localnet",
      "start",
      "--data-dir",
      dataDir,
      "--port",
      "0",
      "--providers",
      "0",
      "--block-time",
      "600000",
      "--json",
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const ready = await new Promise((resolveReady, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolveReady(JSON.parse(out.slice(0, out.indexOf("\n"))));
    });
    child.once("exit", (code) => reject(new Error(`localnet start exited with ${code} before it was ready`)));
  });
  return {
    node: ready.node,
    stop: () =>
      new Promise(
        /** @param {(value?: unknown) => void} done */ (done) => {
          child.once("exit", () => done());
          child.kill("SIGTERM");
        },
      ),
  };
}

export async function localnetBench() {
  const { startChain, defaultGenesis } = await loadLocalnet();
  const tenants = await Promise.all(Array.from({ length: ACCOUNTS }, (_, i) => signer(`bench tenant ${i}`)));
  const provider = await signer("bench provider");
  const funds = [
    { denom: "uakt", amount: 1_000_000_000_000n },
    { denom: "uact", amount: 1_000_000_000_000n },
  ];
  const genesis = defaultGenesis({
    providers: [
      {
        owner: provider.address,
        hostUri: "https://127.0.0.1:1",
        attributes: [{ key: "region", value: "bench" }],
        info: { email: "", website: "" },
      },
    ],
    accounts: tenants.map((t) => ({ address: t.address, coins: funds })),
  });
  // The provider is funded by defaultGenesis (PROVIDER_FUNDS).
  const dataDir = mkdtempSync(join(tmpdir(), "akash-bench-localnet-"));
  // Blocks are produced by hand below; the timer never fires during the run.
  let chain = await startChain({ dataDir, port: 0, blockTimeMs: 3_600_000, genesis });
  const result = {};
  try {
    const query = QueryClient.withExtensions(await connectComet(chain.rpcUrl));
    for (const s of [...tenants, provider]) {
      const req = QueryAccountRequest.encode({ address: s.address }).finish();
      const res = QueryAccountResponse.decode(
        (await query.queryAbci("/cosmos.auth.v1beta1.Query/Account", req)).value,
      );
      if (!res.account) throw new Error(`no account ${s.address} in genesis`);
      s.accountNumber = Number(BaseAccount.decode(res.account.value).accountNumber);
    }

    let dseq = 1;
    const signBlock = async () => {
      const txs = [];
      for (let i = 0; i < TXS_PER_BLOCK; i++) {
        const s = tenants[i % ACCOUNTS];
        txs.push(await signTx(s, [createDeployment(s.address, dseq++)]));
      }
      return txs;
    };
    const node = chain.node;
    const commit = () => {
      const start = process.hrtime.bigint();
      const block = node.produceBlock(new Date(Math.max(Date.now(), node.latest().time.getTime() + 1)));
      const took = ms(start);
      const failed = block.results.filter((r) => r.code !== 0);
      if (failed.length > 0) throw new Error(`${failed.length} txs failed: ${failed[0].log}`);
      sampleRss();
      return { took, txs: block.txs.length };
    };

    // 1) In-process: CheckTx x200, then FinalizeBlock.
    const inProcessTxs = await signBlock();
    let start = process.hrtime.bigint();
    for (const tx of inProcessTxs) {
      const r = node.broadcast(tx);
      if (r.code !== 0) throw new Error(`CheckTx failed: ${r.log}`);
    }
    const checkMs = ms(start);
    const first = commit();
    result.blockInProcess = {
      txs: first.txs,
      checkTxMs: round(checkMs),
      finalizeCommitMs: round(first.took),
      totalMs: round(checkMs + first.took),
    };

    // 2) Through the RPC: broadcast_tx_sync over HTTP, one connection per account (its sequences in order).
    const rpcTxs = await signBlock();
    start = process.hrtime.bigint();
    await Promise.all(
      tenants.map(async (_, account) => {
        for (let i = account; i < rpcTxs.length; i += ACCOUNTS) {
          const tx = Buffer.from(rpcTxs[i]).toString("base64");
          const r = await rpcPost(chain.rpcUrl, "broadcast_tx_sync", { tx });
          if (r.code !== 0) throw new Error(`CheckTx failed: ${r.log}`);
        }
      }),
    );
    const rpcCheckMs = ms(start);
    const second = commit();
    result.blockViaRpc = {
      txs: second.txs,
      broadcastTxSyncMs: round(rpcCheckMs),
      finalizeCommitMs: round(second.took),
      totalMs: round(rpcCheckMs + second.took),
    };
    result.blockTarget = {
      targetMs: TARGET_BLOCK_MS,
      met: result.blockInProcess.totalMs < TARGET_BLOCK_MS && result.blockViaRpc.totalMs < TARGET_BLOCK_MS,
    };

    // Fill up to 1,000 deployments, then 200 bids and 200 leases.
    while (dseq <= DEPLOYMENTS) {
      for (const tx of await signBlock()) node.broadcast(tx);
      commit();
    }
    const bidId = (i) => ({
      owner: tenants[i % ACCOUNTS].address,
      dseq: BigInt(i + 1),
      gseq: 1,
      oseq: 1,
      provider: provider.address,
      bseq: 0,
    });
    for (let i = 0; i < LEASES; i++) {
      const tx = await signTx(provider, [
        {
          typeUrl: "/akash.market.v1beta5.MsgCreateBid",
          value: {
            id: bidId(i),
            price: { denom: "uact", amount: "500" },
            deposit: { amount: { denom: "uakt", amount: "500000" }, sources: [1] },
            resourcesOffer: [],
          },
        },
      ]);
      const r = node.broadcast(tx);
      if (r.code !== 0) throw new Error(`bid CheckTx failed: ${r.log}`);
    }
    commit();
    for (let i = 0; i < LEASES; i++) {
      const tx = await signTx(tenants[i % ACCOUNTS], [
        { typeUrl: "/akash.market.v1beta5.MsgCreateLease", value: { bidId: bidId(i) } },
      ]);
      const r = node.broadcast(tx);
      if (r.code !== 0) throw new Error(`lease CheckTx failed: ${r.log}`);
    }
    commit();

    // 3) Queries at 1,000 deployments.
    const owner = tenants[3].address;
    /** @type {Record<string, [string, Uint8Array, (value: Uint8Array) => number]>} */
    const queries = {
      deploymentsByOwnerPage: [
        "/akash.deployment.v1beta4.Query/Deployments",
        v1beta4.QueryDeploymentsRequest.encode(
          v1beta4.QueryDeploymentsRequest.fromPartial({ filters: { owner }, pagination: { limit: 100n } }),
        ).finish(),
        (v) => v1beta4.QueryDeploymentsResponse.decode(v).deployments.length,
      ],
      deploymentById: [
        "/akash.deployment.v1beta4.Query/Deployment",
        v1beta4.QueryDeploymentRequest.encode(
          v1beta4.QueryDeploymentRequest.fromPartial({ id: { owner, dseq: 504n } }),
        ).finish(),
        (v) => (v1beta4.QueryDeploymentResponse.decode(v).deployment ? 1 : 0),
      ],
      leasesByOwner: [
        "/akash.market.v1beta5.Query/Leases",
        v1beta5.QueryLeasesRequest.encode(
          v1beta5.QueryLeasesRequest.fromPartial({ filters: { owner }, pagination: { limit: 100n } }),
        ).finish(),
        (v) => v1beta5.QueryLeasesResponse.decode(v).leases.length,
      ],
      ordersOpen: [
        "/akash.market.v1beta5.Query/Orders",
        v1beta5.QueryOrdersRequest.encode(
          v1beta5.QueryOrdersRequest.fromPartial({ filters: { state: "open" }, pagination: { limit: 100n } }),
        ).finish(),
        (v) => v1beta5.QueryOrdersResponse.decode(v).orders.length,
      ],
    };
    result.queries = {};
    let queriesMet = true;
    const nodeDir = mkdtempSync(join(tmpdir(), "akash-bench-node-"));
    cpSync(dataDir, nodeDir, { recursive: true });
    const nodeProcess = await startNodeProcess(nodeDir);
    for (const [name, [path, request, count]] of Object.entries(queries)) {
      const rpc = [];
      const rawRpc = [];
      const inProcess = [];
      let items = 0;
      let responseBytes = 0;
      // Steady state: let the node process's JIT settle on this query path before timing it.
      for (let i = 0; i < QUERY_WARMUP; i++) {
        await rpcPost(nodeProcess.node, "abci_query", { path, data: Buffer.from(request).toString("hex") });
      }
      for (let i = 0; i < QUERY_RUNS; i++) {
        let t = process.hrtime.bigint();
        const { value } = await query.queryAbci(path, request);
        rpc.push(ms(t));
        items = count(value);
        responseBytes = value.length;
        t = process.hrtime.bigint();
        const local = node.app.query(path, request);
        inProcess.push(ms(t));
        if (local.code !== 0) throw new Error(`${name}: ${local.log}`);
      }
      // A loop of its own, so this process's work for the other measurements does not land in these timings.
      const data = Buffer.from(request).toString("hex");
      for (let i = 0; i < QUERY_RUNS; i++) {
        const t = process.hrtime.bigint();
        const raw = await rpcPost(nodeProcess.node, "abci_query", { path, data });
        rawRpc.push(ms(t));
        if (raw.response.code) throw new Error(`${name}: ${raw.response.log}`);
      }
      sampleRss();
      const entry = {
        items,
        responseBytes,
        // Through the RPC with cosmjs's QueryClient (includes its pure-JS base64 and JSON checks).
        rpcMs: percentiles(rpc.slice(5)),
        // The same chain as a separate `localnet start` process, through the RPC with a lean keep-alive HTTP client:
        // the node's answer plus transport, no client-side decoding.
        rawRpcMs: percentiles(rawRpc.slice(5)),
        // The chain's query handler alone.
        inProcessMs: percentiles(inProcess.slice(5)),
      };
      // The target is the node's: request in, answer out, over loopback HTTP.
      queriesMet &&= entry.rawRpcMs.p95 < TARGET_QUERY_MS;
      result.queries[name] = entry;
    }
    await nodeProcess.stop();
    rmSync(nodeDir, { recursive: true, force: true });
    result.queryTarget = {
      targetMs: TARGET_QUERY_MS,
      measuredOn: "rawRpcMs.p95",
      deployments: DEPLOYMENTS,
      leases: LEASES,
      met: queriesMet,
    };

    // 4) Replay: grow the log to 2,000+ blocks (a bank send every 20th block), restart, time until ready.
    const sender = tenants[0];
    while (node.height() < BigInt(REPLAY_BLOCKS)) {
      if (node.height() % 20n === 0n) {
        node.broadcast(
          await signTx(sender, [
            {
              typeUrl: "/cosmos.bank.v1beta1.MsgSend",
              value: {
                fromAddress: sender.address,
                toAddress: tenants[1].address,
                amount: [{ denom: "uakt", amount: "1" }],
              },
            },
          ]),
        );
      }
      commit();
    }
    const blocks = Number(node.height());
    const txCount = node.blocks.reduce((n, b) => n + b.txs.length, 0);
    await chain.stop();
    start = process.hrtime.bigint();
    chain = await startChain({ dataDir, port: 0, blockTimeMs: 3_600_000 });
    await rpcPost(chain.rpcUrl, "status", {});
    result.replay = { blocks, txs: txCount, restartMs: round(ms(start)) };
    sampleRss();
  } finally {
    await chain.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  sampleRss();
  result.peakRssMb = round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024);
  result.cores = (await import("node:os")).cpus().length;
  rpcAgent.destroy();
  return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await localnetBench()));
}
