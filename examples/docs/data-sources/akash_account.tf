# The account of the provider's signing key.
data "akash_account" "me" {}

output "address" {
  value = data.akash_account.me.address
}
