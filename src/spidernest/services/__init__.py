"""The domain services, one package each; no database, no web framework."""
