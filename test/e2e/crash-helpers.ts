/**
 * What the crash tests share: the provider processes terraform started, and a JSON-RPC proxy in front of the
 * localnet node that injects faults.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";

/** Direct children of `pid` (terraform's provider processes). */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(name));
    } catch {
      // Exited while we looked.
    }
  }
  return out;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export type ProxyMode = "pass" | "hide-tx-results" | "down-after-inclusion" | "down";

/**
 * A JSON-RPC proxy in front of the localnet node. `hide-tx-results` answers every `tx` lookup with CometBFT's
 * "not found" (the transaction is included, but the provider never learns it); `down-after-inclusion` passes
 * everything until a `tx` lookup finds a transaction, then answers 503 to everything (the node died right after).
 */
export async function rpcProxy(
  target: string,
): Promise<{ url: string; mode: ProxyMode; close(): Promise<void> }> {
  const state = { mode: "pass" as ProxyMode };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", async () => {
      let call: { id?: unknown; method?: string } = {};
      try {
        call = JSON.parse(body);
      } catch {
        // Not JSON-RPC: pass it on.
      }
      if (state.mode === "down") {
        res.writeHead(503).end();
        return;
      }
      if (state.mode === "hide-tx-results" && call.method === "tx") {
        res.writeHead(200, { "content-type": "application/json" }).end(
          JSON.stringify({
            jsonrpc: "2.0",
            id: call.id,
            error: { code: -32603, message: "Internal error", data: "tx not found" },
          }),
        );
        return;
      }
      try {
        const upstream = await fetch(target, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        const text = await upstream.text();
        if (state.mode === "down-after-inclusion" && call.method === "tx" && text.includes('"result"')) {
          state.mode = "down";
        }
        res.writeHead(upstream.status, { "content-type": "application/json" }).end(text);
      } catch {
        res.writeHead(502).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    get mode() {
      return state.mode;
    },
    set mode(m: ProxyMode) {
      state.mode = m;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
