# Let a CI account fund its deployments' escrow from this account, up to 50 ACT.
resource "akash_deposit_authorization" "ci" {
  grantee      = "akash1rk090a6mq9gvm0h6ljf8kz8mrxglwwxsk4srxh"
  spend_limits = ["50000000uact"]
  scopes       = ["deployment"]
  expiration   = "2030-01-01T00:00:00Z"
}

output "deposits_left" {
  value = akash_deposit_authorization.ci.remaining
}
