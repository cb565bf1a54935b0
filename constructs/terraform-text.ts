/**
 * Text that passes through terraform unchanged. Terraform reads every string of the synthesized JSON as a
 * template, so a literal `${PORT}` in an SDL (e.g. in a shell command) would be taken for a reference; cdktf does
 * not escape it. Tokens (references cdktf renders as `${…}`) must stay live, so only literal parts are escaped.
 */
import { Fn, Token, Tokenization } from "cdktf";

const STRING_TOKEN = /\$\{TfToken\[[^\]]+\]\}/g;

function escapeTemplate(literal: string): string {
  // A function, not a replacement string: in those, "$$" means one "$".
  return literal.replace(/([$%])\{/g, (_m, sigil: string) => `${sigil}${sigil}{`);
}

/** `value` with its literal parts escaped for terraform's templates and each token passed to `mapToken`. */
export function terraformText(value: string, mapToken: (marker: string) => string = (m) => m): string {
  let out = "";
  let last = 0;
  for (const match of value.matchAll(STRING_TOKEN)) {
    out += escapeTemplate(value.slice(last, match.index)) + mapToken(match[0]);
    last = match.index + match[0].length;
  }
  return out + escapeTemplate(value.slice(last));
}

/**
 * A string for inside JSON text: literal parts escaped for terraform (JSON.stringify escapes their quotes), and
 * tokens JSON-escaped by terraform when it fills them in — a value such as a password may hold quotes.
 */
export function jsonStringPart(value: string): string {
  if (!Token.isUnresolved(value)) return escapeTemplate(value);
  const quote = Fn.rawString('"');
  return terraformText(value, (marker) => {
    const token = Tokenization.reverseString(marker).firstToken;
    if (!token) return marker;
    // jsonencode gives "…" with inner quotes escaped; strip exactly one quote on each side.
    return Token.asString(Fn.trimsuffix(Fn.trimprefix(Fn.jsonencode(token), quote), quote));
  });
}
