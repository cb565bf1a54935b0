/** The localnet the integration tests share: fast blocks, and an SDL placed where provider 0 bids. */
import { startTempLocalnet, type TempLocalnet } from "../../support/temp-localnet";
import { webSdl as anyWebSdl } from "../../support/web-sdl";

export const BLOCK_TIME_MS = 200;

export type TestLocalnet = TempLocalnet;

export function startTestLocalnet(providers = 2): Promise<TestLocalnet> {
  return startTempLocalnet({ blockTimeMs: BLOCK_TIME_MS, providers }, "akash-integration-");
}

/** A one-service SDL priced in `denom`, placed in us-west (localnet provider 0's region). */
export function webSdl(opts: { denom?: string; amount?: number; image?: string } = {}): string {
  return anyWebSdl({ ...opts, region: "us-west" });
}
