/**
 * The Akash chain modules for the localnet core. Register every module returned by `akashModules()`; they
 * find each other by name through `ctx.modules` (escrow ↔ deployment/market via the escrow hooks).
 */
import type { ChainModule } from "../../module";
import { auditModule } from "./audit/module";
import { bmeModule } from "./bme/module";
import { certModule } from "./cert/module";
import { deploymentModule } from "./deployment/module";
import { escrowModule } from "./escrow/module";
import { marketEscrowHooks } from "./market/escrow-hooks";
import { marketModule } from "./market/module";
import { oracleModule } from "./oracle/module";
import { providerModule } from "./provider/module";

export function akashModules(): ChainModule[] {
  return [
    providerModule(),
    auditModule(),
    escrowModule(marketEscrowHooks),
    deploymentModule(),
    marketModule(),
    certModule(),
    // Before the BME: its end-block reads the price health the oracle's end-block just computed.
    oracleModule(),
    bmeModule(),
  ];
}

export { akashDiscoveryInfo, AKASH_MODULE_VERSIONS, type AkashDiscoveryInfo } from "./discovery";
export { depositAuthorizationCodec, DEPOSIT_AUTHORIZATION_TYPE_URL } from "./escrow/deposit-authorization";
export { setBmeMintsHalted, type BmeGenesis } from "./bme/module";
export {
  checkOracleFeedInput,
  oracleFeed,
  ORACLE_MODULE,
  type OracleFeedInput,
  type OracleGenesis,
} from "./oracle/module";
export { localnetMarketGenesis, type MarketGenesis } from "./market/params";
export type { ProviderGenesis } from "./provider/module";
export type { AuditGenesis } from "./audit/module";
export type { DeploymentGenesis } from "./deployment/module";
