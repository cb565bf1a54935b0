/** `data "akash_deployment"`: an existing deployment, by dseq. */
import type { DataSourceDefinition } from "../framework/data-source";
import { DiagnosticError } from "../framework/diagnostics";
import type { AkashProviderData } from "../provider/akash-provider";
import { formatDecCoin } from "../resources/coin-text";
import { toHex } from "../resources/hex";
import { withUserErrorsOnRead } from "../resources/port-errors";

const deploymentDefinition: DataSourceDefinition<AkashProviderData> = {
  typeName: "akash_deployment",
  schema: {
    version: 0,
    block: {
      description: "An existing deployment (any state), looked up by `dseq`.",
      attributes: {
        dseq: { type: "string", required: true, description: "Deployment sequence number." },
        owner: {
          type: "string",
          optional: true,
          computed: true,
          description: "Owner; defaults to the provider's signing key.",
        },
        state: { type: "string", computed: true, description: "`active` or `closed`." },
        hash: { type: "string", computed: true, description: "Manifest version hash (hex)." },
        groups: { type: ["list", "string"], computed: true, description: "Group names in gseq order." },
        group_states: { type: ["list", "string"], computed: true, description: "State of each group." },
        escrow_funds: {
          type: ["list", "string"],
          computed: true,
          description: "Escrow funds as of the last settlement.",
        },
        leases: {
          type: [
            "list",
            [
              "object",
              { gseq: "number", oseq: "number", provider: "string", state: "string", price: "string" },
            ],
          ],
          computed: true,
          description: "Leases of the deployment.",
        },
      },
    },
  },
  async read({ config, provider }) {
    const dseqText = config.dseq as string;
    if (!/^\d+$/.test(dseqText))
      throw new DiagnosticError("Invalid dseq", `"${dseqText}" is not a number.`, ["dseq"]);
    const chain = await provider.chain();
    const owner = typeof config.owner === "string" ? config.owner : await provider.signerAddress();
    const dseq = BigInt(dseqText);
    const [deployment, leases] = await Promise.all([
      chain.deployment(owner, dseq),
      chain.leases(owner, { dseq }),
    ]);
    if (!deployment)
      throw new DiagnosticError("Deployment not found", `No deployment ${owner}/${dseq} on chain.`, ["dseq"]);
    return {
      dseq: dseqText,
      owner,
      state: deployment.state,
      hash: toHex(deployment.hash),
      groups: deployment.groups.map((g) => g.name),
      group_states: deployment.groups.map((g) => g.state),
      escrow_funds: (deployment.escrow?.funds ?? []).map(formatDecCoin),
      leases: leases.map((l) => ({
        gseq: l.id.gseq,
        oseq: l.id.oseq,
        provider: l.id.provider,
        state: l.state,
        price: formatDecCoin(l.price),
      })),
    };
  },
};

/** Chain and gateway failures reach the user as diagnostics (see port-errors.ts). */
export const deploymentDataSource = withUserErrorsOnRead(deploymentDefinition);
