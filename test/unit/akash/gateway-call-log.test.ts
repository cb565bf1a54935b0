/**
 * Every provider gateway call is logged at DEBUG: HTTP method, path (no query), status, duration and how it
 * authenticated; never the JWT it sent, nor the manifest body (the SDL's env values). The provider here is a
 * local HTTPS server with a provider-style self-signed certificate.
 */
import type { IncomingHttpHeaders } from "node:http";
import { createServer, type Server } from "node:https";
import { mnemonicSigner } from "../../../src/akash/adapters/cosmos/mnemonic-signer";
import { ProviderGatewayClient } from "../../../src/akash/adapters/gateway/provider-gateway-client";
import type { ProviderEndpoint } from "../../../src/akash/ports/provider-gateway";
import { localnetKeys } from "../../../src/localnet/keys";
import { createTlsIdentity } from "../../../src/localnet/provider/tls-identity";
import { capturedLog } from "../../support/captured-log";

const PROVIDER = localnetKeys.provider(0).address;
const SECRET = "env-value-hunter2";

let server: Server;
let provider: ProviderEndpoint;
let certPem: string;
const received: { method?: string; url?: string; headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  const identity = await createTlsIdentity(PROVIDER);
  certPem = identity.certPem;
  server = createServer({ key: identity.keyPem, cert: identity.certPem }, (req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      if (req.url === "/deployment/42/manifest") return void res.writeHead(200).end();
      if (req.url?.endsWith("/status")) return void res.writeHead(404).end('{"message":"lease not found"}');
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"akash":{"version":"v0.10.0"},"kube":{"major":"1","minor":"30"}}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  provider = {
    address: PROVIDER,
    hostUri: `https://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
  };
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test("a manifest PUT with a JWT: method, path, status, duration, auth kind; no token, no manifest", async () => {
  const log = capturedLog();
  const client = new ProviderGatewayClient({
    signer: await mnemonicSigner(localnetKeys.testAccount().mnemonic),
    certificates: async () => [certPem],
    log: log.logger,
  });
  const manifest = JSON.stringify([{ name: "dc", services: [{ name: "web", env: [`TOKEN=${SECRET}`] }] }]);
  await client.sendManifest(provider, 42n, manifest);
  await expect(
    client.leaseStatus(provider, { owner: "o", dseq: 42n, gseq: 1, oseq: 1, provider: PROVIDER, bseq: 0 }),
  ).rejects.toThrow();

  // The requests did carry a JWT and the manifest: the point is that the log does not.
  const put = received.find((r) => r.method === "PUT")!;
  const token = /^Bearer (eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+)$/.exec(put.headers.authorization ?? "")?.[1];
  expect(token).toBeDefined();
  expect(put.body).toContain(SECRET);

  expect(log.records("provider gateway call")).toEqual([
    expect.objectContaining({
      "@level": "debug",
      provider: PROVIDER,
      host: provider.hostUri,
      method: "PUT",
      path: "/deployment/42/manifest",
      auth: "jwt",
      status: 200,
      body_bytes: Buffer.byteLength(manifest),
      duration_ms: expect.any(Number),
    }),
    expect.objectContaining({ method: "GET", path: "/lease/42/1/1/status", auth: "jwt", status: 404 }),
  ]);
  const text = log.lines.join("");
  expect(text).not.toContain(token!);
  expect(text).not.toMatch(/Bearer|authorization|eyJ/i);
  expect(text).not.toContain(SECRET);
});

test("an unauthenticated call says so; a failed connection is logged with its error and duration", async () => {
  const log = capturedLog();
  const client = new ProviderGatewayClient({ certificates: async () => [certPem], log: log.logger });
  await client.providerVersion(provider);
  const closed = { address: PROVIDER, hostUri: "https://127.0.0.1:1" };
  await expect(client.providerVersion(closed, { timeoutMs: 2_000 })).rejects.toThrow();
  expect(log.records("provider gateway call")).toEqual([
    expect.objectContaining({ method: "GET", path: "/version", auth: "none", status: 200 }),
    expect.objectContaining({
      method: "GET",
      path: "/version",
      host: "https://127.0.0.1:1",
      error: expect.any(String),
      duration_ms: expect.any(Number),
    }),
  ]);
});
