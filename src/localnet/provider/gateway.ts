/**
 * The provider gateway: HTTPS (TLS 1.3, self-signed certificate with CN = provider address) with the real
 * provider's REST routes, status codes and auth middleware order (gateway/rest/router.go). Authentication is a JWT
 * (ES256K / ES256KADR36, issuer key from chain) or an mTLS client certificate registered on chain; an invalid client
 * certificate fails the TLS handshake (gateway-listener.ts). Manifests are decoded with the types of the provider
 * software it emulates, and `GET /version` says which that is.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import {
  authorizeDeployment,
  authorizeForProvider,
  authorizeLease,
  mtlsClaims,
  type AccessClaims,
  type LeaseRef,
  type PermissionScope,
} from "./access-claims";
import { authErrors, GatewayError } from "./gateway-errors";
import { verifyJwt, type PubkeyLookup } from "./jwt-verifier";
import { verifyClientCertificate, type CertificateLookup } from "./mtls-verifier";
import type { LeaseKey, LeaseRuntime } from "./lease-runtime";
import { submitManifest, type ManifestChain } from "./manifest-submission";
import { servedManifest } from "./crd-manifest";
import { listenGateway } from "./gateway-listener";
import { versionBody, type ProviderSoftware } from "./software";
import {
  parseShellParams,
  parseStreamParams,
  streamKubeEvents,
  streamLogs,
  streamShell,
  type StreamParams,
} from "./lease-streams";

const NO_STREAM: StreamParams = { services: [], follow: false };
import type { TlsIdentity } from "./tls-identity";
import type { GatewayDecision } from "../faults/faults";
import { readRequestBody } from "../read-request-body";

export interface GatewayChain extends ManifestChain {
  accountPubkey: PubkeyLookup;
  validCertificate: CertificateLookup;
}

export interface GatewayOptions {
  address: string;
  host: string;
  port: number;
  tls: TlsIdentity;
  chain: GatewayChain;
  runtime: LeaseRuntime;
  /** GET /status body (without `address`). */
  status: () => Record<string, unknown>;
  /** Called after a manifest is accepted, with the leases it now runs on. */
  onManifest: (leases: LeaseKey[]) => void;
  /** Interval for `follow=true` log lines. */
  streamIntervalMs: number;
  now?: () => number;
  /** Fault injection, asked once per request. */
  fault?: () => GatewayDecision;
  /** Fault injection, asked once per opened stream: cut it (no close frame) after this many ms. */
  streamDrop?: () => number | undefined;
  /** The provider software it emulates now (manifest types, `GET /version`). */
  software: () => ProviderSoftware;
  /** The hash the provider checks a manifest against, given the chain's (hash-view.ts). */
  expectedHash(deployment: string, chainHash: Uint8Array): Uint8Array;
}

export interface Gateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

const JSON_TYPE = "application/json; charset=UTF-8";

function sendText(res: ServerResponse, status: number, text: string): void {
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

type Route =
  | { kind: "public"; name: "version" | "address" | "status" }
  | { kind: "manifest"; dseq: string }
  | { kind: "lease"; dseq: string; gseq: string; oseq: string; action: string; service?: string };

/** Route matching like gorilla/mux; `methods` lists what the path accepts (for 405). */
function matchRoute(path: string): { route: Route; methods: string[] | null } | undefined {
  const pub = /^\/(version|address|status)$/.exec(path);
  if (pub) return { route: { kind: "public", name: pub[1] as "version" }, methods: ["GET"] };
  const manifest = /^\/deployment\/([^/]+)\/manifest$/.exec(path);
  if (manifest) return { route: { kind: "manifest", dseq: manifest[1] as string }, methods: ["PUT"] };
  const lease =
    /^\/lease\/([^/]+)\/([^/]+)\/([^/]+)\/(manifest|status|kubeevents|logs|shell|service\/([^/]+)\/status)$/.exec(
      path,
    );
  if (lease) {
    const [, dseq, gseq, oseq, action, service] = lease as unknown as string[];
    const route: Route = {
      kind: "lease",
      dseq: dseq as string,
      gseq: gseq as string,
      oseq: oseq as string,
      action: service ? "service-status" : (action as string),
      service,
    };
    return { route, methods: action === "shell" ? null : ["GET"] };
  }
  return undefined;
}

const UINT = /^\d+$/;

/** ParseDeploymentPath / ParseLeasePath number checks. */
function parseUint(value: string, bits: 32 | 64, what: string): string {
  if (!UINT.test(value) || BigInt(value) >= 1n << BigInt(bits)) {
    throw new GatewayError(
      400,
      `strconv.ParseUint: parsing ${JSON.stringify(value)}: invalid syntax (${what})`,
    );
  }
  return BigInt(value).toString();
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const now = options.now ?? Date.now;
  const provider = options.address;
  const wss = new WebSocketServer({ noServer: true });
  // Set once the listener exists: the owners of accepted client certificates, per connection.
  let clientOwner: (socket: unknown) => string | undefined = () => undefined;

  /** prepareAuthMiddleware: claims from mTLS (checked in the handshake) or JWT, or "none". */
  async function authenticate(req: IncomingMessage): Promise<AccessClaims> {
    const header = req.headers.authorization ?? "";
    let token = "";
    if (header !== "") {
      const parts = header.trim().split(/\s+/);
      if (parts.length !== 2 || (parts[0] as string).toLowerCase() !== "bearer")
        throw authErrors.invalidAuthHeader();
      token = parts[1] as string;
    }
    const owner = clientOwner(req.socket);
    if (owner !== undefined && token !== "") throw authErrors.ambiguous();
    if (owner !== undefined) return mtlsClaims(owner, now());
    if (token !== "") return verifyJwt(token, options.chain.accountPubkey, now());
    return { iss: "", version: "", leases: { access: "none", scope: null, permissions: null } };
  }

  /** authorizeProviderMiddleware + requireOwner + requireDeploymentID/requireLeaseID + scope middleware. */
  function authorize(claims: AccessClaims, route: Route): LeaseRef | { owner: string; dseq: string } {
    if (!authorizeForProvider(claims, provider)) throw authErrors.unauthorized();
    if (claims.iss === "") throw authErrors.unauthorized();
    if (route.kind === "manifest") {
      const deployment = { owner: claims.iss, dseq: parseUint(route.dseq, 64, "dseq") };
      if (!authorizeDeployment(claims, deployment, provider)) throw authErrors.unauthorized();
      if (!authorizeDeployment(claims, deployment, provider, "send-manifest"))
        throw authErrors.unauthorized();
      return deployment;
    }
    if (route.kind !== "lease") throw new Error("unreachable");
    const lease: LeaseRef = {
      owner: claims.iss,
      dseq: parseUint(route.dseq, 64, "dseq"),
      gseq: Number(parseUint(route.gseq, 32, "gseq")),
      oseq: Number(parseUint(route.oseq, 32, "oseq")),
      provider,
    };
    if (!authorizeLease(claims, lease)) throw authErrors.unauthorized();
    const scopes: Record<string, PermissionScope | undefined> = {
      manifest: "get-manifest",
      status: "status",
      kubeevents: "events",
      logs: "logs",
      shell: "shell",
    };
    const scope = scopes[route.action];
    if (scope !== undefined && !authorizeLease(claims, lease, scope)) throw authErrors.unauthorized();
    return lease;
  }

  /** Injected faults: waits out the latency; false when the request must not be served (answered or left hanging). */
  async function admit(answer: (status: number, text: string) => void): Promise<boolean> {
    const fault = options.fault?.();
    if (fault === undefined) return true;
    // Unref'd: a delayed request must not keep a stopped localnet's process alive.
    if (fault.latencyMs > 0) await new Promise((r) => setTimeout(r, fault.latencyMs).unref());
    // A timeout: the request is never answered; close() drops the connection.
    if (fault.timeout) return false;
    if (fault.failure === undefined) return true;
    answer(fault.failure.status, fault.failure.message);
    return false;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!(await admit((status, text) => sendText(res, status, text)))) return;
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
      claims = await authenticate(req);
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
      target = authorize(claims, route);
    } catch (error) {
      if (error instanceof GatewayError && error.status === 400) return sendText(res, 400, error.message);
      if (error instanceof GatewayError) return sendAuthError(res, error);
      throw error;
    }
    if (route.kind === "manifest") {
      const body = await readRequestBody(req);
      try {
        const submission = {
          body,
          deployment: target,
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
      return;
    }
    const lease = target as LeaseRef;
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

  async function upgrade(req: IncomingMessage, socket: Socket, head: Buffer): Promise<void> {
    const refuse = (status: number, body: string, type = "text/plain; charset=utf-8") => {
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\n` +
          `Content-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    };
    if (!(await admit((status, text) => refuse(status, `${text}\n`)))) return;
    const url = new URL(req.url ?? "/", "https://gateway");
    const matched = matchRoute(url.pathname);
    if (matched === undefined || matched.route.kind !== "lease") return refuse(404, "404 page not found\n");
    if (!["logs", "kubeevents", "shell"].includes(matched.route.action)) return refuse(400, "Bad Request\n");
    let claims: AccessClaims;
    try {
      claims = await authenticate(req);
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      return refuse(error.status, JSON.stringify({ message: error.message }), "application/json");
    }
    let lease: LeaseRef;
    try {
      lease = authorize(claims, matched.route) as LeaseRef;
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      if (error.status === 400) return refuse(400, `${error.message}\n`);
      return refuse(error.status, JSON.stringify({ message: error.message }), "application/json");
    }
    const action = matched.route.action;
    const dropAfterMs = options.streamDrop?.();
    const armDrop = (ws: WebSocket) => {
      if (dropAfterMs === undefined) return;
      const timer = setTimeout(() => ws.terminate(), dropAfterMs);
      timer.unref();
      ws.once("close", () => clearTimeout(timer));
    };
    const context = { runtime: options.runtime, lease, provider, now, intervalMs: options.streamIntervalMs };
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

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendText(res, 500, error instanceof Error ? error.message : String(error));
      else res.destroy();
    });
  });
  server.on("upgrade", (req: IncomingMessage, socket: Socket, head: Buffer) => {
    upgrade(req, socket, head).catch(() => socket.destroy());
  });
  const listener = await listenGateway({
    host: options.host,
    port: options.port,
    tls: options.tls,
    http: server,
    verifyClient: (chain) => verifyClientCertificate(chain, options.chain.validCertificate, new Date(now())),
  });
  clientOwner = listener.clientOwner;
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
