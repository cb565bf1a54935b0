terraform {
  required_providers {
    akash = {
      source = "akash-cdktf/akash"
    }
  }
}

# The signing key comes from AKASH_MNEMONIC, so it never appears in configuration.
provider "akash" {
  node     = "https://rpc.akashnet.net:443"
  chain_id = "akashnet-2"
}
