/** How a lease authenticates to its provider: JWTs by default, the owner's certificate under mTLS. */
import type { AkashPorts, GatewayAuth } from "../../akash/ports/akash-ports";
import type { ProviderGateway } from "../../akash/ports/provider-gateway";
import { DiagnosticError } from "../../framework/diagnostics";
import type { LeaseState } from "./lease-schema";

type AuthSettings = Pick<LeaseState, "provider_auth" | "client_certificate_pem" | "client_private_key_pem">;

export function gatewayAuthOf(values: AuthSettings): GatewayAuth {
  if (values.provider_auth !== "mtls") return { kind: "jwt" };
  if (values.client_certificate_pem === null || values.client_private_key_pem === null) {
    throw new DiagnosticError(
      "Incomplete mTLS settings",
      'provider_auth = "mtls" needs client_certificate_pem and client_private_key_pem.',
      ["provider_auth"],
    );
  }
  return { kind: "mtls", certPem: values.client_certificate_pem, keyPem: values.client_private_key_pem };
}

export function gatewayFor(ports: AkashPorts, values: AuthSettings): Promise<ProviderGateway> {
  return ports.gateway(gatewayAuthOf(values));
}
