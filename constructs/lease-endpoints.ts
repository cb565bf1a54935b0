/**
 * Terraform expressions that pick one service's endpoints out of a lease's computed lists, so a URL or a forwarded
 * port can flow into another resource (e.g. a backend's address into a frontend's env) as a token.
 */
import { Fn, TerraformIterator, Token } from "cdktf";
import type { Lease } from "./generated";

/** A global non-HTTP port of a service, forwarded by the provider to a random port on its host. */
export interface ForwardedPort {
  /** Provider host name (token). */
  readonly host: string;
  /** Port on the provider host that reaches the service (token). */
  readonly externalPort: number;
  /** `host:externalPort`, ready for a client's connection string (token). */
  readonly address: string;
}

function quoted(text: string): string {
  return JSON.stringify(text);
}

/** The forwarded endpoint of `service`'s container `port`. Fails at apply time if the lease has none. */
export function forwardedPortOf(lease: Lease, service: string, port: number): ForwardedPort {
  const ports = TerraformIterator.fromList(lease.interpolationForAttribute("forwarded_ports"));
  const pick = (value: string) =>
    Fn.element(
      ports.forExpressionForList(`${value} if val.service == ${quoted(service)} && val.port == ${port}`),
      0,
    );
  return {
    host: Token.asString(pick("val.host")),
    externalPort: Token.asNumber(pick("val.external_port")),
    address: Token.asString(pick('"${val.host}:${val.external_port}"')),
  };
}

/** The ingress hostnames of `service` (a token list). */
export function serviceUrisOf(lease: Lease, service: string): string[] {
  const services = TerraformIterator.fromList(lease.interpolationForAttribute("services"));
  return Token.asList(
    Fn.flatten(services.forExpressionForList(`val.uris if val.name == ${quoted(service)}`)),
  );
}

/** `http://<first hostname>` of a token list of hostnames. */
export function firstUrl(uris: string[]): string {
  return `http://${Token.asString(Fn.element(uris, 0))}`;
}
