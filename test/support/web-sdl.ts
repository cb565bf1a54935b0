/**
 * A one-service web SDL for tests, with the knobs they turn. Placement attributes are only set when `region` is,
 * so by default any localnet provider can bid.
 */
export function webSdl(
  opts: {
    image?: string;
    cpu?: string;
    count?: number;
    denom?: string;
    amount?: string | number;
    region?: string;
    gpus?: number;
    memory?: string;
    /** Also expose this TCP port globally on a random external port (a forwarded port). */
    tcpPort?: number;
  } = {},
): string {
  const tcp = opts.tcpPort
    ? `
      - port: ${opts.tcpPort}
        proto: tcp
        to:
          - global: true`
    : "";
  const gpu = opts.gpus
    ? `
        gpu:
          units: ${opts.gpus}
          attributes:
            vendor:
              nvidia:
                - model: h100`
    : "";
  const placementAttrs = opts.region ? `\n      attributes:\n        region: ${opts.region}` : "";
  return `---
version: "2.0"
services:
  web:
    image: ${opts.image ?? "nginx:1.27"}
    expose:
      - port: 80
        as: 80
        to:
          - global: true${tcp}
profiles:
  compute:
    web:
      resources:
        cpu:
          units: ${opts.cpu ?? "0.5"}
        memory:
          size: ${opts.memory ?? "512Mi"}
        storage:
          size: 1Gi${gpu}
  placement:
    dc:${placementAttrs}
      pricing:
        web:
          denom: ${opts.denom ?? "uact"}
          amount: ${opts.amount ?? "1000"}
deployment:
  web:
    dc:
      profile: web
      count: ${opts.count ?? 1}
`;
}
