import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { QueryClient } from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";
import {
  QueryProvidersRequest,
  QueryProvidersResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1beta4";
import { startLocalnet } from "../../src/localnet/network";
import { runLocalnetCommand } from "../../src/localnet/cli";
import { localnetKeys } from "../../src/localnet/keys";
import { Tenant, gateway } from "./provider/tenant";
import { eventually } from "../support/eventually";
import { webSdl } from "../support/web-sdl";

const BLOCK_MS = 100;
const SDL = webSdl({ image: "nginx:1.25" });

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "akash-localnet-net-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function registeredProviders(node: string) {
  const query = new QueryClient(await connectComet(node));
  const req = QueryProvidersRequest.encode(QueryProvidersRequest.fromPartial({})).finish();
  return QueryProvidersResponse.decode(
    (await query.queryAbci("/akash.provider.v1beta4.Query/Providers", req)).value,
  ).providers;
}

describe("startLocalnet", () => {
  it("is ready in under 2 s with distinct, registered providers, and restores everything after a restart", async () => {
    const dataDir = tempDir();
    const t0 = Date.now();
    const net = await startLocalnet({ dataDir, port: 0, blockTimeMs: BLOCK_MS, providers: 3 });
    const readyMs = Date.now() - t0;
    let restarted: Awaited<ReturnType<typeof startLocalnet>> | undefined;
    try {
      expect(readyMs).toBeLessThan(2000);
      expect(net.chainId).toBe("akash-localnet-1");
      expect(net.address).toBe(localnetKeys.testAccount().address);
      expect(net.providers.map((p) => p.address)).toEqual(
        [0, 1, 2].map((i) => localnetKeys.provider(i).address),
      );
      const regions = net.providers.map((p) => p.attributes.find((a) => a.key === "region")?.value);
      expect(new Set(regions).size).toBe(3);
      expect(net.providers[1]!.attributes).toContainEqual({
        key: "capabilities/gpu/vendor/nvidia/model/a100",
        value: "true",
      });
      const onChain = await registeredProviders(net.node);
      expect(onChain.map((p) => [p.owner, p.hostUri]).sort()).toEqual(
        net.providers.map((p) => [p.address, p.hostUri]).sort(),
      );

      // A deployment with a lease and a running manifest...
      const tenant = await Tenant.connect(net.node, net.mnemonic, 50);
      const d = await tenant.createDeployment(SDL, "77");
      const bid = await eventually("a bid", async () => (await tenant.bids(d.dseq, "open"))[0], {
        timeoutMs: 10_000,
        pollMs: 50,
      });
      await tenant.createLease(bid);
      const provider = net.providers.find((p) => p.address === bid.id!.provider)!;
      const token = await tenant.token();
      const put = await gateway(`${provider.hostUri}/deployment/${d.dseq}/manifest`, {
        method: "PUT",
        token,
        body: d.manifestBody,
      });
      expect(put.status).toBe(200);
      const before = await gateway(`${provider.hostUri}/lease/${d.dseq}/1/1/status`, { token });
      await net.stop();

      // ...is still there after stop + start on the same data dir.
      restarted = await startLocalnet({ dataDir, port: 0, blockTimeMs: BLOCK_MS, providers: 3 });
      expect(restarted.providers.map((p) => p.hostUri)).toEqual(net.providers.map((p) => p.hostUri));
      const again = await Tenant.connect(restarted.node, restarted.mnemonic, 50);
      expect((await again.leases(d.dseq)).map((l) => l.state)).toEqual([1]);
      const after = await gateway(`${provider.hostUri}/lease/${d.dseq}/1/1/status`, { token });
      expect(after.status).toBe(200);
      expect(after.json<{ services: { web: { uris: string[] } } }>().services.web.uris).toEqual(
        before.json<{ services: { web: { uris: string[] } } }>().services.web.uris,
      );
    } finally {
      await net.stop();
      await restarted?.stop();
    }
  });
});

describe("akash-cdktf localnet start", () => {
  it("prints one JSON ready line and exits 0 when stopped", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const stop = new AbortController();
    const running = runLocalnetCommand(
      ["start", "--json", "--port", "0", "--data-dir", tempDir(), "--block-time", "100", "--providers", "2"],
      { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stopSignal: stop.signal },
    );
    await eventually("the ready line", async () => out.length > 0, { timeoutMs: 10_000, pollMs: 50 });
    expect(out).toHaveLength(1);
    const ready = JSON.parse(out[0]!);
    expect(ready).toEqual({
      node: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      grpc: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      chainId: "akash-localnet-1",
      mnemonic: localnetKeys.testAccount().mnemonic,
      address: localnetKeys.testAccount().address,
      providers: [
        expect.objectContaining({
          address: localnetKeys.provider(0).address,
          hostUri: expect.stringMatching(/^https:/),
        }),
        expect.objectContaining({ address: localnetKeys.provider(1).address, attributes: expect.any(Array) }),
      ],
    });
    const status = await fetch(`${ready.node}/status`);
    expect(status.status).toBe(200);
    // SIGTERM (as a process manager sends it) stops it too; here the test's abort signal does.
    stop.abort();
    await expect(running).resolves.toBe(0);
    expect(err).toEqual([]);
  });

  it("stops on SIGTERM", async () => {
    const out: string[] = [];
    const running = runLocalnetCommand(
      ["start", "--port=0", `--data-dir=${tempDir()}`, "--block-time=100", "--providers=0"],
      {
        stdout: (t) => out.push(t),
        stderr: () => undefined,
      },
    );
    await eventually("the ready line", async () => out.length > 0, { timeoutMs: 10_000, pollMs: 50 });
    expect(out[0]).toMatch(/^localnet ready: node http:\/\/127\.0\.0\.1:\d+, chain-id akash-localnet-1/);
    expect(out[0]).not.toContain(localnetKeys.testAccount().mnemonic);
    process.emit("SIGTERM");
    await expect(running).resolves.toBe(0);
  });

  it("rejects bad options with usage and exit code 2", async () => {
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => err.push(t) };
    expect(await runLocalnetCommand(["start", "--providers", "11"], io)).toBe(2);
    expect(err[0]).toContain("--providers must be between 0 and 10, got 11");
    expect(await runLocalnetCommand(["start", "--bogus"], io)).toBe(2);
    expect(await runLocalnetCommand(["stop"], io)).toBe(2);
  });

  it("reports a port in use clearly (exit code 1)", async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = (blocker.address() as AddressInfo).port;
    const err: string[] = [];
    try {
      const code = await runLocalnetCommand(
        ["start", "--port", String(port), "--data-dir", tempDir(), "--providers", "0"],
        {
          stdout: () => undefined,
          stderr: (t) => err.push(t),
        },
      );
      expect(code).toBe(1);
      expect(err.join("")).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });
});
