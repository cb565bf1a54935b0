# hello-world in plain Terraform HCL: one web service on Akash.
# The provider reads AKASH_NODE and AKASH_MNEMONIC from the environment.
terraform {
  required_providers {
    akash = { source = "akash-cdktf/akash" }
  }
}

provider "akash" {}

resource "akash_deployment" "web" {
  sdl     = file("${path.module}/deploy.yaml")
  deposit = "5000000uact"
}

resource "akash_lease" "web" {
  dseq     = akash_deployment.web.dseq
  manifest = akash_deployment.web.manifest_json

  bid_policy {
    max_price = { uact = "1000" }
  }
}

output "uris" {
  value = akash_lease.web.uris
}

output "provider" {
  value = akash_lease.web.provider_address
}

output "price_per_block" {
  value = akash_lease.web.price
}

