data "akash_providers" "us_west" {
  attributes = {
    region = "us-west"
  }
}
