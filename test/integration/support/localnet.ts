/** Starts a throwaway localnet (temp data dir, free ports, fast blocks) for integration tests. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalnet, type Localnet } from "../../../src/localnet/network";

export const BLOCK_TIME_MS = 200;

export interface TestLocalnet {
  net: Localnet;
  stop(): Promise<void>;
}

export async function startTestLocalnet(providers = 2): Promise<TestLocalnet> {
  const dataDir = mkdtempSync(join(tmpdir(), "akash-integration-"));
  const net = await startLocalnet({ dataDir, port: 0, blockTimeMs: BLOCK_TIME_MS, providers });
  return {
    net,
    stop: async () => {
      await net.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A one-service SDL priced in `denom`, placed in us-west (localnet provider 0's region). */
export function webSdl(opts: { denom?: string; amount?: number; image?: string } = {}): string {
  return `
version: "2.0"
services:
  web:
    image: ${opts.image ?? "nginx:1.27"}
    expose:
      - port: 80
        as: 80
        to:
          - global: true
profiles:
  compute:
    web:
      resources:
        cpu:
          units: 0.5
        memory:
          size: 512Mi
        storage:
          size: 1Gi
  placement:
    dc:
      attributes:
        region: us-west
      pricing:
        web:
          denom: ${opts.denom ?? "uact"}
          amount: ${opts.amount ?? 1000}
deployment:
  web:
    dc:
      profile: web
      count: 1
`;
}
