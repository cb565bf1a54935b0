/**
 * The denom deployments are priced and funded in. Since the chain's v2.0.0 upgrade it accepts new deployments
 * only when their groups are priced in uact (ACT, minted from AKT); providers bid in the group's denom.
 */
export const PRICING_DENOM = "uact";

/** The escrow deposit of a deployment that does not set one: 5 ACT. */
export const DEFAULT_DEPOSIT = `5000000${PRICING_DENOM}`;
