/**
 * The `provider "akash"` block: schema, validation and resolution (attribute, then environment, then default).
 *
 * Nothing is required up front: `data "akash_sdl"` must work with an empty block. Resources that talk to the
 * chain call `requireChainSettings()`, which explains exactly what is missing.
 */
import { isAccountAddress } from "../domain/account-address";
import { DiagnosticError, type Diagnostics } from "../framework/diagnostics";
import type { SchemaSpec } from "../framework/schema";
import { isUnknown, type ObjectValue, type Value } from "../framework/values";

export const DEFAULT_GAS_PRICES = "0.025uakt";
export const DEFAULT_GAS_ADJUSTMENT = 1.5;

export const providerSchema: SchemaSpec = {
  version: 0,
  block: {
    description:
      "The Akash provider manages deployments, leases, certificates and authorizations on the Akash Network. " +
      "Settings can also come from the environment (`AKASH_NODE`, `AKASH_CHAIN_ID`, `AKASH_MNEMONIC`); only " +
      "resources that talk to the chain need them.",
    attributes: {
      node: {
        type: "string",
        optional: true,
        description:
          "CometBFT RPC URL of an Akash node, e.g. `https://rpc.akashnet.net:443`. Several URLs separated by commas " +
          "are tried in order. Defaults to the `AKASH_NODE` environment variable.",
      },
      chain_id: {
        type: "string",
        optional: true,
        description:
          "Chain ID, e.g. `akashnet-2`. Defaults to `AKASH_CHAIN_ID`, else it is read from the node. When set, the " +
          "provider refuses to talk to a node of another chain.",
      },
      mnemonic: {
        type: "string",
        optional: true,
        sensitive: true,
        description:
          "BIP-39 mnemonic of the signing account (HD path `m/44'/118'/0'/0/0`). Defaults to `AKASH_MNEMONIC`. " +
          "Prefer the environment variable so the secret stays out of configuration files.",
      },
      gas_prices: {
        type: "string",
        optional: true,
        description: `Gas price used for fees, e.g. \`0.025uakt\`. Defaults to \`${DEFAULT_GAS_PRICES}\`.`,
      },
      gas_adjustment: {
        type: "number",
        optional: true,
        description: `Multiplier applied to simulated gas. Defaults to \`${DEFAULT_GAS_ADJUSTMENT}\`.`,
      },
      granter: {
        type: "string",
        optional: true,
        description:
          "Grantee mode: the account (akash1...) that pays for this key. Transaction fees come from its fee " +
          "allowance (`akash_fee_allowance`) and deployment deposits from its deposit authorization " +
          "(`akash_deposit_authorization`), so the signing key (e.g. a CI key) needs no funds of its own. Shorthand " +
          "for setting both `fee_granter` and `deposit_granter`. Defaults to `AKASH_GRANTER`.",
      },
      fee_granter: {
        type: "string",
        optional: true,
        description:
          "Pay transaction fees from this account's fee allowance to the signing key. Overrides `granter`; " +
          "defaults to `AKASH_FEE_GRANTER`.",
      },
      deposit_granter: {
        type: "string",
        optional: true,
        description:
          "Fund deployment deposits from this account's deposit authorization to the signing key: deployments " +
          'default to `deposit_source = "grant"`. Overrides `granter`; defaults to `AKASH_DEPOSIT_GRANTER`.',
      },
      stack: {
        type: "string",
        optional: true,
        description:
          "Names this configuration (and workspace) on chain: every deployment it creates carries the name's hash " +
          "in its create transaction's memo, so a later apply on any machine can adopt what a killed run left " +
          "behind, and `akash-cdktf orphans` tells stacks apart. Set it when several configurations or workspaces " +
          'share an account, e.g. `stack = "shop-${terraform.workspace}"`. Defaults to `AKASH_CDKTF_STACK`, else ' +
          "the account's default stack.",
      },
    },
  },
};

export interface ProviderSettings {
  nodes: string[];
  chainId?: string;
  /** Kept out of logs and errors; only the signer reads it. */
  mnemonic?: string;
  gasPrice: { amount: string; denom: string };
  gasAdjustment: number;
  /** Grantee mode: who pays fees (fee allowance) for the signing key. */
  feeGranter?: string;
  /** Grantee mode: whose deposit authorization funds deployments by default. */
  depositGranter?: string;
  /** The stack name (see deployment-identity.ts); undefined: the account's default stack. */
  stack?: string;
}

const GRANTER_ATTRIBUTES = ["granter", "fee_granter", "deposit_granter"] as const;

const GAS_PRICE = /^(\d+(?:\.\d+)?)([a-zA-Z][a-zA-Z0-9/:._-]{1,127})$/;

function parseNodes(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function checkNodeUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL; expected something like https://rpc.akashnet.net:443`;
  }
  if (!["http:", "https:"].includes(parsed.protocol)) {
    return `"${url}" must use http or https (the CometBFT RPC endpoint, usually port 26657 or 443)`;
  }
  return undefined;
}

function asString(v: Value | undefined): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** Static checks on the values the user wrote (unknown values are checked later, at configure). */
export function validateProviderConfig(config: ObjectValue, diags: Diagnostics): void {
  const node = asString(config.node);
  if (node !== undefined) {
    const nodes = parseNodes(node);
    if (nodes.length === 0)
      diags.error("Invalid node", "`node` is empty; set an RPC URL or remove the attribute.", ["node"]);
    for (const url of nodes) {
      const problem = checkNodeUrl(url);
      if (problem) diags.error("Invalid node URL", problem, ["node"]);
    }
  }
  const gasPrices = asString(config.gas_prices);
  if (gasPrices !== undefined && !GAS_PRICE.test(gasPrices)) {
    diags.error(
      "Invalid gas_prices",
      `"${gasPrices}" is not a gas price; expected an amount and a denom such as 0.025uakt.`,
      ["gas_prices"],
    );
  }
  const adj = config.gas_adjustment;
  if (typeof adj === "number" && !(adj >= 1 && adj <= 10)) {
    diags.error("Invalid gas_adjustment", `gas_adjustment must be between 1 and 10 (got ${adj}).`, [
      "gas_adjustment",
    ]);
  }
  for (const name of GRANTER_ATTRIBUTES) {
    const address = asString(config[name]);
    if (address !== undefined && !isAccountAddress(address)) {
      diags.error("Invalid " + name, `"${address}" is not an account address (akash1...).`, [name]);
    }
  }
  const mnemonic = asString(config.mnemonic);
  if (mnemonic !== undefined && !isUnknown(config.mnemonic)) {
    const words = mnemonic.trim().split(/\s+/).length;
    if (![12, 15, 18, 21, 24].includes(words)) {
      // Never echo the mnemonic itself.
      diags.error(
        "Invalid mnemonic",
        `A BIP-39 mnemonic has 12, 15, 18, 21 or 24 words; this one has ${words}.`,
        ["mnemonic"],
      );
    }
  }
}

/** Resolves the configuration against the environment. Throws DiagnosticError for invalid environment values. */
export function resolveProviderSettings(
  config: ObjectValue,
  env: NodeJS.ProcessEnv = process.env,
): ProviderSettings {
  const nodeText = asString(config.node) ?? env.AKASH_NODE ?? "";
  const nodes = parseNodes(nodeText);
  for (const url of nodes) {
    const problem = checkNodeUrl(url);
    if (problem)
      throw new DiagnosticError(
        "Invalid node URL",
        `${problem} (from ${config.node ? "node" : "AKASH_NODE"})`,
        config.node ? ["node"] : undefined,
      );
  }
  const gasText = asString(config.gas_prices) ?? DEFAULT_GAS_PRICES;
  const match = GAS_PRICE.exec(gasText);
  if (!match)
    throw new DiagnosticError("Invalid gas_prices", `"${gasText}" is not a gas price such as 0.025uakt.`, [
      "gas_prices",
    ]);
  const adjustment =
    typeof config.gas_adjustment === "number" ? config.gas_adjustment : DEFAULT_GAS_ADJUSTMENT;
  const mnemonic = asString(config.mnemonic) ?? env.AKASH_MNEMONIC;
  const granter = asString(config.granter) ?? (env.AKASH_GRANTER?.trim() || undefined);
  const feeGranter = asString(config.fee_granter) ?? (env.AKASH_FEE_GRANTER?.trim() || granter);
  const depositGranter = asString(config.deposit_granter) ?? (env.AKASH_DEPOSIT_GRANTER?.trim() || granter);
  const stack = (asString(config.stack) ?? env.AKASH_CDKTF_STACK)?.trim() || undefined;
  for (const [address, from] of [
    [feeGranter, "fee_granter / AKASH_FEE_GRANTER / AKASH_GRANTER"],
    [depositGranter, "deposit_granter / AKASH_DEPOSIT_GRANTER / AKASH_GRANTER"],
  ] as const) {
    if (address !== undefined && !isAccountAddress(address)) {
      throw new DiagnosticError(
        "Invalid granter",
        `"${address}" (from ${from}) is not an account address (akash1...).`,
      );
    }
  }
  return {
    nodes,
    chainId: asString(config.chain_id) ?? env.AKASH_CHAIN_ID ?? undefined,
    mnemonic: mnemonic?.trim() || undefined,
    gasPrice: { amount: match[1]!, denom: match[2]! },
    gasAdjustment: adjustment,
    ...(feeGranter ? { feeGranter } : {}),
    ...(depositGranter ? { depositGranter } : {}),
    ...(stack ? { stack } : {}),
  };
}

/** For resources that need the chain: explains which setting is missing and how to provide it. */
export function requireChainSettings(settings: ProviderSettings, needsSigner: boolean): void {
  if (settings.nodes.length === 0) {
    throw new DiagnosticError(
      "No Akash node configured",
      'Set `node` in the provider "akash" block or the AKASH_NODE environment variable to a CometBFT RPC URL ' +
        "(for the embedded localnet: run `npx akash-cdktf localnet start` and use the `node` it prints).",
    );
  }
  if (needsSigner && !settings.mnemonic) {
    throw new DiagnosticError(
      "No signing key configured",
      "This resource sends transactions. Set the AKASH_MNEMONIC environment variable (preferred) or `mnemonic` in the " +
        'provider "akash" block.',
    );
  }
}
