# The owner's client certificate, published on chain. Leases can then talk to their provider over mTLS
# instead of JWTs.
resource "akash_certificate" "client" {
  validity     = "8760h" # one year
  renew_before = "720h"  # replaced a month before it expires
}

resource "akash_deployment" "web" {
  sdl = file("${path.module}/deploy.yaml")
}

resource "akash_lease" "web" {
  dseq     = akash_deployment.web.dseq
  manifest = akash_deployment.web.manifest_json

  provider_auth          = "mtls"
  client_certificate_pem = akash_certificate.client.cert_pem
  client_private_key_pem = akash_certificate.client.private_key_pem
}
