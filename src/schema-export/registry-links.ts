/**
 * The binding generators link every class to its registry page, including sections our pages do not have: a data
 * source's or the provider's "import" section (only resources are imported) and the provider's `alias` (a Terraform
 * meta-argument, not a schema attribute). Those anchors are dropped, so the links land on the page itself;
 * test/unit/generate/doc-links.test.ts checks every remaining anchor against the generated docs.
 */
const MISSING_SECTION =
  /(https:\/\/registry\.terraform\.io\/providers\/[^\s#'"`)]+\/docs(?:\/data-sources\/[a-z0-9_]+)?)#(?:import|alias)\b/g;

export function dropMissingRegistryAnchors(text: string): string {
  return text.replace(MISSING_SECTION, "$1");
}
