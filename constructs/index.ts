/**
 * The `akash-cdktf` package entry point for CDKTF apps. The generated L1 bindings and the hand-written L2
 * constructs are exported from here (see issue 6); until then the package exposes nothing to CDKTF users.
 */
export {};
