/**
 * The provider software a localnet provider emulates. A real provider decodes a manifest into the Go types of the
 * chain-sdk version it was built with (pkg.akt.dev/go/manifest/v2beta3) and hashes its own re-encoding, so which
 * fields that version knows decides which manifests it accepts, and `GET /version` tells clients which version it is
 * (the chain-sdk version is in `akash.build_deps`, as Go's build info lists it).
 *
 * - "released" (the default): provider v0.14.1-rc1, the line today's providers run, built with pkg.akt.dev/go
 *   v0.2.16: neither `httpOptions.proxyBufferSize` nor `params.tee` exists, so both are dropped before hashing.
 * - "upgraded": a provider built from chain-sdk main after 55f1c683 (2026-07-02, "proxy_buffer_size backward
 *   compatibility"): it knows both fields, with `omitempty`, so manifests without them hash as before.
 */
import type { JsonValue } from "./go-json";

export const PROVIDER_SOFTWARE_NAMES = ["released", "upgraded"] as const;
export type ProviderSoftwareName = (typeof PROVIDER_SOFTWARE_NAMES)[number];

/** Which optional manifest fields the provider's Go types have (both are `omitempty` where they exist). */
export interface ManifestDialect {
  proxyBufferSize: boolean;
  tee: boolean;
}

export interface ProviderSoftware {
  name: ProviderSoftwareName;
  /** provider-services version and commit. */
  version: string;
  commit: string;
  /** pkg.akt.dev/go (chain-sdk go) version, as Go's build info reports it. */
  chainSdkGo: string;
  dialect: ManifestDialect;
}

export const PROVIDER_SOFTWARE: Record<ProviderSoftwareName, ProviderSoftware> = {
  released: {
    name: "released",
    version: "v0.14.1-rc1",
    commit: "e1ea72a36315a64dd61cfb7c79ffb233313b8b04",
    chainSdkGo: "v0.2.16",
    dialect: { proxyBufferSize: false, tee: false },
  },
  upgraded: {
    name: "upgraded",
    version: "v0.16.0-localnet.upgraded",
    commit: "localnet",
    // Go's pseudo-version for chain-sdk commit 55f1c683 (the latest tag below it is go/v0.3.1).
    chainSdkGo: "v0.3.2-0.20260702121717-55f1c6837f99",
    dialect: { proxyBufferSize: true, tee: true },
  },
};

export const DEFAULT_PROVIDER_SOFTWARE: ProviderSoftwareName = "released";

/**
 * `GET /version`: `{akash: version.Info, kube: k8s version.Info}` (gateway/rest/router.go, version/version.go).
 * `build_deps` lists "path@version" (with " => replacement" for replaced modules); a real build lists every
 * module, this one the few that say what the provider speaks.
 */
export function versionBody(software: ProviderSoftware): JsonValue {
  return {
    akash: {
      name: "provider-services",
      server_name: "provider-services",
      version: software.version,
      commit: software.commit,
      build_tags: "osusergo netgo muslc gcc",
      go: "go version go1.26.2 linux/amd64",
      build_deps: [
        "github.com/cometbft/cometbft@v0.38.21 => github.com/akash-network/cometbft@v0.38.21-akash.1",
        "github.com/cosmos/cosmos-sdk@v0.53.6 => github.com/akash-network/cosmos-sdk@v0.53.6-akash.1",
        "k8s.io/client-go@v0.34.1",
        `pkg.akt.dev/go@${software.chainSdkGo}`,
        "pkg.akt.dev/node/v2@v2.1.0",
      ],
      cosmos_sdk_version: "v0.53.6",
    },
    kube: {
      major: "1",
      minor: "34",
      gitVersion: "v1.34.1-localnet",
      gitCommit: "localnet",
      gitTreeState: "clean",
      buildDate: "2026-06-01T00:00:00Z",
      goVersion: "go1.24.6",
      compiler: "gc",
      platform: "linux/amd64",
    },
  };
}
