/** Differences between freshly generated files and the ones checked in, explained per file. */

export interface Drift {
  path: string;
  kind: "missing" | "changed" | "unexpected";
  /** For changed files: the first line that differs, as "line N: expected ... / found ...". */
  detail?: string;
}

function firstDifference(expected: string, actual: string): string {
  const e = expected.split("\n");
  const a = actual.split("\n");
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) {
      const show = (line: string | undefined) =>
        line === undefined
          ? "(end of file)"
          : JSON.stringify(line.length > 100 ? `${line.slice(0, 100)}…` : line);
      return `line ${i + 1}: expected ${show(e[i])}, found ${show(a[i])}`;
    }
  }
  return "line endings or trailing whitespace differ";
}

export function findDrift(expected: Map<string, string>, actual: Map<string, string>): Drift[] {
  const drift: Drift[] = [];
  for (const [path, text] of expected) {
    const found = actual.get(path);
    if (found === undefined) drift.push({ path, kind: "missing" });
    else if (found !== text) drift.push({ path, kind: "changed", detail: firstDifference(text, found) });
  }
  for (const path of actual.keys()) {
    if (!expected.has(path)) drift.push({ path, kind: "unexpected" });
  }
  return drift.sort((x, y) => (x.path < y.path ? -1 : 1));
}

export function describeDrift(drift: Drift[], command: string): string {
  const lines = drift.map((d) => {
    switch (d.kind) {
      case "missing":
        return `  missing:    ${d.path}`;
      case "unexpected":
        return `  stale:      ${d.path} (no longer generated)`;
      case "changed":
        return `  out of date: ${d.path} (${d.detail})`;
    }
  });
  return [
    `The generated CDKTF bindings and docs do not match the provider schema (${drift.length} file${drift.length === 1 ? "" : "s"}):`,
    ...lines,
    `Run \`${command}\` and commit the result. Never edit these files by hand: change the schema or examples/docs instead.`,
  ].join("\n");
}
