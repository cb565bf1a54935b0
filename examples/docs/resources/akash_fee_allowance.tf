# Pay the transaction fees of a CI account from this account, at most 1 AKT per day and 20 AKT in total.
resource "akash_fee_allowance" "ci" {
  grantee            = "akash1rk090a6mq9gvm0h6ljf8kz8mrxglwwxsk4srxh"
  spend_limit        = ["20000000uakt"]
  period             = "24h"
  period_spend_limit = ["1000000uakt"]
  expiration         = "2030-01-01T00:00:00Z"
}

output "fees_left_today" {
  value = akash_fee_allowance.ci.period_remaining
}
