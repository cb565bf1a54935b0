# "<grantee>" for an allowance the provider's signing key granted, or "<granter>/<grantee>".
import {
  to = akash_fee_allowance.ci
  id = "akash1rk090a6mq9gvm0h6ljf8kz8mrxglwwxsk4srxh"
}
