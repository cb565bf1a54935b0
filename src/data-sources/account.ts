/** `data "akash_account"`: balances and sequence of an account (by default the configured key's). */
import type { DataSourceDefinition } from "../framework/data-source";
import { formatCoin } from "../resources/coin-text";
import { withUserErrorsOnRead } from "../resources/port-errors";
import type { AkashProviderData } from "../provider/akash-provider";

const accountDefinition: DataSourceDefinition<AkashProviderData> = {
  typeName: "akash_account",
  schema: {
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
  },
  async read({ config, provider }) {
    const chain = await provider.chain();
    const address = typeof config.address === "string" ? config.address : await provider.signerAddress();
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
};

/** Chain and gateway failures reach the user as diagnostics (see port-errors.ts). */
export const accountDataSource = withUserErrorsOnRead(accountDefinition);
