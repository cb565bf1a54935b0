/**
 * Chain port messages → protobuf `Any`s (type URL + bytes) for the current Akash API (deployment v1beta4,
 * market v1beta5, escrow/cert/bme v1, cosmos authz/feegrant v1beta1), plus who must sign each. The chain v2.1
 * reclamation fields chain-sdk lacks are added by v21-fields.ts.
 */
import type { DeploymentIdentity } from "../../ports/deployment-identity";
import { groupSpecsFromGoJson } from "../../../sdl";
import type { ChainMessage, Coin, DepositSource, LeaseId, ProviderCloseReason } from "../../ports/chain";
import {
  ACCOUNT_DEPOSIT_TYPE_URL,
  DEPOSIT_AUTHORIZATION_TYPE_URL,
  encodeDepositAuthorization,
} from "./deposit-authorization";
import type { Protos } from "./protos";
import {
  encodeLeaseStartReclaim,
  LEASE_START_RECLAIM_TYPE_URL,
  withDeploymentReclamation,
} from "./v21-fields";

export interface EncodedMessage {
  typeUrl: string;
  value: Uint8Array;
  /** Who creates this deployment (MsgCreateDeployment only): written to the transaction's memo. */
  identity?: DeploymentIdentity;
  /** What the message is about, for log lines (message-subject.ts). */
  subject?: string;
}

interface MessageCodec {
  readonly $type: string;
  encode(message: never): { finish(): Uint8Array };
  fromPartial(object: never): unknown;
}

function any(codec: MessageCodec, value: object): EncodedMessage {
  const message = codec.fromPartial(value as never);
  return { typeUrl: `/${codec.$type}`, value: codec.encode(message as never).finish() };
}

const SOURCES: Record<DepositSource, number> = { balance: 1, grant: 2 };

function deposit(amount: Coin, sources: DepositSource[] | undefined) {
  return {
    amount: { denom: amount.denom, amount: amount.amount.toString() },
    sources: (sources ?? ["balance"]).map((s) => SOURCES[s]),
  };
}

function coinValue(c: Coin) {
  return { denom: c.denom, amount: c.amount.toString() };
}

const leaseIdValue = (l: LeaseId) => ({
  owner: l.owner,
  dseq: l.dseq.toString(),
  gseq: l.gseq,
  oseq: l.oseq,
  provider: l.provider,
  bseq: l.bseq,
});

/** akash.market.v1.LeaseClosedReason numbers of the provider range. */
const PROVIDER_CLOSE_REASONS: Record<ProviderCloseReason, number> = {
  lease_closed_reason_unstable: 10000,
  lease_closed_reason_decommission: 10001,
  lease_closed_reason_unspecified: 10002,
  lease_closed_reason_manifest_timeout: 10003,
};

/** The address that must sign `message` (the chain's GetSigners for that type). */
export function messageSigner(message: ChainMessage): string {
  switch (message.kind) {
    case "createDeployment":
    case "updateDeployment":
    case "closeDeployment":
    case "mintAct":
    case "createCertificate":
    case "revokeCertificate":
      return message.owner;
    case "accountDeposit":
      return message.signer;
    case "createLease":
      return message.bid.owner;
    case "closeLease":
      return message.lease.owner;
    case "startLeaseReclaim":
      return message.lease.provider;
    case "startGroup":
    case "pauseGroup":
      return message.group.owner;
    case "grantDepositAuthorization":
    case "revokeDepositAuthorization":
    case "grantFeeAllowance":
    case "revokeFeeAllowance":
      return message.granter;
  }
}

const GRANT_KINDS = [
  "grantDepositAuthorization",
  "revokeDepositAuthorization",
  "grantFeeAllowance",
  "revokeFeeAllowance",
] as const;

type GrantMessage = Extract<ChainMessage, { kind: (typeof GRANT_KINDS)[number] }>;
type OtherMessage = Exclude<ChainMessage, GrantMessage>;

const isGrantMessage = (message: ChainMessage): message is GrantMessage =>
  (GRANT_KINDS as readonly string[]).includes(message.kind);

export function encodeMessage(p: Protos, message: ChainMessage): EncodedMessage {
  return isGrantMessage(message) ? encodeGrantMessage(p, message) : encodeAkashMessage(p, message);
}

/** Deployment, market, escrow, BME and cert messages. */
function encodeAkashMessage(p: Protos, message: OtherMessage): EncodedMessage {
  switch (message.kind) {
    case "createDeployment": {
      const encoded = any(p.v1beta4.MsgCreateDeployment, {
        id: { owner: message.owner, dseq: message.dseq.toString() },
        groups: groupSpecsFromGoJson(message.groups),
        hash: message.hash,
        deposit: deposit(message.deposit, message.sources),
      });
      return {
        ...encoded,
        value: withDeploymentReclamation(encoded.value, message.reclamation),
        ...(message.identity ? { identity: message.identity } : {}),
      };
    }
    case "updateDeployment":
      return any(p.v1beta4.MsgUpdateDeployment, {
        id: { owner: message.owner, dseq: message.dseq.toString() },
        hash: message.hash,
      });
    case "closeDeployment":
      return any(p.v1beta4.MsgCloseDeployment, {
        id: { owner: message.owner, dseq: message.dseq.toString() },
      });
    case "accountDeposit":
      return any(p.v1.MsgAccountDeposit, {
        signer: message.signer,
        id: { scope: 1, xid: `${message.deployment.owner}/${message.deployment.dseq}` },
        deposit: deposit(message.amount, message.sources),
      });
    case "createLease":
      return any(p.v1beta5.MsgCreateLease, { bidId: leaseIdValue(message.bid) });
    case "closeLease":
      // lease_closed_owner: the tenant closes it.
      return any(p.v1beta5.MsgCloseLease, { id: leaseIdValue(message.lease), reason: 1 });
    case "startLeaseReclaim": {
      const id = p.v1.LeaseID.encode(p.v1.LeaseID.fromPartial(leaseIdValue(message.lease))).finish();
      const reason = PROVIDER_CLOSE_REASONS[message.reason ?? "lease_closed_reason_decommission"];
      return { typeUrl: LEASE_START_RECLAIM_TYPE_URL, value: encodeLeaseStartReclaim(id, reason) };
    }
    case "startGroup": {
      const g = message.group;
      return any(p.v1beta4.MsgStartGroup, { id: { owner: g.owner, dseq: g.dseq.toString(), gseq: g.gseq } });
    }
    case "pauseGroup": {
      const g = message.group;
      return any(p.v1beta4.MsgPauseGroup, { id: { owner: g.owner, dseq: g.dseq.toString(), gseq: g.gseq } });
    }
    case "mintAct":
      return any(p.v1.MsgMintACT, {
        owner: message.owner,
        to: message.owner,
        coinsToBurn: coinValue(message.amount),
      });
    case "createCertificate":
      return any(p.v1.MsgCreateCertificate, {
        owner: message.owner,
        cert: new TextEncoder().encode(message.certPem),
        pubkey: new TextEncoder().encode(message.pubkeyPem),
      });
    case "revokeCertificate":
      return any(p.v1.MsgRevokeCertificate, { id: { owner: message.owner, serial: message.serial } });
  }
}

/** authz deposit authorizations and feegrant allowances. */
function encodeGrantMessage(p: Protos, message: GrantMessage): EncodedMessage {
  switch (message.kind) {
    case "grantDepositAuthorization":
      return any(p.cosmos.MsgGrant, {
        granter: message.granter,
        grantee: message.grantee,
        grant: {
          authorization: {
            typeUrl: DEPOSIT_AUTHORIZATION_TYPE_URL,
            value: encodeDepositAuthorization(message.spendLimits, message.scopes ?? ["deployment"]),
          },
          expiration: message.expiration,
        },
      });
    case "revokeDepositAuthorization":
      return any(p.cosmos.MsgRevoke, {
        granter: message.granter,
        grantee: message.grantee,
        msgTypeUrl: ACCOUNT_DEPOSIT_TYPE_URL,
      });
    case "grantFeeAllowance": {
      const basic = { spendLimit: message.spendLimit.map(coinValue), expiration: message.expiration };
      const period = message.period;
      return any(p.cosmos.MsgGrantAllowance, {
        granter: message.granter,
        grantee: message.grantee,
        allowance: period
          ? any(p.cosmos.PeriodicAllowance, {
              basic,
              period: { seconds: String(Math.floor(period.seconds)), nanos: 0 },
              periodSpendLimit: period.spendLimit.map(coinValue),
              // The chain starts the first period itself; these are informational on grant.
              periodCanSpend: period.spendLimit.map(coinValue),
            })
          : any(p.cosmos.BasicAllowance, basic),
      });
    }
    case "revokeFeeAllowance":
      return any(p.cosmos.MsgRevokeAllowance, { granter: message.granter, grantee: message.grantee });
  }
}
