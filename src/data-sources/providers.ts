/** `data "akash_providers"`: registered providers, filtered by attributes and auditors. */
import type { DataSourceDefinition } from "../framework/data-source";
import type { ObjectValue, Value } from "../framework/values";
import type { AkashProviderData } from "../provider/akash-provider";
import { withUserErrorsOnRead } from "../resources/port-errors";

function stringMap(v: Value | undefined): Record<string, string> {
  if (!v || typeof v !== "object" || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string"));
}

const providersDefinition: DataSourceDefinition<AkashProviderData> = {
  typeName: "akash_providers",
  schema: {
    version: 0,
    block: {
      description: "Providers registered on chain, optionally filtered by attributes and auditors.",
      attributes: {
        attributes: {
          type: ["map", "string"],
          optional: true,
          description: 'Only providers with all these attributes, e.g. `{ region = "us-west" }`.',
        },
        audited_by: {
          type: ["list", "string"],
          optional: true,
          description: "Only providers audited by one of these auditors.",
        },
        providers: {
          type: [
            "list",
            [
              "object",
              {
                address: "string",
                host_uri: "string",
                attributes: ["map", "string"],
                audited_by: ["list", "string"],
              },
            ],
          ],
          computed: true,
          description: "Matching providers, sorted by address.",
        },
        addresses: {
          type: ["list", "string"],
          computed: true,
          description: "Addresses of the matching providers.",
        },
      },
    },
  },
  async read({ config, provider }): Promise<ObjectValue> {
    const chain = await provider.chain();
    const wanted = stringMap(config.attributes);
    const auditors = Array.isArray(config.audited_by)
      ? config.audited_by.filter((a): a is string => typeof a === "string")
      : [];
    const [all, audits] = await Promise.all([chain.providers(), chain.auditedAttributes()]);
    const matching = all
      .filter((p) =>
        Object.entries(wanted).every(([k, v]) => p.attributes.some((a) => a.key === k && a.value === v)),
      )
      .map((p) => ({
        p,
        auditedBy: [...new Set(audits.filter((a) => a.provider === p.owner).map((a) => a.auditor))].sort(),
      }))
      .filter(({ auditedBy }) => auditors.length === 0 || auditedBy.some((a) => auditors.includes(a)))
      .sort((a, b) => a.p.owner.localeCompare(b.p.owner));
    const providers = matching.map(({ p, auditedBy }) => ({
      address: p.owner,
      host_uri: p.hostUri,
      attributes: Object.fromEntries(p.attributes.map((a) => [a.key, a.value])),
      audited_by: auditedBy,
    }));
    return {
      attributes: config.attributes ?? null,
      audited_by: config.audited_by ?? null,
      providers,
      addresses: providers.map((p) => p.address),
    };
  },
};

/** Chain and gateway failures reach the user as diagnostics (see port-errors.ts). */
export const providersDataSource = withUserErrorsOnRead(providersDefinition);
