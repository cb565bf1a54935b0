# "<dseq>/<gseq>/<oseq>/<provider>" for leases of the provider's signing key,
# or "<owner>/<dseq>/<gseq>/<oseq>/<provider>".
import {
  to = akash_lease.web
  id = "1234567/1/1/akash1rk090a6mq9gvm0h6ljf8kz8mrxglwwxsk4srxh"
}
