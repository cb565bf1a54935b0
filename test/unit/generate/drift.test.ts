import { describeDrift, findDrift } from "../../../src/schema-export/drift";

describe("findDrift", () => {
  test("reports missing, changed and stale files in path order", () => {
    const expected = new Map([
      ["docs/a.md", "one\ntwo\n"],
      ["docs/b.md", "same\n"],
      ["docs/c.md", "new\n"],
    ]);
    const actual = new Map([
      ["docs/a.md", "one\nTWO\n"],
      ["docs/b.md", "same\n"],
      ["docs/old.md", "gone\n"],
    ]);
    const drift = findDrift(expected, actual);
    expect(drift).toEqual([
      { path: "docs/a.md", kind: "changed", detail: 'line 2: expected "two", found "TWO"' },
      { path: "docs/c.md", kind: "missing" },
      { path: "docs/old.md", kind: "unexpected" },
    ]);
    const message = describeDrift(drift, "npm run generate");
    expect(message).toContain("(3 files)");
    expect(message).toContain("stale:      docs/old.md");
    expect(message).toContain("Run `npm run generate` and commit the result.");
  });

  test("nothing to report when the files match", () => {
    const files = new Map([["docs/a.md", "x"]]);
    expect(findDrift(files, new Map(files))).toEqual([]);
  });

  test("explains a file that only lost its last line", () => {
    const [d] = findDrift(new Map([["a", "x\ny\n"]]), new Map([["a", "x\n"]]));
    expect(d?.detail).toBe('line 2: expected "y", found ""');
  });
});
