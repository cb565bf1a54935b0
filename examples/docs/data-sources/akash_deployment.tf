data "akash_deployment" "existing" {
  dseq = "1234567"
}

output "state" {
  value = data.akash_deployment.existing.state
}

output "escrow_funds" {
  value = data.akash_deployment.existing.escrow_funds
}
