/**
 * hello-world: one web service on Akash, deployed by `npm start` to the embedded localnet.
 * The provider reads AKASH_NODE and AKASH_MNEMONIC from the environment.
 */
import { App, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AkashProvider, AkashService } from "akash-cdktf";

export class HelloWorld extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AkashProvider(this, "akash", {});
    const web = new AkashService(this, "web", {
      image: "nginx:1.27",
      cpu: 0.5,
      memory: "512Mi",
      storage: "1Gi",
      expose: [{ port: 80 }],
      maxPricePerBlock: 1000,
    });
    new TerraformOutput(this, "uris", { value: web.uris });
    new TerraformOutput(this, "provider", { value: web.provider });
    new TerraformOutput(this, "price", { value: web.price });
    new TerraformOutput(this, "dseq", { value: web.dseq });
    new TerraformOutput(this, "owner", { value: web.owner });
  }
}

const app = new App();
new HelloWorld(app, "hello-world");
app.synth();
