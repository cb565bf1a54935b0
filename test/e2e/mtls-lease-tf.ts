/**
 * A certificate published by Terraform, and a deployment whose lease talks to its provider over mTLS with that
 * certificate instead of a JWT.
 */
export const MTLS_LEASE_TF = `
resource "akash_certificate" "me" {}

resource "akash_deployment" "app" {
  sdl     = file("\${path.module}/deploy.yaml")
  deposit = "5000000uact"
}

resource "akash_lease" "app" {
  dseq                   = akash_deployment.app.dseq
  manifest               = akash_deployment.app.manifest_json
  provider_auth          = "mtls"
  client_certificate_pem = akash_certificate.me.cert_pem
  client_private_key_pem = akash_certificate.me.private_key_pem
  bid_policy {
    max_price = { uact = "1000" }
    collect   = "1s"
  }
}
`;
