/**
 * What a message is about, for log lines: its kind and the ids it names ("createLease lease 42/1/1 provider akash1…"), so a
 * transaction that carries the messages of several resources can be told apart. Never payloads (certificates,
 * groups, hashes).
 */
import type { ChainMessage, LeaseId } from "../../ports/chain";

// The signer owns what it creates, updates and closes: the owner is only named where it may be someone else.
const lease = (id: LeaseId) => `lease ${id.dseq}/${id.gseq}/${id.oseq} provider ${id.provider}`;

export function messageSubject(message: ChainMessage): string {
  switch (message.kind) {
    case "createDeployment":
    case "updateDeployment":
    case "closeDeployment":
      return `${message.kind} dseq ${message.dseq}`;
    case "accountDeposit":
      return `${message.kind} deployment ${message.deployment.owner}/${message.deployment.dseq}`;
    case "createLease":
      return `${message.kind} ${lease(message.bid)}`;
    case "closeLease":
    case "startLeaseReclaim":
      return `${message.kind} ${lease(message.lease)}`;
    case "startGroup":
    case "pauseGroup":
      return `${message.kind} group ${message.group.dseq}/${message.group.gseq}`;
    case "mintAct":
    case "createCertificate":
      return `${message.kind} for ${message.owner}`;
    case "revokeCertificate":
      return `${message.kind} serial ${message.serial}`;
    case "grantDepositAuthorization":
    case "revokeDepositAuthorization":
    case "grantFeeAllowance":
    case "revokeFeeAllowance":
      return `${message.kind} ${message.granter} → ${message.grantee}`;
  }
}
