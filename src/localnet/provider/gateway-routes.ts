/**
 * The gateway's routes (gateway/rest/router.go): matching like gorilla/mux, and the authorization middlewares that
 * turn a route and the caller's claims into the deployment or lease it may act on.
 */
import {
  authorizeDeployment,
  authorizeForProvider,
  authorizeLease,
  type AccessClaims,
  type LeaseRef,
  type PermissionScope,
} from "./access-claims";
import { authErrors, GatewayError } from "./gateway-errors";

export type Route =
  | { kind: "public"; name: "version" | "address" | "status" }
  | { kind: "manifest"; dseq: string }
  | { kind: "lease"; dseq: string; gseq: string; oseq: string; action: string; service?: string };

/** Route matching like gorilla/mux; `methods` lists what the path accepts (for 405). */
export function matchRoute(path: string): { route: Route; methods: string[] | null } | undefined {
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

/** authorizeProviderMiddleware + requireOwner + requireDeploymentID/requireLeaseID + scope middleware. */
export function authorize(
  claims: AccessClaims,
  route: Route,
  provider: string,
): LeaseRef | { owner: string; dseq: string } {
  if (!authorizeForProvider(claims, provider)) throw authErrors.unauthorized();
  if (claims.iss === "") throw authErrors.unauthorized();
  if (route.kind === "manifest") {
    const deployment = { owner: claims.iss, dseq: parseUint(route.dseq, 64, "dseq") };
    if (!authorizeDeployment(claims, deployment, provider)) throw authErrors.unauthorized();
    if (!authorizeDeployment(claims, deployment, provider, "send-manifest")) throw authErrors.unauthorized();
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
