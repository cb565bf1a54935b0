// https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deposit_authorization
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface DepositAuthorizationConfig extends cdktf.TerraformMetaArguments {
  /**
  * When the grant stops being usable (RFC 3339, e.g. `2027-01-01T00:00:00Z`). Unset = no expiry. After it passes, the grant shows as gone and the next apply grants it again (with a later expiration).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deposit_authorization#expiration DepositAuthorization#expiration}
  */
  readonly expiration?: string;
  /**
  * The account allowed to spend (akash1...).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deposit_authorization#grantee DepositAuthorization#grantee}
  */
  readonly grantee: string;
  /**
  * What the grant may fund: `deployment` (deployment escrow deposits) and/or `bid` (provider bid deposits).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deposit_authorization#scopes DepositAuthorization#scopes}
  */
  readonly scopes?: string[];
  /**
  * Most the grantee may deposit in total, one coin per denom, e.g. `["50000000uact"]` (50 ACT).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deposit_authorization#spend_limits DepositAuthorization#spend_limits}
  */
  readonly spendLimits: string[];
  /**
  * timeouts block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deposit_authorization#timeouts DepositAuthorization#timeouts}
  */
  readonly timeouts?: DepositAuthorizationTimeouts;
}
export interface DepositAuthorizationTimeouts {
  /**
  * How long to wait for the create before giving up, as a duration such as `30s`, `20m` or `1h30m`. Default: `5m`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deposit_authorization#create DepositAuthorization#create}
  */
  readonly create?: string;
  /**
  * How long to wait for the delete before giving up, as a duration such as `30s`, `20m` or `1h30m`. Default: `5m`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deposit_authorization#delete DepositAuthorization#delete}
  */
  readonly delete?: string;
  /**
  * How long to wait for the update before giving up, as a duration such as `30s`, `20m` or `1h30m`. Default: `5m`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deposit_authorization#update DepositAuthorization#update}
  */
  readonly update?: string;
}

export function depositAuthorizationTimeoutsToTerraform(struct?: DepositAuthorizationTimeouts | cdktf.IResolvable): any {
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


export function depositAuthorizationTimeoutsToHclTerraform(struct?: DepositAuthorizationTimeouts | cdktf.IResolvable): any {
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

export class DepositAuthorizationTimeoutsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): DepositAuthorizationTimeouts | cdktf.IResolvable | undefined {
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

  public set internalValue(value: DepositAuthorizationTimeouts | cdktf.IResolvable | undefined) {
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
* Represents a {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deposit_authorization akash_deposit_authorization}
*/
export class DepositAuthorization extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "akash_deposit_authorization";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a DepositAuthorization resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the DepositAuthorization to import
  * @param importFromId The id of the existing DepositAuthorization that should be imported. Refer to the {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deposit_authorization#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the DepositAuthorization to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "akash_deposit_authorization", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/deposit_authorization akash_deposit_authorization} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options DepositAuthorizationConfig
  */
  public constructor(scope: Construct, id: string, config: DepositAuthorizationConfig) {
    super(scope, id, {
      terraformResourceType: 'akash_deposit_authorization',
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
    this._scopes = config.scopes;
    this._spendLimits = config.spendLimits;
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

  // remaining - computed: true, optional: false, required: false
  public get remaining() {
    return this.getListAttribute('remaining');
  }

  // scopes - computed: true, optional: true, required: false
  private _scopes?: string[]; 
  public get scopes() {
    return this.getListAttribute('scopes');
  }
  public set scopes(value: string[]) {
    this._scopes = value;
  }
  public resetScopes() {
    this._scopes = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get scopesInput() {
    return this._scopes;
  }

  // spend_limits - computed: false, optional: false, required: true
  private _spendLimits?: string[]; 
  public get spendLimits() {
    return this.getListAttribute('spend_limits');
  }
  public set spendLimits(value: string[]) {
    this._spendLimits = value;
  }
  // Temporarily expose input value. Use with caution.
  public get spendLimitsInput() {
    return this._spendLimits;
  }

  // timeouts - computed: false, optional: true, required: false
  private _timeouts = new DepositAuthorizationTimeoutsOutputReference(this, "timeouts");
  public get timeouts() {
    return this._timeouts;
  }
  public putTimeouts(value: DepositAuthorizationTimeouts) {
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
      scopes: cdktf.listMapper(cdktf.stringToTerraform, false)(this._scopes),
      spend_limits: cdktf.listMapper(cdktf.stringToTerraform, false)(this._spendLimits),
      timeouts: depositAuthorizationTimeoutsToTerraform(this._timeouts.internalValue),
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
      scopes: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._scopes),
        isBlock: false,
        type: "list",
        storageClassType: "stringList",
      },
      spend_limits: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._spendLimits),
        isBlock: false,
        type: "list",
        storageClassType: "stringList",
      },
      timeouts: {
        value: depositAuthorizationTimeoutsToHclTerraform(this._timeouts.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "DepositAuthorizationTimeouts",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
