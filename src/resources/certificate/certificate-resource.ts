/**
 * `akash_certificate`: the owner's x509 client certificate for mTLS with providers, generated here (the private
 * key never leaves Terraform's state, where it is marked sensitive), published on chain with MsgCreateCertificate
 * and revoked with MsgRevokeCertificate on destroy.
 *
 * Replacement rules: a certificate revoked outside Terraform disappears from state (the next apply creates a new
 * one); one that expired, or is within `renew_before` of expiring, is planned for replacement with the reason
 * shown. Leases use it with `provider_auth = "mtls"`.
 */
import type { AkashPorts } from "../../akash/ports/akash-ports";
import { isChainError } from "../../akash/ports/errors";
import { isAccountAddress } from "../../domain/account-address";
import { withUserErrors } from "../../domain/user-errors";
import { DiagnosticError, type Diagnostics } from "../../framework/diagnostics";
import { parseDuration } from "../../go-duration";
import { defineResource } from "../../framework/typed-resource";
import { isUnknown, UNKNOWN, type UnknownValue } from "../../framework/values";
import { certificateSchema, DEFAULT_VALIDITY, type CertificateState } from "./certificate-schema";
import { certificateFacts, generateClientCertificate } from "./client-certificate";

function durationMs(value: string | null, fallback: string): number {
  return parseDuration(value ?? fallback) ?? 0;
}

function checkDuration(
  value: string | null | UnknownValue,
  name: "validity" | "renew_before",
  minMs: number,
  diags: Diagnostics,
): void {
  if (typeof value !== "string") return;
  const ms = parseDuration(value);
  if (ms === undefined || ms < minMs) {
    diags.error(
      `Invalid ${name}`,
      `"${value}" is not a duration of at least ${minMs / 1000}s (e.g. 8760h).`,
      [name],
    );
  }
}

/** `<owner>/<serial>`, or `<serial>` for the provider's own key (resolved by the caller). */
function parseCertificateImportId(id: string): { owner?: string; serial: string } {
  const parts = id.trim().split("/");
  const serial = parts.pop() ?? "";
  const owner = parts.length === 1 ? parts[0] : undefined;
  if (!/^\d+$/.test(serial) || parts.length > 1 || (owner !== undefined && !isAccountAddress(owner))) {
    throw new DiagnosticError(
      "Invalid import ID",
      `"${id}" is not a valid ID; use \`<serial>\` or \`<owner>/<serial>\` (serial in decimal).`,
    );
  }
  return { owner, serial };
}

/** Whole hours when exact ("8760h"), else seconds: how a validity read from a certificate is written back. */
function validityText(ms: number): string {
  return ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : `${Math.round(ms / 1000)}s`;
}

/** When the certificate must be replaced: expired, or inside the renewal window. */
export function renewalDue(notAfter: Date, renewBeforeMs: number, now: Date): boolean {
  return now.getTime() >= notAfter.getTime() - renewBeforeMs;
}

function identityOf(state: CertificateState): { owner: string; serial: string } {
  if (state.owner === null || state.serial === null) {
    throw new DiagnosticError(
      "Incomplete certificate state",
      "The state has no owner or serial for this certificate.",
    );
  }
  return { owner: state.owner, serial: state.serial };
}

const certificateDefinition = defineResource<AkashPorts, typeof certificateSchema>({
  typeName: "akash_certificate",
  timeouts: { create: "5m", delete: "5m" },
  schema: certificateSchema,

  validateConfig(config, diags) {
    checkDuration(config.validity, "validity", 1000, diags);
    checkDuration(config.renew_before, "renew_before", 0, diags);
    if (typeof config.validity === "string" && typeof config.renew_before === "string") {
      const validity = parseDuration(config.validity);
      const renew = parseDuration(config.renew_before);
      if (validity !== undefined && renew !== undefined && renew >= validity) {
        diags.error(
          "renew_before too long",
          "`renew_before` must be shorter than `validity`, or every plan would replace the certificate.",
          ["renew_before"],
        );
      }
    }
  },

  modifyPlan({ prior, planned, config, provider: ports, requireReplace }) {
    if (!prior || prior.not_after === null) return;
    const renewText = isUnknown(config.renew_before) ? null : config.renew_before;
    const renewBefore = durationMs(renewText, "0s");
    const notAfter = new Date(prior.not_after);
    const now = ports ? ports.clock.now() : Date.now();
    if (!renewalDue(notAfter, renewBefore, new Date(now))) return;
    planned.not_after = UNKNOWN;
    requireReplace(
      ["not_after"],
      renewBefore > 0 && notAfter.getTime() > now
        ? `the certificate expires at ${prior.not_after}, within renew_before (${renewText ?? "0s"})`
        : `the certificate expired at ${prior.not_after}; providers refuse expired client certificates`,
    );
  },

  async create({ planned, provider: ports, ctx }) {
    const chain = await ports.signingChain();
    const owner = chain.transactions.signerAddress;
    const material = await generateClientCertificate(owner, durationMs(planned.validity, DEFAULT_VALIDITY));
    const facts = certificateFacts(material.certPem);
    if (!facts) throw new Error("the generated certificate cannot be parsed");
    ctx.log.info("publishing certificate", { owner, serial: facts.serial });
    await chain.transactions.submit(
      { kind: "createCertificate", owner, certPem: material.certPem, pubkeyPem: material.pubkeyPem },
      { signal: ctx.signal },
    );
    return {
      ...planned,
      id: `${owner}/${facts.serial}`,
      owner,
      serial: facts.serial,
      cert_pem: material.certPem,
      public_key_pem: material.pubkeyPem,
      private_key_pem: material.keyPem,
      not_before: facts.notBefore.toISOString(),
      not_after: facts.notAfter.toISOString(),
      state: "valid",
    };
  },

  async read({ state, provider: ports, ctx }) {
    const chain = await ports.chain();
    const { owner, serial } = identityOf(state);
    const found = (await chain.certificates(owner)).find((c) => c.serial === serial);
    if (!found || found.state !== "valid") {
      ctx.log.info("certificate revoked or missing on chain", { owner, serial: state.serial });
      return null;
    }
    const next: CertificateState = { ...state, state: found.state };
    if (state.cert_pem === null) {
      // Imported: what the chain knows (the private key is not on chain).
      const facts = certificateFacts(found.certPem);
      next.cert_pem = found.certPem;
      next.public_key_pem = found.pubkeyPem;
      if (facts) {
        next.not_before = facts.notBefore.toISOString();
        next.not_after = facts.notAfter.toISOString();
        next.validity = validityText(facts.notAfter.getTime() - facts.notBefore.getTime());
      }
      next.renew_before ??= "0s";
    }
    return next;
  },

  // Only `renew_before` can change in place, and it only affects planning.
  update: ({ planned, prior }) => Promise.resolve({ ...planned, state: prior.state ?? "valid" }),

  async delete({ state, provider: ports, ctx }) {
    const chain = await ports.signingChain();
    const { owner, serial } = identityOf(state);
    if (chain.transactions.signerAddress !== owner) {
      throw new DiagnosticError(
        "Cannot revoke this certificate",
        `It belongs to ${owner}, but the provider's key is ${chain.transactions.signerAddress}.`,
      );
    }
    const found = (await chain.certificates(owner)).find((c) => c.serial === serial);
    if (!found || found.state !== "valid") return; // already revoked (or never published)
    try {
      await chain.transactions.submit({ kind: "revokeCertificate", owner, serial }, { signal: ctx.signal });
    } catch (error) {
      if (isChainError(error) && /not found|already revoked/i.test(`${error.message} ${error.detail ?? ""}`))
        return;
      throw error;
    }
  },

  async importState({ id, provider: ports }) {
    // The private key is not on chain: an imported certificate can be tracked and revoked, not used for mTLS.
    const parsed = parseCertificateImportId(id);
    const owner = parsed.owner ?? (await ports.signerAddress());
    const serial = parsed.serial;
    return {
      id: `${owner}/${serial}`,
      owner,
      serial,
      validity: null,
      renew_before: null,
      cert_pem: null,
      public_key_pem: null,
      private_key_pem: null,
      not_before: null,
      not_after: null,
      state: null,
    };
  },
});

/** Chain failures reach the user as diagnostics (see domain/user-errors.ts). */
export const certificateResource = withUserErrors(certificateDefinition);
