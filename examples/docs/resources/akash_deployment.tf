resource "akash_deployment" "web" {
  sdl     = file("${path.module}/deploy.yaml")
  deposit = "5000000uact"

  timeouts {
    create = "10m"
  }
}

output "dseq" {
  value = akash_deployment.web.dseq
}
