// https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/fee_allowance
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface FeeAllowanceConfig extends cdktf.TerraformMetaArguments {
  /**
  * When the allowance ends (RFC 3339, e.g. `2027-01-01T00:00:00Z`). Unset = no expiry.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/fee_allowance#expiration FeeAllowance#expiration}
  */
  readonly expiration?: string;
  /**
  * The account whose fees are paid (akash1...).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/fee_allowance#grantee FeeAllowance#grantee}
  */
  readonly grantee: string;
  /**
  * Makes the allowance periodic: the length of a period, e.g. `24h`. Requires `period_spend_limit`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/fee_allowance#period FeeAllowance#period}
  */
  readonly period?: string;
  /**
  * Most the grantee may spend per period, e.g. `["1000000uakt"]`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/fee_allowance#period_spend_limit FeeAllowance#period_spend_limit}
  */
  readonly periodSpendLimit?: string[];
  /**
  * Most the grantee may spend on fees in total, e.g. `["5000000uakt"]` (fees are paid in uakt). Unset = no total limit.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/fee_allowance#spend_limit FeeAllowance#spend_limit}
  */
  readonly spendLimit?: string[];
  /**
  * timeouts block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/fee_allowance#timeouts FeeAllowance#timeouts}
  */
  readonly timeouts?: FeeAllowanceTimeouts;
}
export interface FeeAllowanceTimeouts {
  /**
  * How long to wait for the create before giving up, as a duration such as `30s`, `20m` or `1h30m`. Default: `5m`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/fee_allowance#create FeeAllowance#create}
  */
  readonly create?: string;
  /**
  * How long to wait for the delete before giving up, as a duration such as `30s`, `20m` or `1h30m`. Default: `5m`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/fee_allowance#delete FeeAllowance#delete}
  */
  readonly delete?: string;
  /**
  * How long to wait for the update before giving up, as a duration such as `30s`, `20m` or `1h30m`. Default: `5m`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/fee_allowance#update FeeAllowance#update}
  */
  readonly update?: string;
}

export function feeAllowanceTimeoutsToTerraform(struct?: FeeAllowanceTimeouts | cdktf.IResolvable): any {
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


export function feeAllowanceTimeoutsToHclTerraform(struct?: FeeAllowanceTimeouts | cdktf.IResolvable): any {
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

export class FeeAllowanceTimeoutsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): FeeAllowanceTimeouts | cdktf.IResolvable | undefined {
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

  public set internalValue(value: FeeAllowanceTimeouts | cdktf.IResolvable | undefined) {
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
* Represents a {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/fee_allowance akash_fee_allowance}
*/
export class FeeAllowance extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "akash_fee_allowance";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a FeeAllowance resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the FeeAllowance to import
  * @param importFromId The id of the existing FeeAllowance that should be imported. Refer to the {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/fee_allowance#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the FeeAllowance to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "akash_fee_allowance", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/fee_allowance akash_fee_allowance} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options FeeAllowanceConfig
  */
  public constructor(scope: Construct, id: string, config: FeeAllowanceConfig) {
    super(scope, id, {
      terraformResourceType: 'akash_fee_allowance',
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
    this._expiration = config.expiration;
    this._grantee = config.grantee;
    this._period = config.period;
    this._periodSpendLimit = config.periodSpendLimit;
    this._spendLimit = config.spendLimit;
    this._timeouts.internalValue = config.timeouts;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // expiration - computed: false, optional: true, required: false
  private _expiration?: string; 
  public get expiration() {
    return this.getStringAttribute('expiration');
  }
  public set expiration(value: string) {
    this._expiration = value;
  }
  public resetExpiration() {
    this._expiration = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get expirationInput() {
    return this._expiration;
  }

  // grantee - computed: false, optional: false, required: true
  private _grantee?: string; 
  public get grantee() {
    return this.getStringAttribute('grantee');
  }
  public set grantee(value: string) {
    this._grantee = value;
  }
  // Temporarily expose input value. Use with caution.
  public get granteeInput() {
    return this._grantee;
  }

  // granter - computed: true, optional: false, required: false
  public get granter() {
    return this.getStringAttribute('granter');
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // kind - computed: true, optional: false, required: false
  public get kind() {
    return this.getStringAttribute('kind');
  }

  // period - computed: false, optional: true, required: false
  private _period?: string; 
  public get period() {
    return this.getStringAttribute('period');
  }
  public set period(value: string) {
    this._period = value;
  }
  public resetPeriod() {
    this._period = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get periodInput() {
    return this._period;
  }

  // period_remaining - computed: true, optional: false, required: false
  public get periodRemaining() {
    return this.getListAttribute('period_remaining');
  }

  // period_reset - computed: true, optional: false, required: false
  public get periodReset() {
    return this.getStringAttribute('period_reset');
  }

  // period_spend_limit - computed: false, optional: true, required: false
  private _periodSpendLimit?: string[]; 
  public get periodSpendLimit() {
    return this.getListAttribute('period_spend_limit');
  }
  public set periodSpendLimit(value: string[]) {
    this._periodSpendLimit = value;
  }
  public resetPeriodSpendLimit() {
    this._periodSpendLimit = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get periodSpendLimitInput() {
    return this._periodSpendLimit;
  }

  // remaining - computed: true, optional: false, required: false
  public get remaining() {
    return this.getListAttribute('remaining');
  }

  // spend_limit - computed: false, optional: true, required: false
  private _spendLimit?: string[]; 
  public get spendLimit() {
    return this.getListAttribute('spend_limit');
  }
  public set spendLimit(value: string[]) {
    this._spendLimit = value;
  }
  public resetSpendLimit() {
    this._spendLimit = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get spendLimitInput() {
    return this._spendLimit;
  }

  // timeouts - computed: false, optional: true, required: false
  private _timeouts = new FeeAllowanceTimeoutsOutputReference(this, "timeouts");
  public get timeouts() {
    return this._timeouts;
  }
  public putTimeouts(value: FeeAllowanceTimeouts) {
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
      expiration: cdktf.stringToTerraform(this._expiration),
      grantee: cdktf.stringToTerraform(this._grantee),
      period: cdktf.stringToTerraform(this._period),
      period_spend_limit: cdktf.listMapper(cdktf.stringToTerraform, false)(this._periodSpendLimit),
      spend_limit: cdktf.listMapper(cdktf.stringToTerraform, false)(this._spendLimit),
      timeouts: feeAllowanceTimeoutsToTerraform(this._timeouts.internalValue),
    };
  }

  protected override synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      expiration: {
        value: cdktf.stringToHclTerraform(this._expiration),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      grantee: {
        value: cdktf.stringToHclTerraform(this._grantee),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      period: {
        value: cdktf.stringToHclTerraform(this._period),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      period_spend_limit: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._periodSpendLimit),
        isBlock: false,
        type: "list",
        storageClassType: "stringList",
      },
      spend_limit: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._spendLimit),
        isBlock: false,
        type: "list",
        storageClassType: "stringList",
      },
      timeouts: {
        value: feeAllowanceTimeoutsToHclTerraform(this._timeouts.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "FeeAllowanceTimeouts",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
