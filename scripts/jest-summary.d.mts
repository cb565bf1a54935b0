export interface JestSummary {
  passed: number;
  failed: number;
  ran: number;
  line: string;
  brokenSuites: { name: string; message: string }[];
}
export function summarizeJest(results: unknown): JestSummary;
