/** The gateway's plain HTTP requests: public info, manifest submission and the lease's manifest and status. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readRequestBody } from "../read-request-body";
import type { AccessClaims, LeaseRef } from "./access-claims";
import { servedManifest } from "./crd-manifest";
import { admit, authenticate, type GatewayContext } from "./gateway-context";
import { GatewayError } from "./gateway-errors";
import { authorize, matchRoute, type Route } from "./gateway-routes";
import { submitManifest } from "./manifest-submission";
import { versionBody } from "./software";

const JSON_TYPE = "application/json; charset=UTF-8";

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" });
  res.end(`${text}\n`);
}

function sendJson(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { "Content-Type": JSON_TYPE });
  res.end(JSON.stringify(value));
}

function sendAuthError(res: ServerResponse, error: GatewayError): void {
  res.writeHead(error.status, { "Content-Type": "application/json" });
  res.end(JSON.stringify({ message: error.message }));
}

/** Middleware order of the real router: faults, route, method, authentication, then authorization. */
export async function handleRequest(
  gw: GatewayContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { options, provider } = gw;
  if (!(await admit(gw, (status, text) => sendText(res, status, text)))) return;
  const url = new URL(req.url ?? "/", "https://gateway");
  const matched = matchRoute(url.pathname);
  if (matched === undefined) return sendText(res, 404, "404 page not found");
  if (matched.methods !== null && !matched.methods.includes(req.method ?? "GET")) {
    res.writeHead(405);
    res.end();
    return;
  }
  const { route } = matched;
  let claims: AccessClaims;
  try {
    claims = await authenticate(gw, req);
  } catch (error) {
    if (error instanceof GatewayError) return sendAuthError(res, error);
    throw error;
  }
  if (route.kind === "public") {
    if (route.name === "address") return sendJson(res, { address: provider });
    if (route.name === "version") return sendJson(res, versionBody(options.software()));
    return sendJson(res, { ...options.status(), address: provider });
  }
  let target: LeaseRef | { owner: string; dseq: string };
  try {
    target = authorize(claims, route, provider);
  } catch (error) {
    if (error instanceof GatewayError && error.status === 400) return sendText(res, 400, error.message);
    if (error instanceof GatewayError) return sendAuthError(res, error);
    throw error;
  }
  if (route.kind === "manifest") return acceptManifest(gw, { req, res }, target);
  return serveLease(gw, res, route, target as LeaseRef);
}

/** PUT /deployment/{dseq}/manifest. */
async function acceptManifest(
  gw: GatewayContext,
  http: { req: IncomingMessage; res: ServerResponse },
  deployment: { owner: string; dseq: string },
): Promise<void> {
  const { options, provider, now } = gw;
  const { req, res } = http;
  const body = await readRequestBody(req);
  try {
    const submission = {
      body,
      deployment,
      provider,
      dialect: options.software().dialect,
      expectedHash: options.expectedHash,
    };
    const leases = await submitManifest(submission, options.chain, options.runtime, now);
    options.onManifest(leases);
  } catch (error) {
    if (error instanceof GatewayError) return sendText(res, error.status, error.message);
    throw error;
  }
  res.writeHead(200);
  res.end();
}

/** GET /lease/{dseq}/{gseq}/{oseq}/…: the manifest, the lease status, a service status. */
function serveLease(gw: GatewayContext, res: ServerResponse, route: Route, lease: LeaseRef): void {
  const { options, now } = gw;
  switch (route.kind === "lease" ? route.action : "") {
    case "manifest": {
      const group = options.runtime.manifestGroup(lease);
      if (group === undefined) return sendText(res, 404, "lease not found");
      res.writeHead(200, { "Content-Type": JSON_TYPE });
      res.end(servedManifest(group, options.software().dialect));
      return;
    }
    case "status": {
      const status = options.runtime.status(lease, now());
      if (status === undefined) {
        res.writeHead(404);
        res.end();
        return;
      }
      return sendJson(res, status);
    }
    case "service-status": {
      const name = route.kind === "lease" ? (route.service ?? "") : "";
      if (options.runtime.manifestGroup(lease) === undefined) return sendText(res, 404, "lease not found");
      const status = options.runtime.service(lease, name, now());
      return status ? sendJson(res, status) : sendText(res, 404, "service not found");
    }
    default:
      // logs / kubeevents / shell need a WebSocket upgrade (gorilla's upgrader answers this way).
      return sendText(
        res,
        400,
        "websocket: the client is not using the websocket protocol: 'upgrade' token not found in 'Connection' header",
      );
  }
}
