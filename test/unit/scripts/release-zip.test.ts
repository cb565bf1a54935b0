/** Release zips: what an unzip tool reads back (names, Unix modes, content), byte for byte the same every time. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeZip } from "../../../scripts/release-zip.mjs";
import { zipEntries } from "../../support/zip-entries";

const dir = mkdtempSync(join(tmpdir(), "release-zip-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("entries keep their names, content and Unix permissions; the same input gives the same bytes", () => {
  const executable = Buffer.concat([Buffer.from("\x7fELF"), Buffer.alloc(100_000, 7)]);
  const entries = [
    { name: "terraform-provider-akash_v1.2.3", data: executable, mode: 0o755 },
    { name: "README.md", data: Buffer.from("read me\n"), mode: 0o644 },
  ];
  writeZip(join(dir, "a.zip"), entries);
  writeZip(join(dir, "b.zip"), entries);
  const zip = readFileSync(join(dir, "a.zip"));
  expect(zip.equals(readFileSync(join(dir, "b.zip")))).toBe(true);
  expect(zip.length).toBeLessThan(executable.length / 10);
  const read = zipEntries(zip);
  expect(read.map((e) => ({ name: e.name, mode: e.mode.toString(8), madeBy: e.madeBy }))).toEqual([
    { name: "terraform-provider-akash_v1.2.3", mode: "755", madeBy: 3 },
    { name: "README.md", mode: "644", madeBy: 3 },
  ]);
  expect(read[0]!.data.equals(executable)).toBe(true);
  expect(read[1]!.data.toString()).toBe("read me\n");
});
