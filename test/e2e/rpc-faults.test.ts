/**
 * Money safety and progress under RPC faults, with the real terraform binary against the localnet (#11). A small
 * JSON-RPC proxy sits in front of the localnet node:
 * - `lose-create-answer` forwards the first broadcast that carries MsgCreateDeployment (the node takes it and
 *   includes it) and then destroys the connection, so the provider never gets the answer. With a second node
 *   URL configured, a blind failover would resend (re-signed after a sequence mismatch) and the chain would
 *   answer "deployment exists" while the first one stays open untracked.
 * - `flaky` answers 503 to a share of all requests (broadcasts included) without forwarding them, like an
 *   overloaded load balancer.
 */
import { createServer, type Server } from "node:http";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startE2eNet, stateOf, leasesOf, STACK_TRACE, type E2eNet } from "./localnet-terraform";
import { expectEmptyPlan, inWorkspace } from "./acceptance";
import { deploymentsWithLeasesTf } from "./deployments-with-leases-tf";
import { webSdl } from "../support/web-sdl";

let e2e: E2eNet;

beforeAll(async () => {
  e2e = await startE2eNet({ blockTimeMs: 300 });
});

afterAll(async () => {
  await e2e?.stop();
});

type Mode = "pass" | "lose-create-answer" | "flaky";

interface Proxy {
  url: string;
  mode: Mode;
  /** Broadcasts whose answer was destroyed after the node got them. */
  lostAnswers: number;
  /** Requests answered 503 without being forwarded. */
  refused: number;
  /** Broadcasts forwarded to the node. */
  broadcasts: number;
  close(): Promise<void>;
}

/** A deterministic share of "random" draws (mulberry32), so a failure can be replayed. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function rpcProxy(target: string, errorRate = 0.3): Promise<Proxy> {
  const random = seeded(11);
  const proxy = { mode: "pass", lostAnswers: 0, refused: 0, broadcasts: 0 } as Proxy;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", async () => {
      let call: { method?: string; params?: { tx?: string } } = {};
      try {
        call = JSON.parse(body);
      } catch {
        // Not JSON-RPC: pass it on.
      }
      const broadcast = call.method?.startsWith("broadcast_tx") ?? false;
      if (proxy.mode === "flaky" && random() < errorRate) {
        proxy.refused++;
        res.writeHead(503).end();
        return;
      }
      const loseThis =
        proxy.mode === "lose-create-answer" &&
        broadcast &&
        proxy.lostAnswers === 0 &&
        Buffer.from(call.params?.tx ?? "", "base64").includes("MsgCreateDeployment");
      try {
        if (broadcast) proxy.broadcasts++;
        const upstream = await fetch(target, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        const text = await upstream.text();
        if (loseThis) {
          proxy.lostAnswers++;
          res.socket?.destroy(); // the node took the transaction; its answer never reaches the provider
          return;
        }
        res.writeHead(upstream.status, { "content-type": "application/json" }).end(text);
      } catch {
        res.writeHead(502).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  proxy.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}

async function activeDseqs(): Promise<Set<string>> {
  e2e.chain.invalidate();
  const active = await e2e.chain.deployments(e2e.net.address, { state: "active" });
  return new Set(active.map((d) => d.id.dseq.toString()));
}

const difference = (a: Set<string>, b: Set<string>) => new Set([...a].filter((x) => !b.has(x)));

/** akash_deployment instances in terraform.tfstate (read from the file, to see the tainted status too). */
function trackedDeployments(dir: string): { dseq: string; tainted: boolean }[] {
  const state = JSON.parse(readFileSync(join(dir, "terraform.tfstate"), "utf8")) as {
    resources: { type: string; instances: { status?: string; attributes: { dseq: string } }[] }[];
  };
  return state.resources
    .filter((r) => r.type === "akash_deployment")
    .flatMap((r) => r.instances.map((i) => ({ dseq: i.attributes.dseq, tainted: i.status === "tainted" })));
}

test("a create whose broadcast answer is lost after inclusion, with two node URLs: no orphan, no duplicate", async () => {
  const proxy = await rpcProxy(e2e.net.node);
  try {
    const dir = await e2e.workspace(
      `
resource "akash_deployment" "web" {
  sdl = file("\${path.module}/deploy.yaml")
}
`,
      { "deploy.yaml": webSdl({ image: "nginx:lost-answer" }) },
    );
    const before = await activeDseqs();
    proxy.mode = "lose-create-answer";
    const apply = await e2e.tf(dir, ["apply", "-auto-approve"], {
      AKASH_NODE: `${proxy.url},${e2e.net.node}`,
    });
    expect(proxy.lostAnswers).toBe(1);
    expect(apply.stderr).not.toMatch(STACK_TRACE);
    expect(apply.stderr).not.toContain("already exists");
    expect(apply.code).toBe(0);

    // Exactly one new deployment on chain, and it is the one the state tracks (not tainted).
    const created = difference(await activeDseqs(), before);
    expect(created.size).toBe(1);
    const tracked = trackedDeployments(dir);
    expect(tracked).toEqual([{ dseq: [...created][0], tainted: false }]);
    expect((await stateOf(e2e, dir, "akash_deployment.web")).state).toBe("active");

    // The next apply has nothing to do and creates nothing.
    proxy.mode = "pass";
    const again = await e2e.tf(dir, ["apply", "-auto-approve"], {
      AKASH_NODE: `${proxy.url},${e2e.net.node}`,
    });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("No changes.");
    expect(difference(await activeDseqs(), before)).toEqual(created);

    expect((await e2e.tf(dir, ["destroy", "-auto-approve"])).code).toBe(0);
    expect(difference(await activeDseqs(), before).size).toBe(0);
  } finally {
    await proxy.close();
  }
});

test("a deployment and its lease apply through a node answering 30% of requests with 503", async () => {
  const proxy = await rpcProxy(e2e.net.node, 0.3);
  try {
    const dir = await e2e.workspace(deploymentsWithLeasesTf(1), {
      "deploy.yaml": webSdl({ image: "nginx:flaky-rpc" }),
    });
    const before = await activeDseqs();
    proxy.mode = "flaky";
    const apply = await e2e.tf(dir, ["apply", "-auto-approve"], { AKASH_NODE: proxy.url });
    expect(apply.stderr).not.toMatch(STACK_TRACE);
    expect(apply.stderr).toBe("");
    expect(apply.code).toBe(0);
    expect(proxy.refused).toBeGreaterThan(0); // the faults did happen

    const deployment = await stateOf(e2e, dir, "akash_deployment.web[0]");
    const dseq = deployment.dseq as string;
    expect(difference(await activeDseqs(), before)).toEqual(new Set([dseq]));
    const lease = await stateOf(e2e, dir, "akash_lease.web[0]");
    expect(lease.dseq).toBe(dseq);
    const leases = (await leasesOf(e2e, dseq)).filter((l) => l.state === "active");
    expect(leases).toHaveLength(1);

    proxy.mode = "pass";
    await expectEmptyPlan(inWorkspace(e2e, dir, { AKASH_NODE: proxy.url }), "the flaky apply");
    expect((await e2e.tf(dir, ["destroy", "-auto-approve"])).code).toBe(0);
    expect(difference(await activeDseqs(), before).size).toBe(0);
  } finally {
    await proxy.close();
  }
});
