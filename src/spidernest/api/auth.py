"""Bearer authentication: ``Authorization: Bearer <client_id>:<api_key>:<api_secret>``."""

from __future__ import annotations

from spidernest.errors import Forbidden, Unauthorized
from spidernest.store.clients import ClientStore
from spidernest.store.models import ClientRow

__all__ = ["FORMAT_MESSAGE", "authenticate", "parse_token"]

FORMAT_MESSAGE = "Invalid authentication token format. Expected: client_id:api_key:api_secret"


def parse_token(header: str | None) -> tuple[str, str, str]:
    """Split an Authorization header into its three credential parts.

    Raises:
        Unauthorized: the header is missing or not ``Bearer cli_…:sk_…:secret_…``.
    """
    if not header:
        raise Unauthorized(FORMAT_MESSAGE)
    scheme, _, token = header.strip().partition(" ")
    parts = token.strip().split(":")
    if scheme.lower() != "bearer" or len(parts) != 3 or not all(parts):
        raise Unauthorized(FORMAT_MESSAGE)
    client_id, api_key, api_secret = parts
    if not (client_id.startswith("cli_") and api_key.startswith("sk_")):
        raise Unauthorized(FORMAT_MESSAGE)
    return client_id, api_key, api_secret


async def authenticate(clients: ClientStore, header: str | None) -> ClientRow:
    """The client a header authenticates.

    Raises:
        Unauthorized: malformed header or wrong credentials.
        Forbidden: the client is disabled.
    """
    client_id, api_key, api_secret = parse_token(header)
    client = await clients.authenticate(client_id, api_key, api_secret)
    if client is None:
        raise Unauthorized("Invalid API credentials")
    if not client.is_active:
        raise Forbidden("Client account is inactive")
    return client
