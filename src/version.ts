declare const __AKASH_CDKTF_VERSION__: string | undefined;

/** The package version, baked in by the bundler (scripts/build.mjs); "0.0.0-dev" when running from sources. */
export const VERSION: string =
  typeof __AKASH_CDKTF_VERSION__ === "string" ? __AKASH_CDKTF_VERSION__ : "0.0.0-dev";
