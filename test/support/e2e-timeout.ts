/**
 * The `e2e` project's default per-test (and hook) timeout: a localnet, terraform and provider processes on a
 * 2-core machine that something else keeps busy. Tests wait by polling, so a generous bound costs nothing when
 * they pass.
 */
jest.setTimeout(300_000);
