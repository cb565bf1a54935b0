// https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deployment
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface DeploymentConfig extends cdktf.TerraformMetaArguments {
  /**
  * Names this deployment within its stack (the provider's `stack`), on chain: its create transaction's memo carries the key's hash, so an apply on any machine (another CI runner, another checkout) adopts the deployment a killed run created for it instead of paying for a second one. Must be unique within the stack, e.g. `create_key = "web-${count.index}"` with `count`. In CDKTF, `AkashDeployment` sets it from the construct path. Unset, the memo carries a hash of the manifest and group names (which instances of one SDL share), so `akash-cdktf orphans` still knows the stack, but only the local create journal of the machine that crashed recovers the deployment. Changing it later changes nothing on chain.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deployment#create_key Deployment#create_key}
  */
  readonly createKey?: string;
  /**
  * Escrow deposit as a coin, e.g. `5000000uact` (the chain minimum is 0.5 ACT). Raising it tops the escrow up in place; lowering it changes nothing on chain.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deployment#deposit Deployment#deposit}
  */
  readonly deposit?: string;
  /**
  * With `deposit_source = "grant"`: the granter whose deposit authorization is checked before anything is sent (it must exist, cover deployments and have enough left). It is a pre-check, not a choice: the chain cannot be told which granter pays; it walks all of the owner's deposit authorizations in granter address order and draws from each what it allows. `deposit_draws` says who actually paid. Defaults to the provider's `deposit_granter`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deployment#deposit_granter Deployment#deposit_granter}
  */
  readonly depositGranter?: string;
  /**
  * Where the deposit (and top-ups) come from: `balance` (the owner's own ACT) or `grant` (a granter's `akash_deposit_authorization` to the owner). Defaults to `grant` when the provider has a `deposit_granter` (or `granter`), else `balance`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deployment#deposit_source Deployment#deposit_source}
  */
  readonly depositSource?: string;
  /**
  * Allows minting ACT from AKT when the owner's ACT balance cannot cover the deposit, either as the AKT to burn (`"20000000uakt"`) or as the ACT wanted (`"10000000uact"`: the burn is quoted from the chain's oracle price with the chain's own arithmetic, at plan and again at apply; bound it with `mint_act_max_burn`). The ACT arrives at the next BME epoch; the chain's minimum mint is 10 ACT. The plan warns when a mint will happen and says how much. Unset = never mint.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deployment#mint_act Deployment#mint_act}
  */
  readonly mintAct?: string;
  /**
  * With `mint_act` in uact: the most AKT the apply may burn for it, e.g. `"10500000uakt"`. The apply quotes the burn again from the oracle price and stops before burning anything when the quote exceeds this bound. The plan warning shows today's quote and a bound 2 % above it. Unset = no bound.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deployment#mint_act_max_burn Deployment#mint_act_max_burn}
  */
  readonly mintActMaxBurn?: string;
  /**
  * The SDL (YAML text), e.g. `file("deploy.yaml")`. Prices must be in `uact` on today's mainnet. Sensitive: its env values may be secrets, so plans show `manifest_summary` instead.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deployment#sdl Deployment#sdl}
  */
  readonly sdl: string;
  /**
  * timeouts block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deployment#timeouts Deployment#timeouts}
  */
  readonly timeouts?: DeploymentTimeouts;
}
export interface DeploymentDepositDraws {
}

export function deploymentDepositDrawsToTerraform(struct?: DeploymentDepositDraws): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function deploymentDepositDrawsToHclTerraform(struct?: DeploymentDepositDraws): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class DeploymentDepositDrawsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param complexObjectIndex the index of this item in the list
  * @param complexObjectIsFromSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string, complexObjectIndex: number, complexObjectIsFromSet: boolean) {
    super(terraformResource, terraformAttribute, complexObjectIsFromSet, complexObjectIndex);
  }

  public get internalValue(): DeploymentDepositDraws | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DeploymentDepositDraws | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // account - computed: true, optional: false, required: false
  public get account() {
    return this.getStringAttribute('account');
  }

  // amount - computed: true, optional: false, required: false
  public get amount() {
    return this.getStringAttribute('amount');
  }

  // source - computed: true, optional: false, required: false
  public get source() {
    return this.getStringAttribute('source');
  }
}

export class DeploymentDepositDrawsList extends cdktf.ComplexList {

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param wrapsSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  constructor(protected override terraformResource: cdktf.IInterpolatingParent, protected override terraformAttribute: string, protected override wrapsSet: boolean) {
    super(terraformResource, terraformAttribute, wrapsSet)
  }

  /**
  * @param index the index of the item to return
  */
  public get(index: number): DeploymentDepositDrawsOutputReference {
    return new DeploymentDepositDrawsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface DeploymentTimeouts {
  /**
  * How long to wait for the create before giving up, as a duration such as `30s`, `20m` or `1h30m`. Default: `10m`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deployment#create Deployment#create}
  */
  readonly create?: string;
  /**
  * How long to wait for the delete before giving up, as a duration such as `30s`, `20m` or `1h30m`. Default: `5m`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deployment#delete Deployment#delete}
  */
  readonly delete?: string;
  /**
  * How long to wait for the update before giving up, as a duration such as `30s`, `20m` or `1h30m`. Default: `10m`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deployment#update Deployment#update}
  */
  readonly update?: string;
}

export function deploymentTimeoutsToTerraform(struct?: DeploymentTimeouts | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    create: cdktf.stringToTerraform(struct!.create),
    delete: cdktf.stringToTerraform(struct!.delete),
    update: cdktf.stringToTerraform(struct!.update),
  }
}


export function deploymentTimeoutsToHclTerraform(struct?: DeploymentTimeouts | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    create: {
      value: cdktf.stringToHclTerraform(struct!.create),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    delete: {
      value: cdktf.stringToHclTerraform(struct!.delete),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    update: {
      value: cdktf.stringToHclTerraform(struct!.update),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class DeploymentTimeoutsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): DeploymentTimeouts | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._create !== undefined) {
      hasAnyValues = true;
      internalValueResult.create = this._create;
    }
    if (this._delete !== undefined) {
      hasAnyValues = true;
      internalValueResult.delete = this._delete;
    }
    if (this._update !== undefined) {
      hasAnyValues = true;
      internalValueResult.update = this._update;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DeploymentTimeouts | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._create = undefined;
      this._delete = undefined;
      this._update = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._create = value.create;
      this._delete = value.delete;
      this._update = value.update;
    }
  }

  // create - computed: false, optional: true, required: false
  private _create?: string; 
  public get create() {
    return this.getStringAttribute('create');
  }
  public set create(value: string) {
    this._create = value;
  }
  public resetCreate() {
    this._create = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get createInput() {
    return this._create;
  }

  // delete - computed: false, optional: true, required: false
  private _delete?: string; 
  public get delete() {
    return this.getStringAttribute('delete');
  }
  public set delete(value: string) {
    this._delete = value;
  }
  public resetDelete() {
    this._delete = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get deleteInput() {
    return this._delete;
  }

  // update - computed: false, optional: true, required: false
  private _update?: string; 
  public get update() {
    return this.getStringAttribute('update');
  }
  public set update(value: string) {
    this._update = value;
  }
  public resetUpdate() {
    this._update = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get updateInput() {
    return this._update;
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deployment akash_deployment}
*/
export class Deployment extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "akash_deployment";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Deployment resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Deployment to import
  * @param importFromId The id of the existing Deployment that should be imported. Refer to the {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deployment#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Deployment to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "akash_deployment", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deployment akash_deployment} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options DeploymentConfig
  */
  public constructor(scope: Construct, id: string, config: DeploymentConfig) {
    super(scope, id, {
      terraformResourceType: 'akash_deployment',
      terraformGeneratorMetadata: {
        providerName: 'akash',
        providerVersion: '0.1.0',
        providerVersionConstraint: '0.1.0'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._createKey = config.createKey;
    this._deposit = config.deposit;
    this._depositGranter = config.depositGranter;
    this._depositSource = config.depositSource;
    this._mintAct = config.mintAct;
    this._mintActMaxBurn = config.mintActMaxBurn;
    this._sdl = config.sdl;
    this._timeouts.internalValue = config.timeouts;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // balance - computed: true, optional: false, required: false
  public get balance() {
    return this.getStringAttribute('balance');
  }

  // create_key - computed: false, optional: true, required: false
  private _createKey?: string; 
  public get createKey() {
    return this.getStringAttribute('create_key');
  }
  public set createKey(value: string) {
    this._createKey = value;
  }
  public resetCreateKey() {
    this._createKey = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get createKeyInput() {
    return this._createKey;
  }

  // deposit - computed: true, optional: true, required: false
  private _deposit?: string; 
  public get deposit() {
    return this.getStringAttribute('deposit');
  }
  public set deposit(value: string) {
    this._deposit = value;
  }
  public resetDeposit() {
    this._deposit = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get depositInput() {
    return this._deposit;
  }

  // deposit_draws - computed: true, optional: false, required: false
  private _depositDraws = new DeploymentDepositDrawsList(this, "deposit_draws", false);
  public get depositDraws() {
    return this._depositDraws;
  }

  // deposit_granter - computed: true, optional: true, required: false
  private _depositGranter?: string; 
  public get depositGranter() {
    return this.getStringAttribute('deposit_granter');
  }
  public set depositGranter(value: string) {
    this._depositGranter = value;
  }
  public resetDepositGranter() {
    this._depositGranter = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get depositGranterInput() {
    return this._depositGranter;
  }

  // deposit_source - computed: true, optional: true, required: false
  private _depositSource?: string; 
  public get depositSource() {
    return this.getStringAttribute('deposit_source');
  }
  public set depositSource(value: string) {
    this._depositSource = value;
  }
  public resetDepositSource() {
    this._depositSource = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get depositSourceInput() {
    return this._depositSource;
  }

  // dseq - computed: true, optional: false, required: false
  public get dseq() {
    return this.getStringAttribute('dseq');
  }

  // group_specs_json - computed: true, optional: false, required: false
  public get groupSpecsJson() {
    return this.getStringAttribute('group_specs_json');
  }

  // group_states - computed: true, optional: false, required: false
  public get groupStates() {
    return this.getListAttribute('group_states');
  }

  // groups - computed: true, optional: false, required: false
  public get groups() {
    return this.getListAttribute('groups');
  }

  // hash - computed: true, optional: false, required: false
  public get hash() {
    return this.getStringAttribute('hash');
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // manifest_json - computed: true, optional: false, required: false
  public get manifestJson() {
    return this.getStringAttribute('manifest_json');
  }

  // manifest_summary - computed: true, optional: false, required: false
  public get manifestSummary() {
    return this.getListAttribute('manifest_summary');
  }

  // mint_act - computed: false, optional: true, required: false
  private _mintAct?: string; 
  public get mintAct() {
    return this.getStringAttribute('mint_act');
  }
  public set mintAct(value: string) {
    this._mintAct = value;
  }
  public resetMintAct() {
    this._mintAct = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get mintActInput() {
    return this._mintAct;
  }

  // mint_act_max_burn - computed: false, optional: true, required: false
  private _mintActMaxBurn?: string; 
  public get mintActMaxBurn() {
    return this.getStringAttribute('mint_act_max_burn');
  }
  public set mintActMaxBurn(value: string) {
    this._mintActMaxBurn = value;
  }
  public resetMintActMaxBurn() {
    this._mintActMaxBurn = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get mintActMaxBurnInput() {
    return this._mintActMaxBurn;
  }

  // owner - computed: true, optional: false, required: false
  public get owner() {
    return this.getStringAttribute('owner');
  }

  // runway - computed: true, optional: false, required: false
  public get runway() {
    return this.getStringAttribute('runway');
  }

  // sdl - computed: false, optional: false, required: true
  private _sdl?: string; 
  public get sdl() {
    return this.getStringAttribute('sdl');
  }
  public set sdl(value: string) {
    this._sdl = value;
  }
  // Temporarily expose input value. Use with caution.
  public get sdlInput() {
    return this._sdl;
  }

  // services - computed: true, optional: false, required: false
  public get services() {
    return this.getListAttribute('services');
  }

  // state - computed: true, optional: false, required: false
  public get state() {
    return this.getStringAttribute('state');
  }

  // timeouts - computed: false, optional: true, required: false
  private _timeouts = new DeploymentTimeoutsOutputReference(this, "timeouts");
  public get timeouts() {
    return this._timeouts;
  }
  public putTimeouts(value: DeploymentTimeouts) {
    this._timeouts.internalValue = value;
  }
  public resetTimeouts() {
    this._timeouts.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get timeoutsInput() {
    return this._timeouts.internalValue;
  }

  // =========
  // SYNTHESIS
  // =========

  protected override synthesizeAttributes(): { [name: string]: any } {
    return {
      create_key: cdktf.stringToTerraform(this._createKey),
      deposit: cdktf.stringToTerraform(this._deposit),
      deposit_granter: cdktf.stringToTerraform(this._depositGranter),
      deposit_source: cdktf.stringToTerraform(this._depositSource),
      mint_act: cdktf.stringToTerraform(this._mintAct),
      mint_act_max_burn: cdktf.stringToTerraform(this._mintActMaxBurn),
      sdl: cdktf.stringToTerraform(this._sdl),
      timeouts: deploymentTimeoutsToTerraform(this._timeouts.internalValue),
    };
  }

  protected override synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      create_key: {
        value: cdktf.stringToHclTerraform(this._createKey),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      deposit: {
        value: cdktf.stringToHclTerraform(this._deposit),
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
      deposit_source: {
        value: cdktf.stringToHclTerraform(this._depositSource),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      mint_act: {
        value: cdktf.stringToHclTerraform(this._mintAct),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      mint_act_max_burn: {
        value: cdktf.stringToHclTerraform(this._mintActMaxBurn),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      sdl: {
        value: cdktf.stringToHclTerraform(this._sdl),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      timeouts: {
        value: deploymentTimeoutsToHclTerraform(this._timeouts.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "DeploymentTimeouts",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
