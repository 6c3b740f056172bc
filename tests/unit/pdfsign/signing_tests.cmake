# signing and verification tests
