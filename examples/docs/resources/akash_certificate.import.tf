# "<serial>" (decimal) for a certificate of the provider's signing key, or "<owner>/<serial>".
# The private key is not on chain: an imported certificate can be tracked and revoked, not used for mTLS.
import {
  to = akash_certificate.client
  id = "170141183460469231731687303715884105727"
}
