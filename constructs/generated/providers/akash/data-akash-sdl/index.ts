// https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/data-sources/sdl
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface DataAkashSdlConfig extends cdktf.TerraformMetaArguments {
  /**
  * The SDL document, as YAML text (e.g. `file("deploy.yaml")`). Sensitive: its env values may be secrets.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/data-sources/sdl#sdl DataAkashSdl#sdl}
  */
  readonly sdl: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/data-sources/sdl akash_sdl}
*/
export class DataAkashSdl extends cdktf.TerraformDataSource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "akash_sdl";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a DataAkashSdl resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the DataAkashSdl to import
  * @param importFromId The id of the existing DataAkashSdl that should be imported. Refer to the {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/data-sources/sdl import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the DataAkashSdl to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "akash_sdl", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/data-sources/sdl akash_sdl} Data Source
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options DataAkashSdlConfig
  */
  public constructor(scope: Construct, id: string, config: DataAkashSdlConfig) {
    super(scope, id, {
      terraformResourceType: 'akash_sdl',
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
    this._sdl = config.sdl;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // denom - computed: true, optional: false, required: false
  public get denom() {
    return this.getStringAttribute('denom');
  }

  // group_specs_json - computed: true, optional: false, required: false
  public get groupSpecsJson() {
    return this.getStringAttribute('group_specs_json');
  }

  // groups - computed: true, optional: false, required: false
  public get groups() {
    return this.getListAttribute('groups');
  }

  // hash - computed: true, optional: false, required: false
  public get hash() {
    return this.getStringAttribute('hash');
  }

  // manifest_json - computed: true, optional: false, required: false
  public get manifestJson() {
    return this.getStringAttribute('manifest_json');
  }

  // manifest_summary - computed: true, optional: false, required: false
  public get manifestSummary() {
    return this.getListAttribute('manifest_summary');
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

  // =========
  // SYNTHESIS
  // =========

  protected override synthesizeAttributes(): { [name: string]: any } {
    return {
      sdl: cdktf.stringToTerraform(this._sdl),
    };
  }

  protected override synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      sdl: {
        value: cdktf.stringToHclTerraform(this._sdl),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
