"""Bearer authentication: ``Authorization: Bearer <client_id>:<api_key>:<api_secret>``."""

from __future__ import annotations

import hashlib
import time

from spidernest.errors import Forbidden, Unauthorized
from spidernest.store.clients import ClientStore
from spidernest.store.models import ClientRow

__all__ = ["FORMAT_MESSAGE", "Authenticator", "parse_token"]

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


class Authenticator:
    """Checks tokens against the client table, remembering good ones for ``ttl`` seconds.

    Clients poll status every few seconds; the short memory saves a database read per call.
    A disabled client is refused at most ``ttl`` seconds after ``clients disable``.
    """

    _MAX_ENTRIES = 10_000

    def __init__(self, clients: ClientStore, ttl: float = 5.0) -> None:
        self._clients = clients
        self._ttl = ttl
        self._known: dict[str, tuple[float, ClientRow]] = {}

    async def authenticate(self, header: str | None) -> ClientRow:
        """The client a header authenticates.

        Raises:
            Unauthorized: malformed header or wrong credentials.
            Forbidden: the client is disabled.
        """
        client_id, api_key, api_secret = parse_token(header)
        key = hashlib.sha256(f"{client_id}:{api_key}:{api_secret}".encode()).hexdigest()
        now = time.monotonic()
        cached = self._known.get(key)
        if cached is not None and now - cached[0] < self._ttl:
            client = cached[1]
        else:
            found = await self._clients.authenticate(client_id, api_key, api_secret)
            if found is None:
                self._known.pop(key, None)
                raise Unauthorized("Invalid API credentials")
            client = found
            if len(self._known) >= self._MAX_ENTRIES:
                self._known.clear()
            self._known[key] = (now, client)
        if not client.is_active:
            raise Forbidden("Client account is inactive")
        return client
