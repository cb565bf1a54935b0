/**
 * Which providers can still bid on an order: those whose on-chain attributes satisfy the group's placement
 * attributes (keys match as Go's filepath.Match globs, as the chain and the providers match them). Used to end a
 * bid wait early once every such provider has bid and been turned down. Deliberately generous: auditor
 * requirements (signed_by) and resource capabilities are not checked here, so a provider is never left out wrongly;
 * at worst the wait runs its full time.
 */
import type { Provider } from "../../akash/ports/chain";
import type { GoGroupSpec } from "../../sdl/manifest-types";

/** filepath.Match for the `*` and `?` wildcards (a `*` does not cross `/`). */
function globMatches(pattern: string, name: string): boolean {
  let re = "^";
  for (const ch of pattern) {
    if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else re += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`${re}$`).test(name);
}

export function placementCandidates(spec: GoGroupSpec, providers: Iterable<Provider>): Provider[] {
  const wanted = spec.requirements.attributes ?? [];
  return [...providers].filter((provider) =>
    wanted.every((req) =>
      provider.attributes.some((have) => globMatches(req.key ?? "", have.key) && req.value === have.value),
    ),
  );
}
