/**
 * The CDK frameworks the L1 bindings are generated for: cdktf 0.21 (HashiCorp, archived) and its community fork CDK
 * Terrain (cdktn 0.24). Each has its own binding generator, run on the same schema; they differ in the library the
 * bindings import and in the npm package the constructs are published as.
 */
export interface CdkFramework {
  /** The core library the bindings import (`import * as cdktn from 'cdktn'`). */
  library: "cdktf" | "cdktn";
  /** Its binding generator (what `cdktf get` / `cdktn get` run). */
  generator: "@cdktf/provider-generator" | "@cdktn/provider-generator";
  /** Its common utilities, a dependency of the generator (provider constraints, targets). */
  commons: "@cdktf/commons" | "@cdktn/commons";
  /** The npm package our constructs are published as for this framework. */
  packageName: "akash-cdktf" | "akash-cdktn";
  /** Human name, for messages. */
  title: string;
  /** What writes its bindings (named in their header). */
  generatedBy: string;
}

export const CDKTF: CdkFramework = {
  library: "cdktf",
  generator: "@cdktf/provider-generator",
  commons: "@cdktf/commons",
  packageName: "akash-cdktf",
  title: "CDKTF",
  generatedBy: "`npm run generate`",
};

export const CDKTN: CdkFramework = {
  library: "cdktn",
  generator: "@cdktn/provider-generator",
  commons: "@cdktn/commons",
  packageName: "akash-cdktn",
  title: "CDK Terrain (cdktn)",
  generatedBy: "`npm run build:constructs -- --framework cdktn`",
};
