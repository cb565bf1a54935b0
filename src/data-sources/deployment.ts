/** `data "akash_deployment"`: an existing deployment, by dseq. */
import type { AkashPorts } from "../akash/ports/akash-ports";
import { formatDecCoin } from "../domain/coin-text";
import { toHex } from "../domain/hex";
import { withUserErrorsOnRead } from "../domain/user-errors";
import { DiagnosticError } from "../framework/diagnostics";
import { defineSchema } from "../framework/model";
import { defineDataSource } from "../framework/typed-resource";

const deploymentSchema = defineSchema({
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
});

/** Chain and gateway failures reach the user as diagnostics (see domain/user-errors.ts). */
export const deploymentDataSource = withUserErrorsOnRead(
  defineDataSource<AkashPorts, typeof deploymentSchema>({
    typeName: "akash_deployment",
    schema: deploymentSchema,
    validateConfig(config, diags) {
      if (typeof config.dseq === "string" && !/^\d+$/.test(config.dseq)) {
        diags.error("Invalid dseq", `"${config.dseq}" is not a deployment sequence number.`, ["dseq"]);
      }
    },
    async read({ config, provider: ports }) {
      if (!/^\d+$/.test(config.dseq))
        throw new DiagnosticError("Invalid dseq", `"${config.dseq}" is not a number.`, ["dseq"]);
      const chain = await ports.chain();
      const owner = config.owner ?? (await ports.signerAddress());
      const dseq = BigInt(config.dseq);
      const [deployment, leases] = await Promise.all([
        chain.deployment(owner, dseq),
        chain.leases(owner, { dseq }),
      ]);
      if (!deployment)
        throw new DiagnosticError("Deployment not found", `No deployment ${owner}/${dseq} on chain.`, [
          "dseq",
        ]);
      return {
        dseq: config.dseq,
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
  }),
);
