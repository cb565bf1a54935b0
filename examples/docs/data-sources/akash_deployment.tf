data "akash_deployment" "existing" {
  dseq = "1234567"
}

output "escrow_runway" {
  value = data.akash_deployment.existing.runway
}
