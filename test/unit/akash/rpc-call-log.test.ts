/**
 * Every CometBFT RPC attempt is logged at DEBUG with its method, what names it, the HTTP status, ok or the
 * error, and its duration; the node only by its origin (a path or query may carry an API key), never the request
 * data (a broadcast's signed transaction).
 */
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import { CometRpcClient } from "../../../src/akash/adapters/cosmos/rpc-client";
import { capturedLog } from "../../support/captured-log";

let server: Server;
let origin: string;
/** What the node does with the next requests (the last repeats). */
let script: ("ok" | "503" | "not-found")[] = ["ok"];
let hits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      const behaviour = script[Math.min(hits++, script.length - 1)];
      if (behaviour === "503") return void res.writeHead(503).end();
      const { id } = JSON.parse(body) as { id: number };
      res.writeHead(200, { "content-type": "application/json" });
      if (behaviour === "not-found") {
        const error = { code: -32603, message: "Internal error", data: "tx (ABCD) not found" };
        return void res.end(JSON.stringify({ jsonrpc: "2.0", id, error }));
      }
      res.end(JSON.stringify({ jsonrpc: "2.0", id, result: { hash: "ABCD", code: 0 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  hits = 0;
});

function client() {
  const log = capturedLog();
  const rpc = new CometRpcClient([`${origin}/key-4f1c9e?apikey=s3cr3t`], {
    log: log.logger,
    sleep: async () => undefined,
  });
  return { rpc, log };
}

test("a query: method, gRPC path, HTTP status, ok, duration; the node by its origin only", async () => {
  script = ["ok"];
  const { rpc, log } = client();
  await rpc.call("abci_query", {
    path: "/cosmos.bank.v1beta1.Query/AllBalances",
    data: "0a2d",
    prove: false,
  });
  const [line] = log.records("chain rpc call");
  expect(line).toEqual(
    expect.objectContaining({
      "@level": "debug",
      node: origin,
      method: "abci_query",
      path: "/cosmos.bank.v1beta1.Query/AllBalances",
      http_status: 200,
      status: "ok",
      duration_ms: expect.any(Number),
    }),
  );
  expect(line!.duration_ms as number).toBeGreaterThanOrEqual(0);
  expect(log.lines.join("")).not.toMatch(/key-4f1c9e|s3cr3t|0a2d/);
});

test("a retried attempt and a JSON-RPC error answer are lines with status error; a lookup names its hash", async () => {
  script = ["503", "not-found"];
  const { rpc, log } = client();
  const hash = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";
  await expect(rpc.call("tx", { hash: Buffer.from(hash, "hex").toString("base64") })).rejects.toThrow(
    "not found",
  );
  expect(log.records("chain rpc call")).toEqual([
    expect.objectContaining({
      method: "tx",
      tx_hash: hash,
      http_status: 503,
      status: "error",
      error: "HTTP 503",
    }),
    expect.objectContaining({ method: "tx", tx_hash: hash, status: "error", error: "tx (ABCD) not found" }),
  ]);
});

test("a broadcast is logged with the hash of the transaction, not its bytes", async () => {
  script = ["ok"];
  const { rpc, log } = client();
  const tx = Buffer.from("signed transaction bytes");
  await rpc.send("broadcast_tx_sync", { tx: tx.toString("base64") });
  const [line] = log.records("chain rpc call");
  expect(line).toEqual(
    expect.objectContaining({
      method: "broadcast_tx_sync",
      // CometBFT names a transaction by the SHA-256 of its bytes.
      tx_hash: createHash("sha256").update(tx).digest("hex").toUpperCase(),
      status: "ok",
    }),
  );
  expect(log.lines.join("")).not.toContain(tx.toString("base64"));
});
