# What this account received: deposit authorizations and fee allowances, with what is left of them.
data "akash_authorizations" "received" {
  role = "grantee"
}

output "deposit_grants" {
  value = [for g in data.akash_authorizations.received.deposit_authorizations : "${g.granter}: ${join(", ", g.spend_limits)}"]
}

output "fee_allowances" {
  value = data.akash_authorizations.received.fee_allowances
}
