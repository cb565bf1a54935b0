# Compiles an SDL with the akash provider: no node, no key, no network needed.
terraform {
  required_providers {
    akash = { source = "akash-cdktf/akash" }
  }
}

provider "akash" {}

data "akash_sdl" "web" {
  sdl = file("${path.module}/deploy.yaml")
}

output "hash" {
  value = data.akash_sdl.web.hash
}

output "services" {
  value = data.akash_sdl.web.services
}

output "group_specs" {
  value = jsondecode(data.akash_sdl.web.group_specs_json)
}
