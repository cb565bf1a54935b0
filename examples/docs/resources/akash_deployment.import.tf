# A deployment of the provider's signing key: the ID is its dseq. For another owner use "<owner>/<dseq>".
import {
  to = akash_deployment.web
  id = "1234567"
}
