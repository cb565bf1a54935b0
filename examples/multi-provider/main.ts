/**
 * multi-provider: a frontend, a backend and a PostgreSQL database, each on a different provider (picked by region),
 * the database's data on a persistent volume. Addresses flow as tokens: the database's forwarded port goes into the
 * backend's env, the backend's URL into the frontend's env, so terraform creates them in that order.
 *
 * The database password comes from the `db_password` variable (TF_VAR_db_password), never from code.
 * The provider reads AKASH_NODE and AKASH_MNEMONIC from the environment.
 */
import { App, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { AkashProvider, AkashService, postgres } from "akash-cdktf";

export class MultiProvider extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AkashProvider(this, "akash", {});
    const password = new TerraformVariable(this, "db_password", {
      type: "string",
      sensitive: true,
      description: "Password of the database's postgres user.",
    });

    const db = new AkashService(this, "db", {
      ...postgres({ password: password.stringValue, size: "5Gi" }),
      placement: { attributes: { region: "ap-south" } },
      maxPricePerBlock: 5000,
    });
    const dbAddress = db.forwardedPort(5432).address;

    const backend = new AkashService(this, "api", {
      image: "ghcr.io/example/api:1.4.2",
      env: { DATABASE_ADDRESS: dbAddress, DATABASE_NAME: "app" },
      cpu: 1,
      memory: "1Gi",
      expose: [{ port: 8080, as: 80 }],
      placement: { attributes: { region: "eu-central" } },
      maxPricePerBlock: 5000,
    });

    const frontend = new AkashService(this, "web", {
      image: "ghcr.io/example/web:2.0.0",
      env: { BACKEND_URL: backend.url },
      expose: [{ port: 3000, as: 80 }],
      placement: { attributes: { region: "us-west" } },
      maxPricePerBlock: 5000,
    });

    new TerraformOutput(this, "frontend_url", { value: frontend.url });
    new TerraformOutput(this, "backend_url", { value: backend.url });
    new TerraformOutput(this, "db_address", { value: dbAddress });
    new TerraformOutput(this, "providers", {
      value: { frontend: frontend.provider, backend: backend.provider, db: db.provider },
    });
    new TerraformOutput(this, "dseqs", {
      value: { frontend: frontend.dseq, backend: backend.dseq, db: db.dseq },
    });
  }
}

const app = new App();
new MultiProvider(app, "multi-provider");
app.synth();
