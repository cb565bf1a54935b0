/** hclog JSON lines: the shape go-plugin re-levels, and level selection from TF_LOG / TF_LOG_PROVIDER. */
import { HclogLogger, hclogTimestamp, levelFromEnv } from "../../../src/protocol/log";

describe("hclog logger", () => {
  test("writes one JSON object per line with @level, @message, @module and a microsecond timestamp", () => {
    const lines: string[] = [];
    const log = new HclogLogger((l) => lines.push(l), 0).with({ resource: "akash_deployment" });
    log.debug("planned", { dseq: 12n, ok: true });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith("\n")).toBe(true);
    const rec = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(rec).toMatchObject({
      "@level": "debug",
      "@message": "planned",
      "@module": "provider",
      resource: "akash_deployment",
      dseq: "12",
      ok: true,
    });
    expect(rec["@timestamp"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  test("timestamp layout is 2006-01-02T15:04:05.000000Z07:00", () => {
    expect(hclogTimestamp(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 67)))).toBe("2026-01-02T03:04:05.067000Z");
  });

  test("levels below the threshold are dropped", () => {
    const lines: string[] = [];
    const log = new HclogLogger((l) => lines.push(l), levelFromEnv({ TF_LOG: "info" }));
    log.debug("hidden");
    log.info("shown");
    log.error("shown too");
    expect(lines.map((l) => (JSON.parse(l) as { "@message": string })["@message"])).toEqual([
      "shown",
      "shown too",
    ]);
  });

  test("TF_LOG_PROVIDER wins over TF_LOG; unset means warnings and errors only", () => {
    expect(levelFromEnv({ TF_LOG: "trace", TF_LOG_PROVIDER: "error" })).toBe(4);
    expect(levelFromEnv({ TF_LOG: "DEBUG" })).toBe(1);
    expect(levelFromEnv({ TF_LOG: "json" })).toBe(0);
    expect(levelFromEnv({})).toBe(3);
    expect(levelFromEnv({ TF_LOG: "off" })).toBe(5);
  });
});
