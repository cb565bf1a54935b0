/** The `unit` project's default per-test timeout: these tests run in-process, so a slow one is a hang. */
jest.setTimeout(10_000);
