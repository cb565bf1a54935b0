/**
 * The `akash` provider: its configuration and the list of resources and data sources it serves, over the ports
 * the composition root builds for each provider block.
 */
import type { AkashPorts } from "../akash/ports/akash-ports";
import { accountDataSource } from "../data-sources/account";
import { authorizationsDataSource } from "../data-sources/authorizations";
import { deploymentDataSource } from "../data-sources/deployment";
import { providersDataSource } from "../data-sources/providers";
import { sdlDataSource } from "../data-sources/sdl";
import type { ProviderDefinition } from "../framework/provider";
import { certificateResource } from "../resources/certificate/certificate-resource";
import { deploymentResource } from "../resources/deployment/deployment-resource";
import { depositAuthorizationResource } from "../resources/grants/deposit-authorization";
import { feeAllowanceResource } from "../resources/grants/fee-allowance";
import { leaseResource } from "../resources/lease/lease-resource";
import { VERSION } from "../version";
import type { CompositionRoot } from "./composition-root";
import { providerSchema, resolveProviderSettings, validateProviderConfig } from "./config";

export function akashProvider(root: CompositionRoot): ProviderDefinition<AkashPorts> {
  return {
    typeName: "akash",
    version: VERSION,
    schema: providerSchema,
    validateConfig: validateProviderConfig,
    configure: ({ config }) => Promise.resolve(root.portsFor(resolveProviderSettings(config, root.env))),
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
}
