/**
 * Manifest fields that not every provider knows. A provider decodes the manifest into its own Go types
 * (chain-sdk go/manifest/v2beta3) and hashes that; a field its types lack is dropped, the hash no longer matches
 * the deployment's, and the manifest is refused (422 "manifest version validation failed") after the lease is
 * already paid for. Today's provider releases (v0.14.x) are built on chain-sdk go v0.2.14–v0.2.16, which knows
 * neither `params.tee` (added in go v0.3.0) nor `httpOptions.proxyBufferSize` (go v0.3.1). Every other field the
 * compiler writes is in v0.2.16.
 */
import type { SdlModel } from "./sdl-model";
import { sdlPath } from "./sdl-path";
import { sortedGoStrings } from "./go-sort";

export type ProviderFeatureName = "tee" | "proxy-buffer-size";

export interface ProviderFeature {
  feature: ProviderFeatureName;
  /** The SDL path that needs it (`services.web.params.tee`). */
  path: string;
  /** The manifest field a provider must know (Go JSON name). */
  manifestField: string;
  /** The first chain-sdk Go module version whose manifest types have the field. */
  chainSdkGo: string;
  /**
   * The first provider version (semver, without "v") built on such a chain-sdk, or null when no provider release
   * knows the field yet.
   */
  minProviderVersion: string | null;
  /** One sentence for a diagnostic: what breaks and why. */
  reason: string;
}

interface FeatureFacts {
  manifestField: string;
  chainSdkGo: string;
  minProviderVersion: string | null;
  what: string;
}

// Provider v0.16.0-a0 is the first tag whose go.mod requires a chain-sdk with TEEParams (go v0.4.0-a2, then
// v0.3.0 on the rc line); no provider tag requires go v0.3.1 yet (provider main is still on v0.2.16).
const FACTS: Record<ProviderFeatureName, FeatureFacts> = {
  tee: {
    manifestField: "services[].params.tee",
    chainSdkGo: "v0.3.0",
    minProviderVersion: "0.16.0-a0",
    what: "confidential compute (params.tee)",
  },
  "proxy-buffer-size": {
    manifestField: "services[].expose[].httpOptions.proxyBufferSize",
    chainSdkGo: "v0.3.1",
    minProviderVersion: null,
    what: "http_options.proxy_buffer_size",
  },
};

function feature(name: ProviderFeatureName, path: string): ProviderFeature {
  const facts = FACTS[name];
  const who =
    facts.minProviderVersion === null
      ? "no provider release knows it yet"
      : `only providers from v${facts.minProviderVersion} on know it`;
  return {
    feature: name,
    path,
    manifestField: facts.manifestField,
    chainSdkGo: facts.chainSdkGo,
    minProviderVersion: facts.minProviderVersion,
    reason:
      `${facts.what} adds ${facts.manifestField} to the manifest, which providers built on chain-sdk go before ` +
      `${facts.chainSdkGo} drop when they hash it, so they refuse the manifest (422) after the lease is paid for; ` +
      `${who}`,
  };
}

/** The features the manifest of this SDL needs, in service order, each with the SDL path that needs it. */
export function providerFeatures(sdl: SdlModel): ProviderFeature[] {
  const features: ProviderFeature[] = [];
  for (const name of sortedGoStrings(sdl.deployment.keys())) {
    const service = sdl.services.get(name);
    if (!service) continue;
    service.expose.forEach((expose, i) => {
      if (expose.httpOptions.proxyBufferSize > 0) {
        const path = sdlPath("services", name, "expose", i, "http_options", "proxy_buffer_size");
        features.push(feature("proxy-buffer-size", path));
      }
    });
    if (service.params && service.params.tee !== "") {
      features.push(feature("tee", sdlPath("services", name, "params", "tee")));
    }
  }
  return features;
}
