/**
 * Every real SDL template of the corpus (test/fixtures/sdl-templates, see PROVENANCE.md) compiles, or is refused
 * for a reason that Akash's Go parser also refuses it for or that the chain would refuse it for. Where chain-sdk's
 * own Go tests say whether Go accepts a file, we must agree. Warnings are checked per class.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  compileSdl,
  SdlError,
  type SdlDiagnostic,
  type SdlIssue,
  type SdlWarningCode,
} from "../../../src/sdl";

const DIR = join(__dirname, "../../fixtures/sdl-templates");

interface Template {
  file: string;
  repository: string;
  goVerdict: "accepts" | "rejects" | "";
}

const templates: Template[] = readFileSync(join(DIR, "sources.tsv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [file, repository, , , goVerdict] = line.split("\t");
    return { file: file!, repository: repository!, goVerdict: (goVerdict ?? "") as Template["goVerdict"] };
  });

type Outcome = { accepted: true; warnings: SdlDiagnostic[] } | { accepted: false; issues: SdlIssue[] };

function compile(file: string): Outcome {
  try {
    return { accepted: true, warnings: compileSdl(readFileSync(join(DIR, file), "utf8")).warnings };
  } catch (error) {
    if (error instanceof SdlError) return { accepted: false, issues: error.issues };
    throw error;
  }
}

const outcomes = new Map(templates.map((t) => [t.file, compile(t.file)]));

/** Why we refuse an SDL; each reason is one Go (chain-sdk go/sdl v0.2.2, go/manifest v0.2.16) or the chain has too. */
const REFUSAL_REASONS: { reason: string; message: RegExp }[] = [
  // units.go parseWithSuffix: suffixes are case-sensitive (Ki, Mi, Gi, k, M, G…), so strconv fails on "Gb", "gi".
  { reason: "size with an unknown unit suffix", message: /^invalid size ".*": expected a number/ },
  // The chain (v2.0.0+): "unsupported denomination …: invalid price" for anything but uact.
  { reason: "priced in a denom the chain refuses", message: /the chain prices new deployments in uact/ },
  // v2.go asManifest: errHTTPOptionNotAllowed.
  {
    reason: "http option above Go's limit",
    message: /^(max_body_size|read_timeout|send_timeout) must be between/,
  },
  // yaml.v3 type errors: a mapping or list where a string or scalar belongs.
  { reason: "wrong YAML type", message: /^must be (a string|a list), got a (mapping|list)$/ },
  { reason: "wrong YAML type", message: /^CPU units must be a number or a string/ },
  { reason: "YAML syntax error", message: /^YAML syntax error/ },
  // A missing port, size or host is 0 or "" in Go, which manifest/resource validation or credentials.validate refuse.
  { reason: "required value missing", message: /^required field is missing$|^must not be empty$/ },
  { reason: "mount missing or not absolute", message: /^mount (is required|must be an absolute path)/ },
  { reason: "mount point used twice", message: /^mount point ".*" is already used/ },
  { reason: "mount of a volume the profile lacks", message: /has no storage volume named/ },
  {
    reason: "persistent volume without any mount (SDL 2.0)",
    message: /^persistent volume ".*" needs a mount/,
  },
  { reason: "deployment names an undefined service", message: /^service ".*" is not defined in services$/ },
  { reason: "no globally exposed service", message: /^no service is exposed globally/ },
  // reclamation.go: time.ParseDuration fails, or the window is not > 0.
  { reason: "reclamation window invalid", message: /^min_window must be (a duration|greater than 0)/ },
];

function reasonOf(issue: SdlIssue): string | undefined {
  return REFUSAL_REASONS.find((r) => r.message.test(issue.message))?.reason;
}

test("the corpus is complete", () => {
  const bySource = new Map<string, number>();
  for (const t of templates) bySource.set(t.repository, (bySource.get(t.repository) ?? 0) + 1);
  expect(Object.fromEntries(bySource)).toEqual({
    "akash-network/awesome-akash": 380,
    "akash-network/chain-sdk": 59,
    "akash-network/console": 10,
    "akash-network/cosmos-omnibus": 73,
  });
});

test("every refused template is refused only for documented reasons", () => {
  const undocumented: string[] = [];
  const counts = new Map<string, number>();
  for (const [file, outcome] of outcomes) {
    if (outcome.accepted) continue;
    for (const issue of outcome.issues) {
      const reason = reasonOf(issue);
      if (!reason) undocumented.push(`${file}: ${issue.path}: ${issue.message}`);
      else counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
  }
  expect(undocumented).toEqual([]);
  const accepted = [...outcomes.values()].filter((o) => o.accepted).length;
  console.log(
    `SDL template corpus: ${accepted} of ${outcomes.size} compile, ${outcomes.size - accepted} are refused:\n` +
      [...counts].map(([reason, n]) => `  ${n}× ${reason}`).join("\n"),
  );
  expect({ accepted, refused: outcomes.size - accepted }).toEqual({ accepted: 474, refused: 48 });
});

test("we agree with chain-sdk's own Go tests on every file they check", () => {
  const checked = templates.filter((t) => t.goVerdict !== "");
  const disagreements = checked
    .filter((t) => outcomes.get(t.file)!.accepted !== (t.goVerdict === "accepts"))
    .map((t) => `${t.file}: Go ${t.goVerdict}`);
  expect(disagreements).toEqual([]);
  expect(checked.length).toBe(46);
});

function warningsOf(file: string): SdlDiagnostic[] {
  const outcome = outcomes.get(file)!;
  if (!outcome.accepted) throw new Error(`${file} was refused: ${JSON.stringify(outcome.issues)}`);
  return outcome.warnings;
}

// One real example per warning class: the template, the SDL path and the class.
test.each<[string, string, SdlWarningCode, RegExp]>([
  // Docker-compose keys that Go's struct decoding drops.
  ["awesome-akash/wordpress__deploy.yaml", "services.wordpress.depends_on", "ignored-field", /has no effect/],
  [
    "awesome-akash/torchbench__torchbench_gpu_sdl_cuda12_0.yaml",
    "services.gpu-test.cmd",
    "ignored-field",
    /ignores/,
  ],
  [
    "awesome-akash/langflow__deploy.yaml",
    "profiles.storage",
    "ignored-field",
    /fields here: compute, placement/,
  ],
  [
    "awesome-akash/matomo__deploy.yaml",
    "services.db.expose[0].to[0].servcie",
    "ignored-field",
    /has no effect/,
  ],
  [
    "awesome-akash/packetstream__deploy.yaml",
    "profiles.placement.akash.placement",
    "ignored-field",
    /ignores/,
  ],
  // `attributes:` written without a value.
  [
    "awesome-akash/Llama-2-70B__deploy.yaml",
    "profiles.placement.akash.attributes",
    "empty-value",
    /read as absent/,
  ],
  // `class: ram` without `persistent`.
  [
    "awesome-akash/vllm__vllm_no_ui_deployment.yaml",
    "profiles.compute.vllm.resources.storage[1].attributes.persistent",
    "default-value",
    /reads it as false/,
  ],
  ["awesome-akash/discourse__deploy.yaml", "version", "version-normalized", /"2" is read as "2.0"/],
  [
    "awesome-akash/axolotlai__deploy.yaml",
    "services.axolotl-trainer.params.storage.default",
    "unmounted-volume",
    /mounts it nowhere/,
  ],
  ["chain-sdk/v2.1-credentials.yaml", "services.web.credentials.password", "schema-only", /6 characters/],
  [
    "awesome-akash/akash-trainer__deploy.yaml",
    "profiles.placement.akash.pricing.training.denom",
    "legacy-denom",
    /unsupported denomination uakt/,
  ],
])("%s warns at %s (%s)", (file, path, code, message) => {
  expect(warningsOf(file)).toContainEqual({
    severity: "warning",
    code,
    path,
    message: expect.stringMatching(message),
  });
});

test("warnings per class across the corpus", () => {
  const counts: Partial<Record<SdlWarningCode, number>> = {};
  for (const outcome of outcomes.values()) {
    if (!outcome.accepted) continue;
    for (const code of new Set(outcome.warnings.map((w) => w.code))) counts[code] = (counts[code] ?? 0) + 1;
  }
  console.log(
    "SDL template corpus, templates with each warning: " +
      Object.entries(counts)
        .map(([code, n]) => `${code} ${n}`)
        .join(", "),
  );
  expect(counts).toEqual({
    "default-value": 8,
    "empty-value": 21,
    "ignored-field": 29,
    "legacy-denom": 75,
    "schema-only": 1,
    "unmounted-volume": 1,
    "version-normalized": 1,
  });
});
