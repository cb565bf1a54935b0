/**
 * The `akash-cdktf` package entry point for CDKTF apps: the generated L1 bindings and the hand-written L2
 * constructs.
 */
export * from "./generated";
export * from "./service-spec";
export * from "./sdl-document";
export * from "./akash-deployment";
export * from "./akash-service";
