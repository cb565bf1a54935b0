/** `data "akash_providers"`: registered providers, filtered by attributes and auditors. */
import type { AkashPorts } from "../akash/ports/akash-ports";
import { withUserErrorsOnRead } from "../domain/user-errors";
import { defineSchema } from "../framework/model";
import { defineDataSource } from "../framework/typed-resource";

const providersSchema = defineSchema({
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
});

/** Chain and gateway failures reach the user as diagnostics (see domain/user-errors.ts). */
export const providersDataSource = withUserErrorsOnRead(
  defineDataSource<AkashPorts, typeof providersSchema>({
    typeName: "akash_providers",
    schema: providersSchema,
    async read({ config, provider: ports }) {
      const chain = await ports.chain();
      const wanted = config.attributes ?? {};
      const auditors = config.audited_by ?? [];
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
        attributes: config.attributes,
        audited_by: config.audited_by,
        providers,
        addresses: providers.map((p) => p.address),
      };
    },
  }),
);
