/**
 * `GET /lease/.../manifest` does not return what the tenant sent: the provider stores a lease's group in its
 * Manifest CRD (akash.network/v2beta2) and rebuilds the group from it (`ManifestGroup.FromCRD`,
 * pkg/apis/akash.network/v2beta2/manifest.go). The CRD has no field for resource endpoints, proxy buffer size,
 * `params.credentials` or `params.tee`; its list fields are `omitempty` (stored empty lists come back nil); and
 * FromCRD builds some lists with make() (never nil). It also means to re-add leased-IP endpoints, but appends them
 * to a copy of the resources, so they are lost too. The served group therefore has `endpoints: null`, `expose: []`
 * rather than null, `params.storage: []`, and none of the dropped fields.
 */
import { goJsonText } from "./go-json";
import { manifestToGoJson, type ManifestExpose, type ManifestGroup, type ManifestService } from "./manifest";
import type { ManifestDialect } from "./software";

/** A list stored with `omitempty` in the CRD: an empty one comes back nil. */
const nilIfEmpty = <T>(list: T[] | null): T[] | null => (list === null || list.length === 0 ? null : list);

function exposeFromCrd(expose: ManifestExpose): ManifestExpose {
  const http = expose.httpOptions;
  return {
    ...expose,
    hosts: nilIfEmpty(expose.hosts),
    httpOptions: {
      maxBodySize: http.maxBodySize,
      readTimeout: http.readTimeout,
      sendTimeout: http.sendTimeout,
      nextTries: http.nextTries,
      nextTimeout: http.nextTimeout,
      nextCases: nilIfEmpty(http.nextCases),
    },
  };
}

function serviceFromCrd(service: ManifestService): ManifestService {
  const res = service.resources;
  const params = service.params;
  return {
    ...service,
    command: nilIfEmpty(service.command),
    args: nilIfEmpty(service.args),
    env: nilIfEmpty(service.env),
    resources: {
      id: res.id,
      // The CRD always holds cpu, gpu and memory (zero when absent) and no endpoints.
      cpu: res.cpu ?? { units: { val: "0" }, attributes: null },
      memory: res.memory ?? { size: { val: "0" }, attributes: null },
      storage: res.storage ?? [],
      gpu: res.gpu ?? { units: { val: "0" }, attributes: null },
      endpoints: null,
    },
    expose: (service.expose ?? []).map(exposeFromCrd),
    params:
      params === null
        ? null
        : {
            storage: params.storage ?? [],
            credentials: null,
            permissions: params.permissions === null ? null : { read: params.permissions.read },
          },
  };
}

/** The group as the provider rebuilds it from its CRD. */
export function groupFromCrd(group: ManifestGroup): ManifestGroup {
  return { name: group.name, services: (group.services ?? []).map(serviceFromCrd) };
}

/** The `GET /lease/.../manifest` body: `[group]` after the CRD round trip, as Go's json.Marshal writes it. */
export function servedManifest(group: ManifestGroup, dialect: ManifestDialect): string {
  return goJsonText(manifestToGoJson([groupFromCrd(group)], dialect));
}
