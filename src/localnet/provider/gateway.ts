/**
 * The provider gateway: HTTPS (TLS 1.3, self-signed certificate with CN = provider address) with the real
 * provider's REST routes, status codes and auth middleware order (gateway/rest/router.go). Authentication is a JWT
 * (ES256K / ES256KADR36, issuer key from chain) or an mTLS client certificate registered on chain; an invalid client
 * certificate fails the TLS handshake (gateway-listener.ts). Manifests are decoded with the types of the provider
 * software it emulates, and `GET /version` says which that is. Routes are in gateway-routes.ts, plain requests in
 * gateway-requests.ts, WebSocket streams in gateway-upgrade.ts.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { WebSocketServer } from "ws";
import type { GatewayContext, GatewayOptions } from "./gateway-context";
import { listenGateway } from "./gateway-listener";
import { handleRequest, sendText } from "./gateway-requests";
import { handleUpgrade } from "./gateway-upgrade";
import { verifyClientCertificate } from "./mtls-verifier";

export interface Gateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const now = options.now ?? Date.now;
  const wss = new WebSocketServer({ noServer: true });
  const gw: GatewayContext = { options, provider: options.address, now, clientOwner: () => undefined };

  const server = createServer((req, res) => {
    handleRequest(gw, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendText(res, 500, error instanceof Error ? error.message : String(error));
      else res.destroy();
    });
  });
  server.on("upgrade", (req: IncomingMessage, socket: Socket, head: Buffer) => {
    handleUpgrade(gw, wss, { req, socket, head }).catch(() => socket.destroy());
  });
  const listener = await listenGateway({
    host: options.host,
    port: options.port,
    tls: options.tls,
    http: server,
    verifyClient: (chain) => verifyClientCertificate(chain, options.chain.validCertificate, new Date(now())),
  });
  gw.clientOwner = listener.clientOwner;
  return {
    url: `https://${options.host}:${listener.port}`,
    port: listener.port,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await listener.close();
    },
  };
}
