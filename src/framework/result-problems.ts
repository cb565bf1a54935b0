/** A handler's result that does not fit the schema is a provider bug: each problem becomes an error diagnostic. */
import { formatPath, type Diagnostics } from "./diagnostics";
import type { NormalizedState } from "./state-normalization";
import type { TypeProblem } from "./type-conformance";

export function reportResultProblems(
  diags: Diagnostics,
  providerName: string,
  result: { what: string; doing: string; normalized: NormalizedState },
): void {
  const { what, doing, normalized } = result;
  for (const problem of normalized.typeProblems) {
    diags.error(
      "Provider returned a value of the wrong type",
      `After ${doing}, ${what}: ${problem.message}. This is a bug in the ${providerName} provider; the value was saved as null. Please report it.`,
      problem.path,
    );
  }
  const paths = normalized.unknownPaths;
  if (paths.length === 0) return;
  const list = paths.map((p) => `"${formatPath(p) || "(whole object)"}"`).join(", ");
  diags.error(
    "Provider returned an incomplete result",
    `After ${doing}, ${what} still had no value for ${list}. This is a bug in the ${providerName} provider; the values were saved as null. Please report it.`,
    paths.length === 1 ? paths[0] : undefined,
  );
}

/** The plan itself (after the resource's modifyPlan) does not fit the schema. */
export function reportPlannedProblems(
  diags: Diagnostics,
  providerName: string,
  typeName: string,
  problems: readonly TypeProblem[],
): void {
  for (const problem of problems) {
    diags.error(
      "Provider planned a value of the wrong type",
      `${typeName}: ${problem.message}. This is a bug in the ${providerName} provider.`,
      problem.path,
    );
  }
}
