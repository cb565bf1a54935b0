/**
 * The `akash` provider: its configuration and the list of resources and data sources it serves.
 */
import { accountDataSource } from "../data-sources/account";
import { authorizationsDataSource } from "../data-sources/authorizations";
import { deploymentDataSource } from "../data-sources/deployment";
import { providersDataSource } from "../data-sources/providers";
import { sdlDataSource } from "../data-sources/sdl";
import type { ProviderDefinition } from "../framework/provider";
import { certificateResource } from "../resources/certificate";
import { deploymentResource } from "../resources/deployment";
import { depositAuthorizationResource } from "../resources/deposit-authorization";
import { feeAllowanceResource } from "../resources/fee-allowance";
import { leaseResource } from "../resources/lease";
import { VERSION } from "../version";
import { AkashClients } from "./clients";
import { providerSchema, resolveProviderSettings, validateProviderConfig } from "./config";

/**
 * What resources receive as `provider`: resolved settings and lazily created clients. Resources depend on the
 * ports these return, never on an adapter.
 */
export type AkashProviderData = AkashClients;

export const akashProvider: ProviderDefinition<AkashProviderData> = {
  typeName: "akash",
  version: VERSION,
  schema: providerSchema,
  validateConfig: validateProviderConfig,
  async configure({ config }) {
    return new AkashClients(resolveProviderSettings(config));
  },
  resources: [
    deploymentResource,
    leaseResource,
    depositAuthorizationResource,
    feeAllowanceResource,
    certificateResource,
  ],
  dataSources: [
    sdlDataSource,
    accountDataSource,
    providersDataSource,
    deploymentDataSource,
    authorizationsDataSource,
  ],
};
