/**
 * Akash gateway access claims (chain-sdk go/util/jwt): what a JWT (or an mTLS client certificate) allows, the
 * schema checks `Claims.Validate()` makes, and the per-route authorisation the provider applies.
 */
export type AccessType = "full" | "scoped" | "granular" | "none";

export const PERMISSION_SCOPES = [
  "send-manifest",
  "get-manifest",
  "logs",
  "shell",
  "events",
  "status",
  "restart",
  "hostname-migrate",
  "ip-migrate",
  "attestation",
] as const;
export type PermissionScope = (typeof PERMISSION_SCOPES)[number];

export interface PermissionDeployment {
  scope: string[];
  dseq: number;
  gseq: number;
  oseq: number;
  services: string[];
}

export interface Permission {
  /** Bech32 provider address ("" when the token left it empty). */
  provider: string;
  access: string;
  scope: string[] | null;
  deployments: PermissionDeployment[] | null;
}

export interface AccessClaims {
  iss: string;
  iat?: number;
  nbf?: number;
  exp?: number;
  version: string;
  leases: { access: string; scope: string[] | null; permissions: Permission[] | null };
}

export interface LeaseRef {
  owner: string;
  dseq: string;
  gseq: number;
  oseq: number;
  provider: string;
}

/** Why a claim set is invalid (the gateway answers 400 "JWT has invalid claims" for any of these). */
export class ClaimsValidationError extends Error {}

const fail = (text: string) => new ClaimsValidationError(`jwt: validation error: ${text}`);

function validateScopes(scopes: string[]): void {
  const seen = new Set<string>();
  for (const scope of scopes) {
    if (!(PERMISSION_SCOPES as readonly string[]).includes(scope)) throw fail(`invalid scope ${scope}`);
    if (seen.has(scope)) throw fail(`duplicate scope ${scope}`);
    seen.add(scope);
  }
}

function validatePermissions(permissions: Permission[]): void {
  const providers = new Set<string>();
  for (const p of permissions) {
    if (p.provider === "") throw fail("empty provider");
    if (providers.has(p.provider)) throw fail(`duplicate provider ${p.provider}`);
    providers.add(p.provider);
    switch (p.access) {
      case "full":
        if ((p.deployments ?? []).length > 0)
          throw fail("permission with full access cannot have deployments set");
        if ((p.scope ?? []).length > 0) throw fail("permission with full access cannot have scope set");
        break;
      case "scoped":
        if (p.deployments !== null) throw fail("permission with scoped access cannot have deployments set");
        if ((p.scope ?? []).length === 0) throw fail("permission with scope access must have scope set");
        validateScopes(p.scope ?? []);
        break;
      case "granular":
        if (p.scope !== null) throw fail("permission with granular access cannot have scope set");
        if ((p.deployments ?? []).length === 0) throw fail("granular access must have permissions set");
        for (const d of p.deployments ?? []) {
          if (d.scope.length === 0) throw fail("deployment permission scope must be set");
          if (d.dseq === 0) throw fail("dseq must be set");
          if (d.oseq > 0 && d.gseq === 0) throw fail("gseq must be set if oseq is set");
          validateScopes(d.scope);
          if (d.services.length === 0) throw fail("empty services");
          if (new Set(d.services).size !== d.services.length) throw fail("duplicate service");
        }
        break;
      case "":
        throw fail("missing access type");
      default:
        throw fail(`permission with invalid access type '${p.access}'`);
    }
  }
}

/** `Claims.Validate()` (the issuer's bech32 form is checked by the verifier before this runs). */
export function validateClaims(claims: AccessClaims): void {
  if (claims.iat === undefined) throw fail("missing issued at");
  if (claims.nbf === undefined) throw fail("missing not before");
  if (claims.exp === undefined) throw fail("missing expiration time");
  if (claims.version !== "v1") throw fail("invalid version");
  const { access, scope, permissions } = claims.leases;
  switch (access) {
    case "full":
      if ((permissions ?? []).length > 0) throw fail("full access cannot have permissions set");
      if ((scope ?? []).length > 0) throw fail("full access cannot have scope set");
      break;
    case "scoped":
      if (permissions !== null) throw fail("scoped access cannot have permissions set");
      if ((scope ?? []).length === 0) throw fail("scope access must have scope set");
      validateScopes(scope ?? []);
      break;
    case "granular":
      if ((permissions ?? []).length === 0) throw fail("granular access must have permissions set");
      validatePermissions(permissions ?? []);
      break;
    case "":
      throw fail("missing access type");
    default:
      throw fail(`invalid access type '${access}'`);
  }
}

/** Claims for a caller authenticated by a valid on-chain client certificate: full access for 15 minutes. */
export function mtlsClaims(owner: string, nowMs: number): AccessClaims {
  const now = Math.floor(nowMs / 1000);
  return {
    iss: owner,
    iat: now,
    nbf: now,
    exp: now + 15 * 60,
    version: "v1",
    leases: { access: "full", scope: null, permissions: null },
  };
}

function permissionFor(claims: AccessClaims, provider: string): Permission | undefined {
  return (claims.leases.permissions ?? []).find((p) => p.provider === provider);
}

export function authorizeForProvider(claims: AccessClaims, provider: string): boolean {
  const access = claims.leases.access;
  if (access === "full" || access === "scoped") return true;
  return access === "granular" && permissionFor(claims, provider) !== undefined;
}

function deploymentMatches(d: PermissionDeployment, lease: Omit<LeaseRef, "owner" | "provider">): boolean {
  return (
    String(d.dseq) === lease.dseq &&
    (d.gseq === 0 || d.gseq === lease.gseq) &&
    (d.oseq === 0 || d.oseq === lease.oseq)
  );
}

/** AuthorizeForDeploymentID / AuthorizeDeploymentIDForPermissionScope (scope undefined = no scope check). */
export function authorizeDeployment(
  claims: AccessClaims,
  deployment: { owner: string; dseq: string },
  provider: string,
  scope?: PermissionScope,
): boolean {
  if (claims.iss !== deployment.owner) return false;
  const access = claims.leases.access;
  if (access === "full") return true;
  if (access === "scoped") return scope === undefined || (claims.leases.scope ?? []).includes(scope);
  if (access !== "granular") return false;
  const perm = permissionFor(claims, provider);
  if (perm === undefined) return false;
  if (perm.access === "full") return true;
  if (perm.access === "scoped") return scope === undefined || (perm.scope ?? []).includes(scope);
  if (perm.access !== "granular") return false;
  return (perm.deployments ?? []).some(
    (d) => String(d.dseq) === deployment.dseq && (scope === undefined || d.scope.includes(scope)),
  );
}

/** AuthorizeForLeaseID / AuthorizeLeaseIDForPermissionScope (scope undefined = no scope check). */
export function authorizeLease(claims: AccessClaims, lease: LeaseRef, scope?: PermissionScope): boolean {
  if (claims.iss !== lease.owner) return false;
  const access = claims.leases.access;
  if (access === "full") return true;
  if (access === "scoped") return scope === undefined || (claims.leases.scope ?? []).includes(scope);
  if (access !== "granular") return false;
  const perm = permissionFor(claims, lease.provider);
  if (perm === undefined) return false;
  if (perm.access === "full") return true;
  if (perm.access === "scoped") return scope === undefined || (perm.scope ?? []).includes(scope);
  if (perm.access !== "granular") return false;
  return (perm.deployments ?? []).some(
    (d) => deploymentMatches(d, lease) && (scope === undefined || d.scope.includes(scope)),
  );
}
