/** akash.cert.v1 queries: an owner's certificates. */
import type { Certificate } from "../../../ports/chain";
import type { QueryCache } from "../query-coalescer";
import type { QueryRunner } from "./query-runner";

const STATES: Certificate["state"][] = ["invalid", "valid", "revoked"];

export class CertQueries {
  constructor(
    private readonly runner: QueryRunner,
    private readonly cache: QueryCache,
  ) {}

  certificates(owner: string, filter: { state?: "valid" | "revoked" } = {}): Promise<Certificate[]> {
    const text = new TextDecoder();
    // Shared: every lease on a provider pins its gateway certificate, so a refresh asks for the same list N times.
    return this.cache.shared(`certificates:${owner}:${filter.state ?? ""}`, () =>
      this.runner.list(
        "/akash.cert.v1.Query/Certificates",
        (p) => p.v1.QueryCertificatesRequest,
        { filter: { owner, state: filter.state ?? "" } },
        (p) => p.v1.QueryCertificatesResponse,
        (r) =>
          r.certificates.map((c) => ({
            owner,
            serial: c.serial,
            state: STATES[c.certificate?.state ?? 0] ?? "invalid",
            certPem: text.decode(c.certificate?.cert ?? new Uint8Array()),
            pubkeyPem: text.decode(c.certificate?.pubkey ?? new Uint8Array()),
          })),
      ),
    );
  }
}
