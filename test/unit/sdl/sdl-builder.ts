/** Small SDL documents for focused tests: a valid base that each test tweaks. */
import { dump } from "js-yaml";

export type Doc = Record<string, unknown>;

export function baseSdl(version: "2.0" | "2.1" = "2.0"): Doc {
  return {
    version,
    services: {
      web: { image: "nginx:1.27", expose: [{ port: 80, to: [{ global: true }] }] },
    },
    profiles: {
      compute: {
        small: { resources: { cpu: { units: 0.5 }, memory: { size: "512Mi" }, storage: { size: "1Gi" } } },
      },
      placement: { dc: { pricing: { small: { denom: "uact", amount: 1000 } } } },
    },
    deployment: { web: { dc: { profile: "small", count: 1 } } },
  };
}

export function toYaml(doc: Doc): string {
  return dump(doc);
}
