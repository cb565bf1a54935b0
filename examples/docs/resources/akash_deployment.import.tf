# A deployment of the provider's signing key: the ID is its dseq. For another owner use "<owner>/<dseq>".
# The SDL is not on chain: name the file it was created from after ",sdl=" so the import records it (its hash is
# checked against the chain) and the first plan is empty. Without it, the next apply records your SDL in place.
import {
  to = akash_deployment.web
  id = "1234567,sdl=deploy.yaml"
}
