/**
 * What a provider gateway call is, for its DEBUG line: the provider, the HTTP method, the path without its query
 * (a shell's query carries the command) and how it authenticated ("jwt", "mtls" or "none"). Never headers (the
 * JWT), bodies (the manifest, with the SDL's env values) or keys.
 */
import type { LogFields } from "../../../framework/logger";
import type { ProviderEndpoint } from "../../ports/provider-gateway";
import { urlOrigin } from "../url-origin";

export type GatewayAuthKind = "jwt" | "mtls" | "none";

export function gatewayCallFields(
  provider: ProviderEndpoint,
  method: string,
  path: string,
  auth: GatewayAuthKind,
): LogFields {
  const host = urlOrigin(provider.hostUri, "(unparseable host URI)");
  return { provider: provider.address, host, method, path: path.split("?")[0], auth };
}
