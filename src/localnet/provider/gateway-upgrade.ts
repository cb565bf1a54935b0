/** The gateway's WebSocket routes: lease logs, kube events and shell, with the same auth as plain requests. */
import { STATUS_CODES, type IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { WebSocket, WebSocketServer } from "ws";
import type { AccessClaims, LeaseRef } from "./access-claims";
import { admit, authenticate, type GatewayContext } from "./gateway-context";
import { GatewayError } from "./gateway-errors";
import { authorize, matchRoute } from "./gateway-routes";
import {
  parseShellParams,
  parseStreamParams,
  streamKubeEvents,
  streamLogs,
  streamShell,
  type StreamParams,
} from "./lease-streams";

const NO_STREAM: StreamParams = { services: [], follow: false };

/** What `upgrade` events carry. */
export interface UpgradeRequest {
  req: IncomingMessage;
  socket: Socket;
  head: Buffer;
}

export async function handleUpgrade(
  gw: GatewayContext,
  wss: WebSocketServer,
  upgrade: UpgradeRequest,
): Promise<void> {
  const { req, socket, head } = upgrade;
  const refuse = (status: number, body: string, type = "text/plain; charset=utf-8") => {
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\n` +
        `Content-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  };
  if (!(await admit(gw, (status, text) => refuse(status, `${text}\n`)))) return;
  const url = new URL(req.url ?? "/", "https://gateway");
  const matched = matchRoute(url.pathname);
  if (matched === undefined || matched.route.kind !== "lease") return refuse(404, "404 page not found\n");
  if (!["logs", "kubeevents", "shell"].includes(matched.route.action)) return refuse(400, "Bad Request\n");
  let claims: AccessClaims;
  try {
    claims = await authenticate(gw, req);
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    return refuse(error.status, JSON.stringify({ message: error.message }), "application/json");
  }
  let lease: LeaseRef;
  try {
    lease = authorize(claims, matched.route, gw.provider) as LeaseRef;
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    if (error.status === 400) return refuse(400, `${error.message}\n`);
    return refuse(error.status, JSON.stringify({ message: error.message }), "application/json");
  }
  const action = matched.route.action;
  const armDrop = dropper(gw.options.streamDrop?.());
  const context = {
    runtime: gw.options.runtime,
    lease,
    provider: gw.provider,
    now: gw.now,
    intervalMs: gw.options.streamIntervalMs,
  };
  if (action === "shell") {
    const shell = parseShellParams(url.searchParams);
    if (shell === undefined) return refuse(400, "");
    wss.handleUpgrade(req, socket, head, (ws) => {
      armDrop(ws);
      streamShell(ws, { ...context, params: NO_STREAM }, shell);
    });
    return;
  }
  let params: StreamParams;
  try {
    params = parseStreamParams(url.searchParams);
  } catch (error) {
    return refuse(400, `${error instanceof Error ? error.message : String(error)}\n`);
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    armDrop(ws);
    if (action === "logs") streamLogs(ws, { ...context, params });
    else streamKubeEvents(ws, { ...context, params });
  });
}

/** The injected stream drop: cuts the socket (no close frame) after `dropAfterMs`. */
function dropper(dropAfterMs: number | undefined): (ws: WebSocket) => void {
  return (ws) => {
    if (dropAfterMs === undefined) return;
    const timer = setTimeout(() => ws.terminate(), dropAfterMs);
    timer.unref();
    ws.once("close", () => clearTimeout(timer));
  };
}
