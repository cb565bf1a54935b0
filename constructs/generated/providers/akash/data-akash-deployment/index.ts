// https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/data-sources/deployment
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface DataAkashDeploymentConfig extends cdktf.TerraformMetaArguments {
  /**
  * Deployment sequence number.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/data-sources/deployment#dseq DataAkashDeployment#dseq}
  */
  readonly dseq: string;
  /**
  * Owner; defaults to the provider's signing key.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/data-sources/deployment#owner DataAkashDeployment#owner}
  */
  readonly owner?: string;
}
export interface DataAkashDeploymentLeases {
}

export function dataAkashDeploymentLeasesToTerraform(struct?: DataAkashDeploymentLeases): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function dataAkashDeploymentLeasesToHclTerraform(struct?: DataAkashDeploymentLeases): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class DataAkashDeploymentLeasesOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): DataAkashDeploymentLeases | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: DataAkashDeploymentLeases | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // gseq - computed: true, optional: false, required: false
  public get gseq() {
    return this.getNumberAttribute('gseq');
  }

  // oseq - computed: true, optional: false, required: false
  public get oseq() {
    return this.getNumberAttribute('oseq');
  }

  // price - computed: true, optional: false, required: false
  public get price() {
    return this.getStringAttribute('price');
  }

  // provider - computed: true, optional: false, required: false
  public get provider() {
    return this.getStringAttribute('provider');
  }

  // state - computed: true, optional: false, required: false
  public get state() {
    return this.getStringAttribute('state');
  }
}

export class DataAkashDeploymentLeasesList extends cdktf.ComplexList {

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
  public get(index: number): DataAkashDeploymentLeasesOutputReference {
    return new DataAkashDeploymentLeasesOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/data-sources/deployment akash_deployment}
*/
export class DataAkashDeployment extends cdktf.TerraformDataSource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "akash_deployment";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a DataAkashDeployment resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the DataAkashDeployment to import
  * @param importFromId The id of the existing DataAkashDeployment that should be imported. Refer to the {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/data-sources/deployment import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the DataAkashDeployment to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "akash_deployment", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/data-sources/deployment akash_deployment} Data Source
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options DataAkashDeploymentConfig
  */
  public constructor(scope: Construct, id: string, config: DataAkashDeploymentConfig) {
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
    this._dseq = config.dseq;
    this._owner = config.owner;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // dseq - computed: false, optional: false, required: true
  private _dseq?: string; 
  public get dseq() {
    return this.getStringAttribute('dseq');
  }
  public set dseq(value: string) {
    this._dseq = value;
  }
  // Temporarily expose input value. Use with caution.
  public get dseqInput() {
    return this._dseq;
  }

  // escrow_funds - computed: true, optional: false, required: false
  public get escrowFunds() {
    return this.getListAttribute('escrow_funds');
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

  // leases - computed: true, optional: false, required: false
  private _leases = new DataAkashDeploymentLeasesList(this, "leases", false);
  public get leases() {
    return this._leases;
  }

  // owner - computed: true, optional: true, required: false
  private _owner?: string; 
  public get owner() {
    return this.getStringAttribute('owner');
  }
  public set owner(value: string) {
    this._owner = value;
  }
  public resetOwner() {
    this._owner = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ownerInput() {
    return this._owner;
  }

  // state - computed: true, optional: false, required: false
  public get state() {
    return this.getStringAttribute('state');
  }

  // =========
  // SYNTHESIS
  // =========

  protected override synthesizeAttributes(): { [name: string]: any } {
    return {
      dseq: cdktf.stringToTerraform(this._dseq),
      owner: cdktf.stringToTerraform(this._owner),
    };
  }

  protected override synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      dseq: {
        value: cdktf.stringToHclTerraform(this._dseq),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      owner: {
        value: cdktf.stringToHclTerraform(this._owner),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
