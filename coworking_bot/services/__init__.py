"""Use cases, one module per feature. They take repositories and gateways by Protocol."""
