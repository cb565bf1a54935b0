/**
 * ci-grant: a granter account funds a CI key that holds nothing of its own, and the CI key deploys.
 *
 * - The aliased `granter` provider signs with the granter's mnemonic (variable `granter_mnemonic`) and grants the CI
 *   key a deposit authorization (escrow deposits, up to 20 ACT) and a fee allowance (fees, up to 5 AKT).
 * - The default provider signs with the CI key (AKASH_MNEMONIC) in grantee mode (`granter`): fees come from the
 *   allowance and the deposit from the authorization, so the CI key's balance never moves.
 *
 * In a real setup the two halves live in different stacks (the granter's applied once by an admin, the app's by
 * CI — see examples/gitops); here they share one so the whole flow can be deployed and checked in one go.
 */
import { App, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { AkashCiFunding, AkashProvider, AkashService } from "akash-cdktf";

export class CiGrant extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const granterMnemonic = new TerraformVariable(this, "granter_mnemonic", {
      type: "string",
      sensitive: true,
      description: "Mnemonic of the account that pays (never the CI key's).",
    });
    const granterAddress = new TerraformVariable(this, "granter_address", {
      type: "string",
      description: "Address of that account (akash1…).",
    });
    const ciAddress = new TerraformVariable(this, "ci_address", {
      type: "string",
      description: "Address of the CI key (akash1…), whose mnemonic is AKASH_MNEMONIC.",
    });

    const granter = new AkashProvider(this, "granter", {
      alias: "granter",
      mnemonic: granterMnemonic.stringValue,
    });
    new AkashProvider(this, "akash", { granter: granterAddress.stringValue });

    const funding = new AkashCiFunding(this, "funding", {
      provider: granter,
      grantee: ciAddress.stringValue,
      depositLimit: "20000000uact",
      feeLimit: "5000000uakt",
    });

    const web = new AkashService(this, "web", {
      image: "nginx:1.27",
      expose: [{ port: 80 }],
      maxPricePerBlock: 1000,
      dependsOn: [funding.depositAuthorization, funding.feeAllowance],
    });

    new TerraformOutput(this, "uris", { value: web.uris });
    new TerraformOutput(this, "owner", { value: web.owner });
    new TerraformOutput(this, "dseq", { value: web.dseq });
    new TerraformOutput(this, "funded_by", { value: funding.granter });
    new TerraformOutput(this, "deposit_remaining", { value: funding.depositRemaining });
  }
}

const app = new App();
new CiGrant(app, "ci-grant");
app.synth();
