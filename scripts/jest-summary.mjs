// Reads jest's --json results and says how the run went, counting suites that failed to run as failures.

/**
 * A suite that fails to run (an import error, a syntax error, a throw at load time) reports no failed test of its
 * own, so jest's numFailedTests misses it. Each such suite counts as one failure here.
 * @param {{ numPassedTests: number, numFailedTests: number, numTotalTests: number,
 *   testResults: { name: string, status: string, message: string, assertionResults: unknown[] }[] }} results
 */
export function summarizeJest(results) {
  const brokenSuites = results.testResults.filter(
    (s) => s.status === "failed" && s.assertionResults.length === 0,
  );
  const failed = results.numFailedTests + brokenSuites.length;
  const note = brokenSuites.length > 0 ? ` (${brokenSuites.length} of them suites that failed to run)` : "";
  return {
    passed: results.numPassedTests,
    failed,
    ran: results.numTotalTests,
    line: `jest: ${results.numPassedTests} passed, ${failed} failed${note}`,
    brokenSuites: brokenSuites.map((s) => ({ name: s.name, message: s.message })),
  };
}
