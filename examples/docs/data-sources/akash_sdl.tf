data "akash_sdl" "web" {
  sdl = file("${path.module}/deploy.yaml")
}

output "manifest_version" {
  value = data.akash_sdl.web.hash
}

output "services" {
  value = data.akash_sdl.web.services
}
