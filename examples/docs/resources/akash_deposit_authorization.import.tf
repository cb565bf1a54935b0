# "<grantee>" for a grant of the provider's signing key, or "<granter>/<grantee>".
import {
  to = akash_deposit_authorization.ci
  id = "akash1rk090a6mq9gvm0h6ljf8kz8mrxglwwxsk4srxh"
}
