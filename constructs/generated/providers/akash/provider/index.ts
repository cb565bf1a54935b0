// https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface AkashProviderConfig {
  /**
  * Chain ID, e.g. `akashnet-2`. Defaults to `AKASH_CHAIN_ID`, else it is read from the node. When set, the provider refuses to talk to a node of another chain.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs#chain_id AkashProvider#chain_id}
  */
  readonly chainId?: string;
  /**
  * Fund deployment deposits from this account's deposit authorization to the signing key: deployments default to `deposit_source = "grant"`. Overrides `granter`; defaults to `AKASH_DEPOSIT_GRANTER`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs#deposit_granter AkashProvider#deposit_granter}
  */
  readonly depositGranter?: string;
  /**
  * Pay transaction fees from this account's fee allowance to the signing key. Overrides `granter`; defaults to `AKASH_FEE_GRANTER`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs#fee_granter AkashProvider#fee_granter}
  */
  readonly feeGranter?: string;
  /**
  * Multiplier applied to simulated gas. Defaults to `1.5`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs#gas_adjustment AkashProvider#gas_adjustment}
  */
  readonly gasAdjustment?: number;
  /**
  * Gas price used for fees, e.g. `0.025uakt`. Defaults to `0.025uakt`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs#gas_prices AkashProvider#gas_prices}
  */
  readonly gasPrices?: string;
  /**
  * Grantee mode: the account (akash1...) that pays for this key. Transaction fees come from its fee allowance (`akash_fee_allowance`) and deployment deposits from its deposit authorization (`akash_deposit_authorization`), so the signing key (e.g. a CI key) needs no funds of its own. Shorthand for setting both `fee_granter` and `deposit_granter`. Defaults to `AKASH_GRANTER`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs#granter AkashProvider#granter}
  */
  readonly granter?: string;
  /**
  * BIP-39 mnemonic of the signing account (HD path `m/44'/118'/0'/0/0`). Defaults to `AKASH_MNEMONIC`. Prefer the environment variable so the secret stays out of configuration files.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs#mnemonic AkashProvider#mnemonic}
  */
  readonly mnemonic?: string;
  /**
  * CometBFT RPC URL of an Akash node, e.g. `https://rpc.akashnet.net:443`. Several URLs separated by commas are tried in order. Defaults to the `AKASH_NODE` environment variable.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs#node AkashProvider#node}
  */
  readonly nodeAttribute?: string;
  /**
  * Names this configuration (and workspace) on chain: every deployment it creates carries the name's hash in its create transaction's memo, so a later apply on any machine can adopt what a killed run left behind, and `akash-cdktf orphans` tells stacks apart. Set it when several configurations or workspaces share an account, e.g. `stack = "shop-${terraform.workspace}"`. Defaults to `AKASH_CDKTF_STACK`, else the account's default stack.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs#stack AkashProvider#stack}
  */
  readonly stack?: string;
  /**
  * Alias name
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs AkashProvider#alias}
  */
  readonly alias?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs akash}
*/
export class AkashProvider extends cdktf.TerraformProvider {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "akash";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a AkashProvider resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the AkashProvider to import
  * @param importFromId The id of the existing AkashProvider that should be imported. Refer to the {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the AkashProvider to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "akash", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs akash} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options AkashProviderConfig = {}
  */
  public constructor(scope: Construct, id: string, config: AkashProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'akash',
      terraformGeneratorMetadata: {
        providerName: 'akash',
        providerVersion: '0.1.0',
        providerVersionConstraint: '0.1.0'
      },
      terraformProviderSource: 'akash-cdktf/akash'
    });
    this._chainId = config.chainId;
    this._depositGranter = config.depositGranter;
    this._feeGranter = config.feeGranter;
    this._gasAdjustment = config.gasAdjustment;
    this._gasPrices = config.gasPrices;
    this._granter = config.granter;
    this._mnemonic = config.mnemonic;
    this._node = config.nodeAttribute;
    this._stack = config.stack;
    this._alias = config.alias;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // chain_id - computed: false, optional: true, required: false
  private _chainId?: string; 
  public get chainId() {
    return this._chainId;
  }
  public set chainId(value: string | undefined) {
    this._chainId = value;
  }
  public resetChainId() {
    this._chainId = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get chainIdInput() {
    return this._chainId;
  }

  // deposit_granter - computed: false, optional: true, required: false
  private _depositGranter?: string; 
  public get depositGranter() {
    return this._depositGranter;
  }
  public set depositGranter(value: string | undefined) {
    this._depositGranter = value;
  }
  public resetDepositGranter() {
    this._depositGranter = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get depositGranterInput() {
    return this._depositGranter;
  }

  // fee_granter - computed: false, optional: true, required: false
  private _feeGranter?: string; 
  public get feeGranter() {
    return this._feeGranter;
  }
  public set feeGranter(value: string | undefined) {
    this._feeGranter = value;
  }
  public resetFeeGranter() {
    this._feeGranter = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get feeGranterInput() {
    return this._feeGranter;
  }

  // gas_adjustment - computed: false, optional: true, required: false
  private _gasAdjustment?: number; 
  public get gasAdjustment() {
    return this._gasAdjustment;
  }
  public set gasAdjustment(value: number | undefined) {
    this._gasAdjustment = value;
  }
  public resetGasAdjustment() {
    this._gasAdjustment = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get gasAdjustmentInput() {
    return this._gasAdjustment;
  }

  // gas_prices - computed: false, optional: true, required: false
  private _gasPrices?: string; 
  public get gasPrices() {
    return this._gasPrices;
  }
  public set gasPrices(value: string | undefined) {
    this._gasPrices = value;
  }
  public resetGasPrices() {
    this._gasPrices = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get gasPricesInput() {
    return this._gasPrices;
  }

  // granter - computed: false, optional: true, required: false
  private _granter?: string; 
  public get granter() {
    return this._granter;
  }
  public set granter(value: string | undefined) {
    this._granter = value;
  }
  public resetGranter() {
    this._granter = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get granterInput() {
    return this._granter;
  }

  // mnemonic - computed: false, optional: true, required: false
  private _mnemonic?: string; 
  public get mnemonic() {
    return this._mnemonic;
  }
  public set mnemonic(value: string | undefined) {
    this._mnemonic = value;
  }
  public resetMnemonic() {
    this._mnemonic = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get mnemonicInput() {
    return this._mnemonic;
  }

  // node - computed: false, optional: true, required: false
  private _node?: string; 
  public get nodeAttribute() {
    return this._node;
  }
  public set nodeAttribute(value: string | undefined) {
    this._node = value;
  }
  public resetNodeAttribute() {
    this._node = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nodeAttributeInput() {
    return this._node;
  }

  // stack - computed: false, optional: true, required: false
  private _stack?: string; 
  public get stack() {
    return this._stack;
  }
  public set stack(value: string | undefined) {
    this._stack = value;
  }
  public resetStack() {
    this._stack = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get stackInput() {
    return this._stack;
  }

  // alias - computed: false, optional: true, required: false
  private _alias?: string; 
  public override get alias() {
    return this._alias;
  }
  public override set alias(value: string | undefined) {
    this._alias = value;
  }
  public resetAlias() {
    this._alias = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get aliasInput() {
    return this._alias;
  }

  // =========
  // SYNTHESIS
  // =========

  protected override synthesizeAttributes(): { [name: string]: any } {
    return {
      chain_id: cdktf.stringToTerraform(this._chainId),
      deposit_granter: cdktf.stringToTerraform(this._depositGranter),
      fee_granter: cdktf.stringToTerraform(this._feeGranter),
      gas_adjustment: cdktf.numberToTerraform(this._gasAdjustment),
      gas_prices: cdktf.stringToTerraform(this._gasPrices),
      granter: cdktf.stringToTerraform(this._granter),
      mnemonic: cdktf.stringToTerraform(this._mnemonic),
      node: cdktf.stringToTerraform(this._node),
      stack: cdktf.stringToTerraform(this._stack),
      alias: cdktf.stringToTerraform(this._alias),
    };
  }

  protected override synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      chain_id: {
        value: cdktf.stringToHclTerraform(this._chainId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      deposit_granter: {
        value: cdktf.stringToHclTerraform(this._depositGranter),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      fee_granter: {
        value: cdktf.stringToHclTerraform(this._feeGranter),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      gas_adjustment: {
        value: cdktf.numberToHclTerraform(this._gasAdjustment),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      gas_prices: {
        value: cdktf.stringToHclTerraform(this._gasPrices),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      granter: {
        value: cdktf.stringToHclTerraform(this._granter),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      mnemonic: {
        value: cdktf.stringToHclTerraform(this._mnemonic),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      node: {
        value: cdktf.stringToHclTerraform(this._node),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      stack: {
        value: cdktf.stringToHclTerraform(this._stack),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      alias: {
        value: cdktf.stringToHclTerraform(this._alias),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
