/** akash.provider.v1beta4 and akash.audit.v1 queries: providers and the attributes auditors signed for them. */
import type { AuditedAttributes, Provider } from "../../../ports/chain";
import * as convert from "../convert";
import type { QueryCache } from "../query-coalescer";
import type { QueryRunner } from "./query-runner";

type AuditList = { owner: string; auditor: string; attributes: { key: string; value: string }[] }[];

const toPort = (list: AuditList): AuditedAttributes[] =>
  list.map((a) => ({
    provider: a.owner,
    auditor: a.auditor,
    attributes: a.attributes.map((x) => ({ key: x.key, value: x.value })),
  }));

export class ProviderQueries {
  constructor(
    private readonly runner: QueryRunner,
    private readonly cache: QueryCache,
  ) {}

  async provider(address: string): Promise<Provider | undefined> {
    const all = this.cache.peek<Provider[]>("providers");
    if (all) return (await all).find((p) => p.owner === address);
    return this.cache.shared(`provider:${address}`, async () => {
      const res = await this.runner.lookup(
        "/akash.provider.v1beta4.Query/Provider",
        (p) => [p.v1beta4.QueryProviderRequest, { owner: address }],
        (p) => p.v1beta4.QueryProviderResponse,
      );
      return res?.value.provider ? convert.provider(res.value.provider) : undefined;
    });
  }

  providers(): Promise<Provider[]> {
    return this.cache.shared("providers", () =>
      this.runner.list(
        "/akash.provider.v1beta4.Query/Providers",
        (p) => p.v1beta4.QueryProvidersRequest,
        {},
        (p) => p.v1beta4.QueryProvidersResponse,
        (r) => r.providers.map(convert.provider),
      ),
    );
  }

  async auditedAttributes(provider?: string): Promise<AuditedAttributes[]> {
    if (provider === undefined) {
      return this.cache.shared("audited", () =>
        this.runner.list(
          "/akash.audit.v1.Query/AllProvidersAttributes",
          (p) => p.v1.QueryAllProvidersAttributesRequest,
          {},
          (p) => p.v1.QueryProvidersResponse,
          (r) => toPort(r.providers),
        ),
      );
    }
    return this.cache.shared(`audited:${provider}`, async () => {
      const res = await this.runner.lookup(
        "/akash.audit.v1.Query/ProviderAttributes",
        (p) => [p.v1.QueryProviderAttributesRequest, { owner: provider }],
        (p) => p.v1.QueryProvidersResponse,
      );
      return toPort(res?.value.providers ?? []);
    });
  }
}
