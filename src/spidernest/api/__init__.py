"""The HTTP API: FastAPI routers per resource, auth, rate limits and response formats."""
