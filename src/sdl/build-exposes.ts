/**
 * `expose` → manifest exposes and the endpoints they consume, as chain-sdk go/sdl/expose.go and
 * go/manifest/v2beta3/serviceexpose.go do it:
 * - one manifest expose per `to` entry (or one non-global expose when there is no `to`), sorted by
 *   (service, port, proto, global first);
 * - a global expose uses a SHARED_HTTP endpoint (kind 0) if it is TCP with effective external port 80 (ingress),
 *   else RANDOM_PORT (1), plus a LEASED_IP endpoint (2) when it names an IP endpoint.
 */
import { HTTP_DEFAULTS } from "./decode-services";
import { goSort, sortedGoStrings } from "./go-sort";
import type { GoEndpoint, ManifestHttpOptions, ManifestServiceExpose } from "./manifest-types";
import type { ExposeModel, HttpOptionsModel, SdlModel } from "./sdl-model";

/**
 * Sequence numbers for IP endpoints, reproducing Go's computeEndpointSequenceNumbers including its quirks: it
 * lists the `ip` of every `to` entry except global ones without an IP (so non-global entries contribute ""), sorts
 * the list, numbers it from 1 and keeps the last number of each name. A name used twice therefore skips a number.
 */
export function endpointSequenceNumbers(sdl: SdlModel): Map<string, number> {
  const names: string[] = [];
  for (const serviceName of sortedGoStrings(sdl.deployment.keys())) {
    for (const expose of sdl.services.get(serviceName)?.expose ?? []) {
      for (const to of expose.to) {
        if (to.global && to.ip === "") continue;
        names.push(to.ip);
      }
    }
  }
  const numbers = new Map<string, number>();
  sortedGoStrings(names).forEach((name, i) => numbers.set(name, i + 1));
  return numbers;
}

function manifestHttpOptions(options: HttpOptionsModel): ManifestHttpOptions {
  const result: ManifestHttpOptions = {
    maxBodySize: options.maxBodySize || HTTP_DEFAULTS.maxBodySize,
    readTimeout: options.readTimeout || HTTP_DEFAULTS.readTimeout,
    sendTimeout: options.sendTimeout || HTTP_DEFAULTS.sendTimeout,
    nextTries: options.nextTries || HTTP_DEFAULTS.nextTries,
    nextTimeout: options.nextTimeout,
    nextCases:
      options.nextCases && options.nextCases.length > 0 ? [...options.nextCases] : ["error", "timeout"],
  };
  // Omitted when 0 so manifests stay byte-identical for providers that predate the field (Go: omitempty).
  if (options.proxyBufferSize > 0) result.proxyBufferSize = options.proxyBufferSize;
  return result;
}

function exposeLess(a: ManifestServiceExpose, b: ManifestServiceExpose): boolean {
  if (a.service !== b.service) return a.service < b.service;
  if (a.port !== b.port) return a.port < b.port;
  if (a.proto !== b.proto) return a.proto < b.proto;
  if (a.global !== b.global) return a.global;
  return false;
}

/** A manifest expose with the index of the SDL `expose` entry it came from (for error paths). */
export interface BuiltExpose {
  expose: ManifestServiceExpose;
  sourceIndex: number;
}

export function buildManifestExposes(
  exposes: ExposeModel[],
  sequenceNumbers: Map<string, number>,
): BuiltExpose[] {
  const built: BuiltExpose[] = [];
  exposes.forEach((expose, sourceIndex) => {
    const targets = expose.to.length > 0 ? expose.to : [{ service: "", global: false, ip: "" }];
    for (const to of targets) {
      built.push({
        sourceIndex,
        expose: {
          port: expose.port,
          externalPort: expose.as,
          proto: expose.proto,
          service: to.service,
          global: to.global,
          hosts: expose.accept === null ? null : [...expose.accept],
          httpOptions: manifestHttpOptions(expose.httpOptions),
          ip: to.ip,
          endpointSequenceNumber: to.global && to.ip !== "" ? (sequenceNumbers.get(to.ip) ?? 0) : 0,
        },
      });
    }
  });
  return goSort(built, (a, b) => exposeLess(a.expose, b.expose));
}

export function isIngress(expose: ManifestServiceExpose): boolean {
  const externalPort = expose.externalPort === 0 ? expose.port : expose.externalPort;
  return expose.proto === "TCP" && expose.global && externalPort === 80;
}

export function endpointLess(a: GoEndpoint, b: GoEndpoint): boolean {
  return a.sequence_number < b.sequence_number;
}

/** The endpoints one manifest expose needs on chain. */
export function exposeEndpoints(expose: ManifestServiceExpose): GoEndpoint[] {
  if (!expose.global) return [];
  const endpoints: GoEndpoint[] = [];
  if (expose.ip !== "") endpoints.push({ kind: 2, sequence_number: expose.endpointSequenceNumber });
  endpoints.push(isIngress(expose) ? { sequence_number: 0 } : { kind: 1, sequence_number: 0 });
  return goSort(endpoints, endpointLess);
}

export function servicesEndpoints(exposes: ManifestServiceExpose[]): GoEndpoint[] {
  return exposes.flatMap(exposeEndpoints);
}
