/**
 * The SDL `version`, read as Go's parser reads it (chain-sdk go/sdl/sdl.go): the scalar's text through
 * semver.ParseTolerant ("2" and "v2.0.0" are 2.0.0), then 2.0.0 exactly selects SDL 2.0 and anything from 2.1.0 on
 * selects SDL 2.1. Go would also read "2.2" or "3.0" as 2.1; we refuse those, since an SDL that names a version
 * nobody has defined may mean something 2.1 does not.
 */
import type { IssueCollector } from "./sdl-error";
import type { SdlVersion } from "./sdl-model";
import { goScalarText } from "./yaml-reader";

// semver.ParseTolerant: surrounding spaces and a "v" prefix are dropped, missing minor/patch parts become 0.
const TOLERANT_VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/;

export function decodeVersion(raw: unknown, issues: IssueCollector): SdlVersion | undefined {
  const text = goScalarText(raw);
  if (text === undefined) {
    issues.add("version", `must be "2.0" or "2.1", got a ${Array.isArray(raw) ? "list" : "mapping"}`);
    return undefined;
  }
  const match = TOLERANT_VERSION.exec(text.trim());
  const [major, minor, patch] = match ? [match[1], match[2] ?? "0", match[3] ?? "0"].map(Number) : [];
  let version: SdlVersion | undefined;
  if (major === 2 && minor === 0 && patch === 0) version = "2.0";
  else if (major === 2 && minor === 1) version = "2.1";
  if (!version) {
    const beyond = major !== undefined && (major > 2 || (major === 2 && minor! > 1));
    issues.add(
      "version",
      `unsupported SDL version "${text}"; use "2.0" or "2.1"` +
        (beyond ? ` (Akash's Go parser would silently read it as 2.1, so it is refused here)` : ""),
    );
    return undefined;
  }
  if (text !== version) {
    issues.warn(
      "version",
      "version-normalized",
      `version "${text}" is read as "${version}", as Akash's SDL parser does; write "${version}"`,
    );
  }
  return version;
}
