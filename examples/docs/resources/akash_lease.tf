resource "akash_deployment" "web" {
  sdl = file("${path.module}/deploy.yaml")
}

resource "akash_lease" "web" {
  dseq     = akash_deployment.web.dseq
  manifest = akash_deployment.web.manifest_json

  bid_policy {
    strategy   = "cheapest"
    max_price  = { uact = "1000" }
    audited_by = ["akash1365yvmc4s7awdyj3n2sav7xfx76adc6dnmlx63"]
  }
}

output "uris" {
  value = akash_lease.web.uris
}
