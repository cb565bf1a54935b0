/**
 * What the main job shows of cdktf's output: the plan's counts, completed resources, the result and warnings;
 * everything (without colour codes or cdktf's stack prefix) goes to the log; errors are kept for the failure
 * message. The input is cdktf 0.21 output as recorded from a real `cdktf deploy` of hello-world (shortened).
 */
import { CdktfOutputFilter } from "../../../src/cli/cdktf-output-filter";

const ESC = "\u001b";
const recorded = [
  "hello-world  Initializing the backend...",
  "hello-world  Initializing provider plugins...",
  "             - Reusing previous version of akash-cdktf/akash from the dependency lock file",
  "hello-world  Terraform used the selected providers to generate the following execution plan.",
  `               ${ESC}[32m+${ESC}[0m${ESC}[0m resource "akash_deployment" "web_app_deployment_89A58FF8" {`,
  `                   ${ESC}[32m+${ESC}[0m${ESC}[0m deposit          = "5000000uact"`,
  `             ${ESC}[1mPlan:${ESC}[0m 2 to add, 0 to change, 0 to destroy.`,
  `hello-world  ${ESC}[0m${ESC}[1makash_deployment.web_app_deployment_89A58FF8 (web/app/deployment): Creating...${ESC}[0m${ESC}[0m`,
  "hello-world  akash_deployment.web_app_deployment_89A58FF8 (web/app/deployment): Creation complete after 2s [id=akash1ssr77atpazepv6t9h3k9suulqr84wrgfag5mjs/1796216326262]",
  "hello-world  akash_lease.web_app_lease_BE966839 (web/app/lease): Still creating... [10s elapsed]",
  "hello-world  ╷",
  `             │ ${ESC}[33mWarning: ${ESC}[0m${ESC}[1mThe deposit will mint ACT${ESC}[0m`,
  "             │ ",
  "             │ 5000000uakt will be burnt to mint ACT for the deposit.",
  "             ╵",
  "hello-world  akash_lease.web_app_lease_BE966839 (web/app/lease): Creation complete after 11s [id=akash1ssr77atpazepv6t9h3k9suulqr84wrgfag5mjs/1796216326262/1/1/akash1xw5are2qag70hxkxer8tsq3vnpdadmqvs95w0q]",
  "hello-world  ",
  `             ${ESC}[0m${ESC}[1m${ESC}[32mApply complete! Resources: 2 added, 0 changed, 0 destroyed.${ESC}[0m`,
  "",
].join("\n");

function run(text: string, chunk = 7) {
  const log: string[] = [];
  const shown: string[] = [];
  const filter = new CdktfOutputFilter("hello-world", {
    log: (l) => log.push(l),
    show: (l) => shown.push(l),
  });
  // Chunks split lines and escape sequences anywhere, as a pipe does.
  for (let i = 0; i < text.length; i += chunk) filter.push(text.slice(i, i + chunk));
  filter.end();
  return { log, shown, errors: filter.errors() };
}

test("the screen gets the plan, the completed resources, warnings and the result", () => {
  expect(run(recorded).shown).toEqual([
    "  Plan: 2 to add, 0 to change, 0 to destroy.",
    "  akash_deployment.web_app_deployment_89A58FF8 (web/app/deployment): Creation complete after 2s",
    "  Warning: The deposit will mint ACT",
    "  ",
    "  5000000uakt will be burnt to mint ACT for the deposit.",
    "  akash_lease.web_app_lease_BE966839 (web/app/lease): Creation complete after 11s",
    "  Apply complete! Resources: 2 added, 0 changed, 0 destroyed.",
  ]);
});

test("the log gets every line, without colour codes or the stack prefix", () => {
  const { log } = run(recorded, 3);
  expect(log).toHaveLength(recorded.split("\n").length - 1);
  expect(log.join("\n")).not.toContain(ESC);
  expect(log[0]).toBe("Initializing the backend...");
  expect(log[2]).toBe("- Reusing previous version of akash-cdktf/akash from the dependency lock file");
  expect(log).toContain('  + resource "akash_deployment" "web_app_deployment_89A58FF8" {');
});

test("errors are kept for the failure message, not shown as progress", () => {
  const failing = [
    "hello-world  ╷",
    `             │ ${ESC}[31mError: ${ESC}[0m${ESC}[1mNo bid matched the bid policy${ESC}[0m`,
    "             │ ",
    "             │   with akash_lease.web_app_lease_BE966839,",
    "             │ Raise bid_policy.max_price or the SDL pricing.",
    "             ╵",
    "hello-world  Error: terraform apply failed",
  ].join("\n");
  const { shown, errors } = run(failing);
  expect(shown).toEqual([]);
  expect(errors).toEqual([
    "Error: No bid matched the bid policy",
    "",
    "  with akash_lease.web_app_lease_BE966839,",
    "Raise bid_policy.max_price or the SDL pricing.",
  ]);
});

test("a failure without a diagnostic is explained by the last lines", () => {
  const { errors } = run("hello-world  something broke\nhello-world  \n[ERROR] default - exit 1\n");
  expect(errors).toEqual(["something broke", "[ERROR] default - exit 1"]);
});
