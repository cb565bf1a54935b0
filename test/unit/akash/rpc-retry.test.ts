/**
 * The RPC client's retry policy on a fake clock (sleeps are recorded, not waited): transient failures are retried
 * per node with growing, jittered delays inside a budget, then the next node is asked; broadcasts are never sent
 * to a second node once the first may have received them. The nodes are small local HTTP servers.
 */
import { createServer, type Server } from "node:http";
import { CometRpcClient, RpcOutcomeUnknown } from "../../../src/akash/adapters/cosmos/rpc-client";
import { backoffDelayMs, DEFAULT_RETRY_POLICY } from "../../../src/akash/adapters/cosmos/retry-policy";
import { ChainError } from "../../../src/akash/ports/errors";

type Behaviour = "ok" | "503" | "reset" | "rpc-error-500";

interface FakeNode {
  url: string;
  hits: number;
  /** What the next requests get; the last entry repeats. */
  script: Behaviour[];
  close(): Promise<void>;
}

async function fakeNode(script: Behaviour[]): Promise<FakeNode> {
  const node = { hits: 0, script } as FakeNode;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      const behaviour = node.script[Math.min(node.hits, node.script.length - 1)]!;
      node.hits++;
      if (behaviour === "503") return void res.writeHead(503).end();
      if (behaviour === "reset") return void res.socket?.destroy();
      const { id } = JSON.parse(body) as { id: number };
      if (behaviour === "rpc-error-500") {
        res.writeHead(500, { "content-type": "application/json" });
        const error = { code: -32603, message: "Internal error", data: "tx (ABCD) not found" };
        return void res.end(JSON.stringify({ jsonrpc: "2.0", id, error }));
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ jsonrpc: "2.0", id, result: { answer: 42 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  node.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  node.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return node;
}

/** A port nothing listens on: connections are refused. */
async function refusedUrl(): Promise<string> {
  const node = await fakeNode(["ok"]);
  await node.close();
  return node.url;
}

const nodes: FakeNode[] = [];
afterEach(async () => {
  await Promise.all(nodes.splice(0).map((n) => n.close()));
});

async function started(...scripts: Behaviour[][]): Promise<FakeNode[]> {
  const made = await Promise.all(scripts.map((s) => fakeNode(s)));
  nodes.push(...made);
  return made;
}

function client(urls: string[], random = 0.5) {
  const sleeps: number[] = [];
  const rpc = new CometRpcClient(urls, {
    timeoutMs: 2_000,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => random,
  });
  return { rpc, sleeps };
}

test("the delay doubles from the base up to the cap, half of it random", () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000 };
  expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(policy, n, 0))).toEqual([50, 100, 200, 400, 500, 500]);
  expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(policy, n, 0.999))).toEqual([
    100, 200, 400, 800, 1000, 1000,
  ]);
});

test("a node answering 503 is asked again after growing delays, and its answer is returned", async () => {
  const [node] = await started(["503", "503", "ok"]);
  const { rpc, sleeps } = client([node!.url]);
  await expect(rpc.call("status")).resolves.toEqual({ answer: 42 });
  expect(node!.hits).toBe(3);
  expect(sleeps).toEqual([75, 150]);
});

test("after its attempts on a struggling node, the next node is asked (and preferred afterwards)", async () => {
  const [bad, good] = await started(["503"], ["ok"]);
  const { rpc, sleeps } = client([bad!.url, good!.url]);
  await expect(rpc.call("status")).resolves.toEqual({ answer: 42 });
  expect(bad!.hits).toBe(DEFAULT_RETRY_POLICY.attemptsPerEndpoint);
  expect(good!.hits).toBe(1);
  expect(sleeps).toHaveLength(DEFAULT_RETRY_POLICY.attemptsPerEndpoint - 1); // no wait before a fresh node
  await rpc.call("status");
  expect(bad!.hits).toBe(DEFAULT_RETRY_POLICY.attemptsPerEndpoint);
});

test("a refused connection moves on at once, without waiting", async () => {
  const refused = await refusedUrl();
  const [good] = await started(["ok"]);
  const { rpc, sleeps } = client([refused, good!.url]);
  await expect(rpc.call("status")).resolves.toEqual({ answer: 42 });
  expect(sleeps).toEqual([]);
});

test("when every node keeps failing the error names them and the retries stay within the budget", async () => {
  const [a, b] = await started(["503"], ["reset"]);
  const { rpc, sleeps } = client([a!.url, b!.url], 0.999);
  const error = (await rpc.call("status").catch((e: unknown) => e)) as ChainError;
  expect(error).toBeInstanceOf(ChainError);
  expect(error.code).toBe("unreachable");
  expect(error.message).toContain(`${a!.url} (HTTP 503 ×`);
  expect(error.message).toContain(b!.url);
  expect(error.message).toContain("list another node in `node`");
  expect(sleeps.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.budgetMs);
  expect(a!.hits + b!.hits).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.attemptsPerEndpoint * 2);
});

test("a broadcast whose connection broke is not sent to another node: its outcome is unknown", async () => {
  const [lost, other] = await started(["reset"], ["ok"]);
  const { rpc, sleeps } = client([lost!.url, other!.url]);
  const error = await rpc.send("broadcast_tx_sync", { tx: "AA==" }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RpcOutcomeUnknown);
  expect((error as RpcOutcomeUnknown).url).toBe(lost!.url);
  expect(lost!.hits).toBe(1);
  expect(other!.hits).toBe(0);
  expect(sleeps).toEqual([]);
});

test("a broadcast answered 503 is not resent either; one that could not connect goes to the next node", async () => {
  const [busy] = await started(["503"]);
  await expect(client([busy!.url]).rpc.send("broadcast_tx_sync")).rejects.toBeInstanceOf(RpcOutcomeUnknown);
  expect(busy!.hits).toBe(1);
  const [good] = await started(["ok"]);
  const { rpc } = client([await refusedUrl(), good!.url]);
  await expect(rpc.send("broadcast_tx_sync")).resolves.toEqual({ answer: 42 });
});

test("when every node refuses the connection the call fails at once, naming them", async () => {
  const urls = [await refusedUrl(), await refusedUrl()];
  const { rpc, sleeps } = client(urls);
  const error = (await rpc.call("status").catch((e: unknown) => e)) as ChainError;
  expect(error.code).toBe("unreachable");
  expect(error.message).toContain(`${urls[0]} (ECONNREFUSED)`);
  expect(error.message).toContain(`${urls[1]} (ECONNREFUSED)`);
  expect(sleeps).toEqual([]);
  expect(rpc.requestCount).toBe(2);
});

test("a JSON-RPC error sent with HTTP 500 is an answer, not a failure to retry", async () => {
  const [node] = await started(["rpc-error-500"]);
  const { rpc, sleeps } = client([node!.url]);
  await expect(rpc.call("tx")).rejects.toMatchObject({ name: "RpcMethodError", data: "tx (ABCD) not found" });
  expect(node!.hits).toBe(1);
  expect(sleeps).toEqual([]);
});
