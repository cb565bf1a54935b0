import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runSdlCommand } from "../../../src/cli/commands/sdl";
import { compileSdl } from "../../../src/sdl";
import { validCases } from "./fixture-cases";

const dir = mkdtempSync(join(tmpdir(), "sdl-cli-"));
const good = join(dir, "deploy.yaml");
const bad = join(dir, "bad.yaml");
const { yaml } = validCases().find((c) => c.name === "v2.0/simple")!;
writeFileSync(good, yaml);
writeFileSync(bad, yaml.replace("port: 12345", "port: 0").replace("image: nginx", "image: ''"));

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSdlCommand(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

test("sdl manifest prints the exact manifest JSON", async () => {
  expect(await run("manifest", good)).toEqual({ code: 0, stdout: compileSdl(yaml).manifestJson, stderr: "" });
});

test("sdl groups prints pretty Go-JSON group specs", async () => {
  const result = await run("groups", good);
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual(compileSdl(yaml).groupSpecsGoJson);
  expect(result.stdout).toContain('\n  {\n    "name": "westcoast"');
});

test("sdl hash prints the hex hash", async () => {
  const result = await run("hash", good);
  expect(result).toEqual({ code: 0, stdout: compileSdl(yaml).hashHex, stderr: "" });
  expect(result.stdout).toMatch(/^[0-9a-f]{64}$/);
});

test("an invalid SDL exits 1 and lists every issue", async () => {
  const result = await run("hash", bad);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe("");
  expect(result.stderr).toContain(`sdl: ${bad} is not a valid SDL:`);
  expect(result.stderr).toContain("  services.web.image: must not be empty");
  expect(result.stderr).toContain("  services.web.expose[1].port: port must be between 1 and 65535, got 0");
});

test("a missing file is reported without a stack trace", async () => {
  const result = await run("manifest", join(dir, "nope.yaml"));
  expect(result.code).toBe(1);
  expect(result.stderr).toBe(`sdl: cannot read ${join(dir, "nope.yaml")}: no such file`);
});

test("usage errors exit 2 and print usage", async () => {
  for (const args of [[], ["deploy"], ["hash"], ["hash", good, "extra"]]) {
    const result = await run(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Usage: akash-cdktf sdl <manifest|groups|hash> FILE");
  }
  expect((await run("--help")).code).toBe(0);
});
