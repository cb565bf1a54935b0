/**
 * The `akash` provider: its configuration and the list of resources and data sources it serves.
 */
import type { ProviderDefinition } from "../framework/provider";
import { sdlDataSource } from "../data-sources/sdl";
import { VERSION } from "../version";
import {
  providerSchema,
  resolveProviderSettings,
  validateProviderConfig,
  type ProviderSettings,
} from "./config";

/** What resources receive as `provider`: resolved settings; chain clients are created lazily by the resources. */
export interface AkashProviderData {
  settings: ProviderSettings;
}

export const akashProvider: ProviderDefinition<AkashProviderData> = {
  typeName: "akash",
  version: VERSION,
  schema: providerSchema,
  validateConfig: validateProviderConfig,
  async configure({ config }) {
    return { settings: resolveProviderSettings(config) };
  },
  resources: [],
  dataSources: [sdlDataSource],
};
