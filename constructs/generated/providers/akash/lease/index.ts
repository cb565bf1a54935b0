// https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface LeaseConfig extends cdktf.TerraformMetaArguments {
  /**
  * With `provider_auth = "mtls"`: the certificate (`akash_certificate.x.cert_pem`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#client_certificate_pem Lease#client_certificate_pem}
  */
  readonly clientCertificatePem?: string;
  /**
  * With `provider_auth = "mtls"`: its private key (`akash_certificate.x.private_key_pem`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#client_private_key_pem Lease#client_private_key_pem}
  */
  readonly clientPrivateKeyPem?: string;
  /**
  * The deployment's `dseq` (`akash_deployment.x.dseq`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#dseq Lease#dseq}
  */
  readonly dseq: string;
  /**
  * Group sequence: 1 for the first group of the SDL (see `akash_deployment.x.groups`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#gseq Lease#gseq}
  */
  readonly gseq?: number;
  /**
  * The manifest to send (`akash_deployment.x.manifest_json`). When it changes, it is re-sent to the provider in place. Sensitive: it holds env values (see `akash_deployment.x.manifest_summary`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#manifest Lease#manifest}
  */
  readonly manifest: string;
  /**
  * How to authenticate to the provider: `jwt` (default; short-lived tokens signed by the owner's key) or `mtls` (the owner's on-chain certificate: set `client_certificate_pem` and `client_private_key_pem`, e.g. from `akash_certificate`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#provider_auth Lease#provider_auth}
  */
  readonly providerAuth?: string;
  /**
  * bid_policy block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#bid_policy Lease#bid_policy}
  */
  readonly bidPolicy?: LeaseBidPolicy;
  /**
  * timeouts block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#timeouts Lease#timeouts}
  */
  readonly timeouts?: LeaseTimeouts;
}
export interface LeaseForwardedPorts {
}

export function leaseForwardedPortsToTerraform(struct?: LeaseForwardedPorts): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function leaseForwardedPortsToHclTerraform(struct?: LeaseForwardedPorts): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class LeaseForwardedPortsOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): LeaseForwardedPorts | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: LeaseForwardedPorts | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // external_port - computed: true, optional: false, required: false
  public get externalPort() {
    return this.getNumberAttribute('external_port');
  }

  // host - computed: true, optional: false, required: false
  public get host() {
    return this.getStringAttribute('host');
  }

  // port - computed: true, optional: false, required: false
  public get port() {
    return this.getNumberAttribute('port');
  }

  // proto - computed: true, optional: false, required: false
  public get proto() {
    return this.getStringAttribute('proto');
  }

  // service - computed: true, optional: false, required: false
  public get service() {
    return this.getStringAttribute('service');
  }
}

export class LeaseForwardedPortsList extends cdktf.ComplexList {

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
  public get(index: number): LeaseForwardedPortsOutputReference {
    return new LeaseForwardedPortsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface LeaseIps {
}

export function leaseIpsToTerraform(struct?: LeaseIps): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function leaseIpsToHclTerraform(struct?: LeaseIps): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class LeaseIpsOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): LeaseIps | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: LeaseIps | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // external_port - computed: true, optional: false, required: false
  public get externalPort() {
    return this.getNumberAttribute('external_port');
  }

  // ip - computed: true, optional: false, required: false
  public get ip() {
    return this.getStringAttribute('ip');
  }

  // port - computed: true, optional: false, required: false
  public get port() {
    return this.getNumberAttribute('port');
  }

  // protocol - computed: true, optional: false, required: false
  public get protocol() {
    return this.getStringAttribute('protocol');
  }

  // service - computed: true, optional: false, required: false
  public get service() {
    return this.getStringAttribute('service');
  }
}

export class LeaseIpsList extends cdktf.ComplexList {

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
  public get(index: number): LeaseIpsOutputReference {
    return new LeaseIpsOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface LeaseLeasedResources {
}

export function leaseLeasedResourcesToTerraform(struct?: LeaseLeasedResources): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function leaseLeasedResourcesToHclTerraform(struct?: LeaseLeasedResources): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class LeaseLeasedResourcesOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): LeaseLeasedResources | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: LeaseLeasedResources | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // count - computed: true, optional: false, required: false
  public get count() {
    return this.getNumberAttribute('count');
  }

  // cpu - computed: true, optional: false, required: false
  public get cpu() {
    return this.getStringAttribute('cpu');
  }

  // gpu - computed: true, optional: false, required: false
  public get gpu() {
    return this.getNumberAttribute('gpu');
  }

  // gpu_interface - computed: true, optional: false, required: false
  public get gpuInterface() {
    return this.getStringAttribute('gpu_interface');
  }

  // gpu_model - computed: true, optional: false, required: false
  public get gpuModel() {
    return this.getStringAttribute('gpu_model');
  }

  // gpu_ram - computed: true, optional: false, required: false
  public get gpuRam() {
    return this.getStringAttribute('gpu_ram');
  }

  // gpu_vendor - computed: true, optional: false, required: false
  public get gpuVendor() {
    return this.getStringAttribute('gpu_vendor');
  }

  // memory - computed: true, optional: false, required: false
  public get memory() {
    return this.getStringAttribute('memory');
  }

  // service - computed: true, optional: false, required: false
  public get service() {
    return this.getStringAttribute('service');
  }

  // storage - computed: true, optional: false, required: false
  public get storage() {
    return this.getListAttribute('storage');
  }
}

export class LeaseLeasedResourcesList extends cdktf.ComplexList {

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
  public get(index: number): LeaseLeasedResourcesOutputReference {
    return new LeaseLeasedResourcesOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface LeaseServices {
}

export function leaseServicesToTerraform(struct?: LeaseServices): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
  }
}


export function leaseServicesToHclTerraform(struct?: LeaseServices): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
  };
  return attrs;
}

export class LeaseServicesOutputReference extends cdktf.ComplexObject {
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

  public get internalValue(): LeaseServices | undefined {
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: LeaseServices | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
    }
  }

  // available - computed: true, optional: false, required: false
  public get available() {
    return this.getNumberAttribute('available');
  }

  // name - computed: true, optional: false, required: false
  public get name() {
    return this.getStringAttribute('name');
  }

  // replicas - computed: true, optional: false, required: false
  public get replicas() {
    return this.getNumberAttribute('replicas');
  }

  // total - computed: true, optional: false, required: false
  public get total() {
    return this.getNumberAttribute('total');
  }

  // uris - computed: true, optional: false, required: false
  public get uris() {
    return this.getListAttribute('uris');
  }
}

export class LeaseServicesList extends cdktf.ComplexList {

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
  public get(index: number): LeaseServicesOutputReference {
    return new LeaseServicesOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface LeaseBidPolicy {
  /**
  * Only these providers.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#allowed_providers Lease#allowed_providers}
  */
  readonly allowedProviders?: string[];
  /**
  * Accept only providers audited by one of these auditors.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#audited_by Lease#audited_by}
  */
  readonly auditedBy?: string[];
  /**
  * After the first acceptable bid, how long to keep collecting bids before choosing (default `5s`); it ends early once every provider that can serve the placement has bid.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#collect Lease#collect}
  */
  readonly collect?: string;
  /**
  * Never these providers.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#denied_providers Lease#denied_providers}
  */
  readonly deniedProviders?: string[];
  /**
  * Accept only providers offering one of these GPU models (e.g. `h100`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#gpu_models Lease#gpu_models}
  */
  readonly gpuModels?: string[];
  /**
  * Highest price per block per denom, e.g. `{ uact = "1000" }`. Deployments are priced in `uact`, so every bid is in uact: a cap in any other denom would cap nothing and is an error; a bid in a denom without a cap is rejected.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#max_price Lease#max_price}
  */
  readonly maxPrice?: { [key: string]: string };
  /**
  * Accept only bids that offer at least this reclamation window (AEP-82), e.g. `24h`: a provider taking its resources back must then announce it and keep the lease running this long. The SDL's `reclamation.min_window` makes the chain itself require a window; this filter adds to it.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#min_reclamation_window Lease#min_reclamation_window}
  */
  readonly minReclamationWindow?: string;
  /**
  * Order of preference for `strategy = "preferred"`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#preferred_providers Lease#preferred_providers}
  */
  readonly preferredProviders?: string[];
  /**
  * Set to `true` for an SDL that uses a field today's providers (chain-sdk go v0.2.16) drop (`http_options.proxy_buffer_size`, `params.tee`): they would refuse the manifest after the lease is paid for, so the plan is an error without this. With it, only providers whose `GET /version` shows they keep every field of the manifest can win (bids of the others are always rejected, with the reason).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#require_manifest_support Lease#require_manifest_support}
  */
  readonly requireManifestSupport?: boolean | cdktf.IResolvable;
  /**
  * Provider attributes that must match, e.g. `{ region = "us-west" }`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#required_attributes Lease#required_attributes}
  */
  readonly requiredAttributes?: { [key: string]: string };
  /**
  * `cheapest` (default), `first` (first acceptable bid) or `preferred` (by `preferred_providers`, then cheapest).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#strategy Lease#strategy}
  */
  readonly strategy?: string;
  /**
  * How long to wait for an acceptable bid (default `2m`). When every bid on the order was withdrawn meanwhile (providers withdraw unanswered bids after their bid timeout), the order is replaced by a new one (MsgPauseGroup + MsgStartGroup) and the wait goes on.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#wait Lease#wait}
  */
  readonly wait?: string;
}

export function leaseBidPolicyToTerraform(struct?: LeaseBidPolicy | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    allowed_providers: cdktf.listMapper(cdktf.stringToTerraform, false)(struct!.allowedProviders),
    audited_by: cdktf.listMapper(cdktf.stringToTerraform, false)(struct!.auditedBy),
    collect: cdktf.stringToTerraform(struct!.collect),
    denied_providers: cdktf.listMapper(cdktf.stringToTerraform, false)(struct!.deniedProviders),
    gpu_models: cdktf.listMapper(cdktf.stringToTerraform, false)(struct!.gpuModels),
    max_price: cdktf.hashMapper(cdktf.stringToTerraform)(struct!.maxPrice),
    min_reclamation_window: cdktf.stringToTerraform(struct!.minReclamationWindow),
    preferred_providers: cdktf.listMapper(cdktf.stringToTerraform, false)(struct!.preferredProviders),
    require_manifest_support: cdktf.booleanToTerraform(struct!.requireManifestSupport),
    required_attributes: cdktf.hashMapper(cdktf.stringToTerraform)(struct!.requiredAttributes),
    strategy: cdktf.stringToTerraform(struct!.strategy),
    wait: cdktf.stringToTerraform(struct!.wait),
  }
}


export function leaseBidPolicyToHclTerraform(struct?: LeaseBidPolicy | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    allowed_providers: {
      value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(struct!.allowedProviders),
      isBlock: false,
      type: "list",
      storageClassType: "stringList",
    },
    audited_by: {
      value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(struct!.auditedBy),
      isBlock: false,
      type: "list",
      storageClassType: "stringList",
    },
    collect: {
      value: cdktf.stringToHclTerraform(struct!.collect),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    denied_providers: {
      value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(struct!.deniedProviders),
      isBlock: false,
      type: "list",
      storageClassType: "stringList",
    },
    gpu_models: {
      value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(struct!.gpuModels),
      isBlock: false,
      type: "list",
      storageClassType: "stringList",
    },
    max_price: {
      value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(struct!.maxPrice),
      isBlock: false,
      type: "map",
      storageClassType: "stringMap",
    },
    min_reclamation_window: {
      value: cdktf.stringToHclTerraform(struct!.minReclamationWindow),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    preferred_providers: {
      value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(struct!.preferredProviders),
      isBlock: false,
      type: "list",
      storageClassType: "stringList",
    },
    require_manifest_support: {
      value: cdktf.booleanToHclTerraform(struct!.requireManifestSupport),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    required_attributes: {
      value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(struct!.requiredAttributes),
      isBlock: false,
      type: "map",
      storageClassType: "stringMap",
    },
    strategy: {
      value: cdktf.stringToHclTerraform(struct!.strategy),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    wait: {
      value: cdktf.stringToHclTerraform(struct!.wait),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class LeaseBidPolicyOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): LeaseBidPolicy | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._allowedProviders !== undefined) {
      hasAnyValues = true;
      internalValueResult.allowedProviders = this._allowedProviders;
    }
    if (this._auditedBy !== undefined) {
      hasAnyValues = true;
      internalValueResult.auditedBy = this._auditedBy;
    }
    if (this._collect !== undefined) {
      hasAnyValues = true;
      internalValueResult.collect = this._collect;
    }
    if (this._deniedProviders !== undefined) {
      hasAnyValues = true;
      internalValueResult.deniedProviders = this._deniedProviders;
    }
    if (this._gpuModels !== undefined) {
      hasAnyValues = true;
      internalValueResult.gpuModels = this._gpuModels;
    }
    if (this._maxPrice !== undefined) {
      hasAnyValues = true;
      internalValueResult.maxPrice = this._maxPrice;
    }
    if (this._minReclamationWindow !== undefined) {
      hasAnyValues = true;
      internalValueResult.minReclamationWindow = this._minReclamationWindow;
    }
    if (this._preferredProviders !== undefined) {
      hasAnyValues = true;
      internalValueResult.preferredProviders = this._preferredProviders;
    }
    if (this._requireManifestSupport !== undefined) {
      hasAnyValues = true;
      internalValueResult.requireManifestSupport = this._requireManifestSupport;
    }
    if (this._requiredAttributes !== undefined) {
      hasAnyValues = true;
      internalValueResult.requiredAttributes = this._requiredAttributes;
    }
    if (this._strategy !== undefined) {
      hasAnyValues = true;
      internalValueResult.strategy = this._strategy;
    }
    if (this._wait !== undefined) {
      hasAnyValues = true;
      internalValueResult.wait = this._wait;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: LeaseBidPolicy | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._allowedProviders = undefined;
      this._auditedBy = undefined;
      this._collect = undefined;
      this._deniedProviders = undefined;
      this._gpuModels = undefined;
      this._maxPrice = undefined;
      this._minReclamationWindow = undefined;
      this._preferredProviders = undefined;
      this._requireManifestSupport = undefined;
      this._requiredAttributes = undefined;
      this._strategy = undefined;
      this._wait = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._allowedProviders = value.allowedProviders;
      this._auditedBy = value.auditedBy;
      this._collect = value.collect;
      this._deniedProviders = value.deniedProviders;
      this._gpuModels = value.gpuModels;
      this._maxPrice = value.maxPrice;
      this._minReclamationWindow = value.minReclamationWindow;
      this._preferredProviders = value.preferredProviders;
      this._requireManifestSupport = value.requireManifestSupport;
      this._requiredAttributes = value.requiredAttributes;
      this._strategy = value.strategy;
      this._wait = value.wait;
    }
  }

  // allowed_providers - computed: false, optional: true, required: false
  private _allowedProviders?: string[]; 
  public get allowedProviders() {
    return this.getListAttribute('allowed_providers');
  }
  public set allowedProviders(value: string[]) {
    this._allowedProviders = value;
  }
  public resetAllowedProviders() {
    this._allowedProviders = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get allowedProvidersInput() {
    return this._allowedProviders;
  }

  // audited_by - computed: false, optional: true, required: false
  private _auditedBy?: string[]; 
  public get auditedBy() {
    return this.getListAttribute('audited_by');
  }
  public set auditedBy(value: string[]) {
    this._auditedBy = value;
  }
  public resetAuditedBy() {
    this._auditedBy = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get auditedByInput() {
    return this._auditedBy;
  }

  // collect - computed: false, optional: true, required: false
  private _collect?: string; 
  public get collect() {
    return this.getStringAttribute('collect');
  }
  public set collect(value: string) {
    this._collect = value;
  }
  public resetCollect() {
    this._collect = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get collectInput() {
    return this._collect;
  }

  // denied_providers - computed: false, optional: true, required: false
  private _deniedProviders?: string[]; 
  public get deniedProviders() {
    return this.getListAttribute('denied_providers');
  }
  public set deniedProviders(value: string[]) {
    this._deniedProviders = value;
  }
  public resetDeniedProviders() {
    this._deniedProviders = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get deniedProvidersInput() {
    return this._deniedProviders;
  }

  // gpu_models - computed: false, optional: true, required: false
  private _gpuModels?: string[]; 
  public get gpuModels() {
    return this.getListAttribute('gpu_models');
  }
  public set gpuModels(value: string[]) {
    this._gpuModels = value;
  }
  public resetGpuModels() {
    this._gpuModels = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get gpuModelsInput() {
    return this._gpuModels;
  }

  // max_price - computed: false, optional: true, required: false
  private _maxPrice?: { [key: string]: string }; 
  public get maxPrice() {
    return this.getStringMapAttribute('max_price');
  }
  public set maxPrice(value: { [key: string]: string }) {
    this._maxPrice = value;
  }
  public resetMaxPrice() {
    this._maxPrice = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get maxPriceInput() {
    return this._maxPrice;
  }

  // min_reclamation_window - computed: false, optional: true, required: false
  private _minReclamationWindow?: string; 
  public get minReclamationWindow() {
    return this.getStringAttribute('min_reclamation_window');
  }
  public set minReclamationWindow(value: string) {
    this._minReclamationWindow = value;
  }
  public resetMinReclamationWindow() {
    this._minReclamationWindow = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get minReclamationWindowInput() {
    return this._minReclamationWindow;
  }

  // preferred_providers - computed: false, optional: true, required: false
  private _preferredProviders?: string[]; 
  public get preferredProviders() {
    return this.getListAttribute('preferred_providers');
  }
  public set preferredProviders(value: string[]) {
    this._preferredProviders = value;
  }
  public resetPreferredProviders() {
    this._preferredProviders = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get preferredProvidersInput() {
    return this._preferredProviders;
  }

  // require_manifest_support - computed: false, optional: true, required: false
  private _requireManifestSupport?: boolean | cdktf.IResolvable; 
  public get requireManifestSupport() {
    return this.getBooleanAttribute('require_manifest_support');
  }
  public set requireManifestSupport(value: boolean | cdktf.IResolvable) {
    this._requireManifestSupport = value;
  }
  public resetRequireManifestSupport() {
    this._requireManifestSupport = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get requireManifestSupportInput() {
    return this._requireManifestSupport;
  }

  // required_attributes - computed: false, optional: true, required: false
  private _requiredAttributes?: { [key: string]: string }; 
  public get requiredAttributes() {
    return this.getStringMapAttribute('required_attributes');
  }
  public set requiredAttributes(value: { [key: string]: string }) {
    this._requiredAttributes = value;
  }
  public resetRequiredAttributes() {
    this._requiredAttributes = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get requiredAttributesInput() {
    return this._requiredAttributes;
  }

  // strategy - computed: false, optional: true, required: false
  private _strategy?: string; 
  public get strategy() {
    return this.getStringAttribute('strategy');
  }
  public set strategy(value: string) {
    this._strategy = value;
  }
  public resetStrategy() {
    this._strategy = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get strategyInput() {
    return this._strategy;
  }

  // wait - computed: false, optional: true, required: false
  private _wait?: string; 
  public get wait() {
    return this.getStringAttribute('wait');
  }
  public set wait(value: string) {
    this._wait = value;
  }
  public resetWait() {
    this._wait = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get waitInput() {
    return this._wait;
  }
}
export interface LeaseTimeouts {
  /**
  * How long to wait for the create before giving up, as a duration such as `30s`, `20m` or `1h30m`. Default: `15m`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#create Lease#create}
  */
  readonly create?: string;
  /**
  * How long to wait for the delete before giving up, as a duration such as `30s`, `20m` or `1h30m`. Default: `5m`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#delete Lease#delete}
  */
  readonly delete?: string;
  /**
  * How long to wait for the update before giving up, as a duration such as `30s`, `20m` or `1h30m`. Default: `10m`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#update Lease#update}
  */
  readonly update?: string;
}

export function leaseTimeoutsToTerraform(struct?: LeaseTimeouts | cdktf.IResolvable): any {
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


export function leaseTimeoutsToHclTerraform(struct?: LeaseTimeouts | cdktf.IResolvable): any {
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

export class LeaseTimeoutsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): LeaseTimeouts | cdktf.IResolvable | undefined {
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

  public set internalValue(value: LeaseTimeouts | cdktf.IResolvable | undefined) {
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
* Represents a {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease akash_lease}
*/
export class Lease extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "akash_lease";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Lease resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Lease to import
  * @param importFromId The id of the existing Lease that should be imported. Refer to the {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Lease to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "akash_lease", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/akash-cdktf/akash/0.1.0/docs/resources/lease akash_lease} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options LeaseConfig
  */
  public constructor(scope: Construct, id: string, config: LeaseConfig) {
    super(scope, id, {
      terraformResourceType: 'akash_lease',
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
    this._clientCertificatePem = config.clientCertificatePem;
    this._clientPrivateKeyPem = config.clientPrivateKeyPem;
    this._dseq = config.dseq;
    this._gseq = config.gseq;
    this._manifest = config.manifest;
    this._providerAuth = config.providerAuth;
    this._bidPolicy.internalValue = config.bidPolicy;
    this._timeouts.internalValue = config.timeouts;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // client_certificate_pem - computed: false, optional: true, required: false
  private _clientCertificatePem?: string; 
  public get clientCertificatePem() {
    return this.getStringAttribute('client_certificate_pem');
  }
  public set clientCertificatePem(value: string) {
    this._clientCertificatePem = value;
  }
  public resetClientCertificatePem() {
    this._clientCertificatePem = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get clientCertificatePemInput() {
    return this._clientCertificatePem;
  }

  // client_private_key_pem - computed: false, optional: true, required: false
  private _clientPrivateKeyPem?: string; 
  public get clientPrivateKeyPem() {
    return this.getStringAttribute('client_private_key_pem');
  }
  public set clientPrivateKeyPem(value: string) {
    this._clientPrivateKeyPem = value;
  }
  public resetClientPrivateKeyPem() {
    this._clientPrivateKeyPem = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get clientPrivateKeyPemInput() {
    return this._clientPrivateKeyPem;
  }

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

  // forwarded_ports - computed: true, optional: false, required: false
  private _forwardedPorts = new LeaseForwardedPortsList(this, "forwarded_ports", false);
  public get forwardedPorts() {
    return this._forwardedPorts;
  }

  // gseq - computed: true, optional: true, required: false
  private _gseq?: number; 
  public get gseq() {
    return this.getNumberAttribute('gseq');
  }
  public set gseq(value: number) {
    this._gseq = value;
  }
  public resetGseq() {
    this._gseq = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get gseqInput() {
    return this._gseq;
  }

  // host_uri - computed: true, optional: false, required: false
  public get hostUri() {
    return this.getStringAttribute('host_uri');
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // ips - computed: true, optional: false, required: false
  private _ips = new LeaseIpsList(this, "ips", false);
  public get ips() {
    return this._ips;
  }

  // leased_resources - computed: true, optional: false, required: false
  private _leasedResources = new LeaseLeasedResourcesList(this, "leased_resources", false);
  public get leasedResources() {
    return this._leasedResources;
  }

  // manifest - computed: false, optional: false, required: true
  private _manifest?: string; 
  public get manifest() {
    return this.getStringAttribute('manifest');
  }
  public set manifest(value: string) {
    this._manifest = value;
  }
  // Temporarily expose input value. Use with caution.
  public get manifestInput() {
    return this._manifest;
  }

  // oseq - computed: true, optional: false, required: false
  public get oseq() {
    return this.getNumberAttribute('oseq');
  }

  // owner - computed: true, optional: false, required: false
  public get owner() {
    return this.getStringAttribute('owner');
  }

  // price - computed: true, optional: false, required: false
  public get price() {
    return this.getStringAttribute('price');
  }

  // provider_address - computed: true, optional: false, required: false
  public get providerAddress() {
    return this.getStringAttribute('provider_address');
  }

  // provider_auth - computed: true, optional: true, required: false
  private _providerAuth?: string; 
  public get providerAuth() {
    return this.getStringAttribute('provider_auth');
  }
  public set providerAuth(value: string) {
    this._providerAuth = value;
  }
  public resetProviderAuth() {
    this._providerAuth = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get providerAuthInput() {
    return this._providerAuth;
  }

  // reclaim_deadline - computed: true, optional: false, required: false
  public get reclaimDeadline() {
    return this.getStringAttribute('reclaim_deadline');
  }

  // reclamation_window - computed: true, optional: false, required: false
  public get reclamationWindow() {
    return this.getStringAttribute('reclamation_window');
  }

  // services - computed: true, optional: false, required: false
  private _services = new LeaseServicesList(this, "services", false);
  public get services() {
    return this._services;
  }

  // state - computed: true, optional: false, required: false
  public get state() {
    return this.getStringAttribute('state');
  }

  // uris - computed: true, optional: false, required: false
  public get uris() {
    return this.getListAttribute('uris');
  }

  // bid_policy - computed: false, optional: true, required: false
  private _bidPolicy = new LeaseBidPolicyOutputReference(this, "bid_policy");
  public get bidPolicy() {
    return this._bidPolicy;
  }
  public putBidPolicy(value: LeaseBidPolicy) {
    this._bidPolicy.internalValue = value;
  }
  public resetBidPolicy() {
    this._bidPolicy.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get bidPolicyInput() {
    return this._bidPolicy.internalValue;
  }

  // timeouts - computed: false, optional: true, required: false
  private _timeouts = new LeaseTimeoutsOutputReference(this, "timeouts");
  public get timeouts() {
    return this._timeouts;
  }
  public putTimeouts(value: LeaseTimeouts) {
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
      client_certificate_pem: cdktf.stringToTerraform(this._clientCertificatePem),
      client_private_key_pem: cdktf.stringToTerraform(this._clientPrivateKeyPem),
      dseq: cdktf.stringToTerraform(this._dseq),
      gseq: cdktf.numberToTerraform(this._gseq),
      manifest: cdktf.stringToTerraform(this._manifest),
      provider_auth: cdktf.stringToTerraform(this._providerAuth),
      bid_policy: leaseBidPolicyToTerraform(this._bidPolicy.internalValue),
      timeouts: leaseTimeoutsToTerraform(this._timeouts.internalValue),
    };
  }

  protected override synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      client_certificate_pem: {
        value: cdktf.stringToHclTerraform(this._clientCertificatePem),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      client_private_key_pem: {
        value: cdktf.stringToHclTerraform(this._clientPrivateKeyPem),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      dseq: {
        value: cdktf.stringToHclTerraform(this._dseq),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      gseq: {
        value: cdktf.numberToHclTerraform(this._gseq),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      manifest: {
        value: cdktf.stringToHclTerraform(this._manifest),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      provider_auth: {
        value: cdktf.stringToHclTerraform(this._providerAuth),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      bid_policy: {
        value: leaseBidPolicyToHclTerraform(this._bidPolicy.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "LeaseBidPolicy",
      },
      timeouts: {
        value: leaseTimeoutsToHclTerraform(this._timeouts.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "LeaseTimeouts",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
