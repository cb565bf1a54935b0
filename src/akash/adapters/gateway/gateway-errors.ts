/**
 * Provider gateway HTTP answers → GatewayErrors that say what to do (statuses and texts per
 * shared/reference/chain-rules.md §4.3–4.6). Auth errors come as JSON `{"message": ...}`, others as plain text.
 */
import { GatewayError, type GatewayErrorCode } from "../../ports/errors";

/** The provider's own message from a response body. */
export function bodyMessage(body: string): string {
  const text = body.trim();
  try {
    const parsed = JSON.parse(text) as { message?: unknown; error?: unknown };
    if (typeof parsed.message === "string") return parsed.message;
    if (typeof parsed.error === "string") return parsed.error;
  } catch {
    // plain text
  }
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

/** One kind of answer: which responses it covers, and what to tell the user about them. */
interface GatewayAnswerRule {
  matches(status: number, message: string): boolean;
  code: GatewayErrorCode;
  explain(at: { what: string; where: string; said: string; status: number }): string;
}

// First match wins: the specific texts come before their status's general rule.
const RULES: readonly GatewayAnswerRule[] = [
  {
    matches: (status, message) => status === 400 && /invalid claims/i.test(message),
    code: "unauthorized",
    explain: ({ what, where, said }) =>
      `${where} rejected the access token for ${what}${said}. This usually means this machine's clock is off ` +
      "(tokens are valid for a few minutes); check the system time.",
  },
  {
    matches: (status, message) => status === 401 && /JWT is invalid/i.test(message),
    code: "unauthorized",
    explain: ({ what, where, said }) =>
      `${where} could not verify the access token for ${what}${said}. The provider checks it against the owner's ` +
      "public key on chain, which exists only after the account has sent at least one transaction; also check " +
      "that the configured mnemonic is the deployment owner's.",
  },
  {
    matches: (status) => status === 401 || status === 403,
    code: "unauthorized",
    explain: ({ what, where, said }) =>
      `${where} refused ${what}${said}. The signing account must own the deployment.`,
  },
  {
    matches: (status) => status === 400,
    code: "bad-response",
    explain: ({ what, where, said }) => `${where} rejected ${what} as a bad request${said}.`,
  },
  {
    matches: (status) => status === 404,
    code: "not-found",
    explain: ({ what, where, said }) =>
      `${where} does not know ${what.replace(/^(the |sending the )/, "")} (no lease or no manifest yet)${said}.`,
  },
  {
    matches: (status, message) => status === 422 && message === "manifest version validation failed",
    code: "invalid-manifest",
    explain: ({ where, said }) =>
      `${where} rejected the manifest${said}. Its hash of the manifest differs from the deployment's on-chain hash: ` +
      "either the provider drops fields its manifest types do not know (providers built with chain-sdk go " +
      "v0.2.16 know neither http_options.proxy_buffer_size nor params.tee; its /version says what it runs), or " +
      "the deployment was just updated and the provider has not seen the new hash yet (retry in a few seconds).",
  },
  {
    matches: (status) => status === 422,
    code: "invalid-manifest",
    explain: ({ where, said }) =>
      `${where} rejected the manifest${said}. The manifest must match the deployment on chain (hash, groups, ` +
      "resources and endpoints); if the SDL changed, the deployment must be updated (or replaced) first.",
  },
  {
    // The provider looks the deployment up under the token's (or certificate's) account: not the owner's.
    matches: (status, message) => status === 500 && /desc = Deployment not found/.test(message),
    code: "unauthorized",
    explain: ({ what, where, said }) =>
      `${where} found no such deployment of the signing account while handling ${what}${said}. The account that ` +
      "signs provider requests must be the deployment's owner; check the configured mnemonic.",
  },
  {
    matches: (status) => status >= 500,
    code: "provider-error",
    explain: ({ what, where, said, status }) =>
      `${where} failed while handling ${what} (HTTP ${status})${said}. This is on the provider's side; try again ` +
      "later or choose another provider.",
  },
];

export function translateGatewayResponse(
  status: number,
  body: string,
  what: string,
  where: string,
): GatewayError {
  const message = bodyMessage(body);
  const said = message ? `: ${message}` : "";
  const rule = RULES.find((r) => r.matches(status, message));
  if (!rule) {
    return new GatewayError(
      "bad-response",
      `${where} answered ${what} with HTTP ${status}${said}.`,
      status,
      message,
    );
  }
  return new GatewayError(rule.code, rule.explain({ what, where, said, status }), status, message);
}
