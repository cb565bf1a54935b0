/**
 * The GitOps recipe's workflow parses as YAML and keeps the promises its README makes: plan on pull requests with
 * the plan as a comment, apply on push to main, secrets from the repository, grantee mode, one run at a time.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, { branches?: string[] }>;
  permissions: Record<string, string>;
  concurrency: { group: string; "cancel-in-progress": boolean };
  env: Record<string, string>;
  jobs: Record<string, { if: string; steps: Step[] }>;
}

const file = join(__dirname, "..", "..", "..", "examples", "gitops", ".github", "workflows", "akash.yml");
const workflow = load(readFileSync(file, "utf8")) as Workflow;

test("triggers: pull requests and pushes to main", () => {
  expect(workflow.on.pull_request!.branches).toEqual(["main"]);
  expect(workflow.on.push!.branches).toEqual(["main"]);
});

test("one run at a time, never cancelling an apply", () => {
  expect(workflow.concurrency.group).toMatch(/\S/);
  expect(workflow.concurrency["cancel-in-progress"]).toBe(false);
});

test("grantee mode with the key from the repository's secrets", () => {
  expect(workflow.env.AKASH_MNEMONIC).toBe("${{ secrets.AKASH_CI_MNEMONIC }}");
  expect(workflow.env.AKASH_GRANTER).toMatch(/^\$\{\{ (vars|secrets)\.AKASH_GRANTER \}\}$/);
  expect(workflow.env.AKASH_NODE).toMatch(/^\$\{\{ (vars|secrets)\.AKASH_NODE \}\}$/);
  // No literal secret anywhere.
  expect(readFileSync(file, "utf8")).not.toMatch(/mnemonic:\s*\w+ \w+ \w+/i);
});

test("plan job: only on pull requests, runs cdktf diff and comments the plan", () => {
  const plan = workflow.jobs.plan!;
  expect(plan.if).toBe("github.event_name == 'pull_request'");
  const runs = plan.steps.map((s) => s.run ?? "").join("\n");
  expect(runs).toContain("npx akash-cdktf install");
  expect(runs).toMatch(/npx cdktf diff "\$STACK" --skip-provider-lock/);
  const comment = plan.steps.find((s) => s.uses?.startsWith("actions/github-script"));
  expect(String(comment!.with!.script)).toContain("createComment");
  expect(workflow.permissions["pull-requests"]).toBe("write");
});

test("apply job: only on push to main, deploys with auto-approve", () => {
  const apply = workflow.jobs.apply!;
  expect(apply.if).toContain("github.event_name == 'push'");
  expect(apply.if).toContain("refs/heads/main");
  const runs = apply.steps.map((s) => s.run ?? "").join("\n");
  expect(runs).toMatch(/npx cdktf deploy "\$STACK" --auto-approve --skip-provider-lock/);
});

test("the README explains the state backend and the secrets", () => {
  const readme = readFileSync(join(__dirname, "..", "..", "..", "examples", "gitops", "README.md"), "utf8");
  expect(readme).toMatch(/remote state backend/i);
  for (const name of ["AKASH_CI_MNEMONIC", "AKASH_GRANTER", "AKASH_NODE"]) expect(readme).toContain(name);
});
