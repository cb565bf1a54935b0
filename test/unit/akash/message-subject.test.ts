/** What a transaction's log line says each message is about: kind and ids, never payloads. */
import { messageSubject } from "../../../src/akash/adapters/cosmos/message-subject";

const bid = { owner: "akash1owner", dseq: 42n, gseq: 1, oseq: 2, provider: "akash1prov", bseq: 0 };

test.each([
  [{ kind: "closeDeployment", owner: "akash1owner", dseq: 42n }, "closeDeployment dseq 42"],
  [{ kind: "createLease", bid }, "createLease lease 42/1/2 provider akash1prov"],
  [{ kind: "startGroup", group: { owner: "akash1owner", dseq: 42n, gseq: 1 } }, "startGroup group 42/1"],
  [
    {
      kind: "accountDeposit",
      signer: "akash1payer",
      deployment: { owner: "akash1owner", dseq: 42n },
      amount: { denom: "uact", amount: 5n },
    },
    "accountDeposit deployment akash1owner/42",
  ],
  [
    { kind: "revokeFeeAllowance", granter: "akash1a", grantee: "akash1b" },
    "revokeFeeAllowance akash1a → akash1b",
  ],
] as const)("%o → %s", (message, subject) => {
  expect(messageSubject(message)).toBe(subject);
});

test("a certificate's PEM never appears", () => {
  const certPem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  expect(messageSubject({ kind: "createCertificate", owner: "akash1owner", certPem, pubkeyPem: "pub" })).toBe(
    "createCertificate for akash1owner",
  );
});
