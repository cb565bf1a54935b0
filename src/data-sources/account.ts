/** `data "akash_account"`: balances and sequence of an account (by default the configured key's). */
import type { AkashPorts } from "../akash/ports/akash-ports";
import { formatCoin } from "../domain/coin-text";
import { withUserErrorsOnRead } from "../domain/user-errors";
import { defineSchema } from "../framework/model";
import { defineDataSource } from "../framework/typed-resource";

const accountSchema = defineSchema({
  version: 0,
  block: {
    description: "Balances and sequence of an Akash account.",
    attributes: {
      address: {
        type: "string",
        optional: true,
        computed: true,
        description: "Account address; defaults to the provider's signing key.",
      },
      exists: {
        type: "bool",
        computed: true,
        description: "False until the account has received funds.",
      },
      balances: {
        type: ["map", "string"],
        computed: true,
        description: 'Balances per denom, e.g. `{ uakt = "1000000" }`.',
      },
      balance_list: {
        type: ["list", "string"],
        computed: true,
        description: "Balances as coins, e.g. `1000000uakt`.",
      },
      account_number: {
        type: "string",
        computed: true,
        description: "Account number (empty until it exists).",
      },
      sequence: { type: "string", computed: true, description: "Next transaction sequence." },
    },
  },
});

/** Chain and gateway failures reach the user as diagnostics (see domain/user-errors.ts). */
export const accountDataSource = withUserErrorsOnRead(
  defineDataSource<AkashPorts, typeof accountSchema>({
    typeName: "akash_account",
    schema: accountSchema,
    async read({ config, provider: ports }) {
      const chain = await ports.chain();
      const address = config.address ?? (await ports.signerAddress());
      const [account, balances] = await Promise.all([chain.account(address), chain.balances(address)]);
      return {
        address,
        exists: account !== undefined,
        balances: Object.fromEntries(balances.map((c) => [c.denom, c.amount.toString()])),
        balance_list: balances.map(formatCoin),
        account_number: account?.accountNumber.toString() ?? "",
        sequence: (account?.sequence ?? 0n).toString(),
      };
    },
  }),
);
