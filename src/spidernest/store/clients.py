"""API clients: issuing credentials, checking tokens, listing and disabling."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import string
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spidernest.store.database import Database
from spidernest.store.models import ClientRow

__all__ = ["ClientStore", "Credential", "hash_secret"]

_ALPHABET = string.ascii_lowercase + string.digits


def _random(length: int) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def hash_secret(value: str) -> str:
    """SHA-256 of a credential part: the parts are random, so no slow hash is needed."""
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Credential:
    """A freshly issued credential; the only time key and secret exist in clear."""

    client_id: str
    name: str
    api_key: str
    api_secret: str

    @property
    def token(self) -> str:
        """The bearer token: ``client_id:api_key:api_secret``."""
        return f"{self.client_id}:{self.api_key}:{self.api_secret}"


class ClientStore:
    """Reads and writes the ``clients`` table."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def create(self, name: str) -> Credential:
        """Issue a new client; formats as documented (``cli_``+15, ``sk_``+47, ``secret_``+48)."""
        credential = Credential(
            client_id="cli_" + _random(15),
            name=name,
            api_key="sk_" + _random(47),
            api_secret="secret_" + _random(48),
        )
        row = ClientRow(
            id=credential.client_id,
            name=name,
            key_hash=hash_secret(credential.api_key),
            secret_hash=hash_secret(credential.api_secret),
            is_active=True,
        )
        await self._db.run(lambda session: session.add(row), write=True)
        return credential

    async def authenticate(self, client_id: str, api_key: str, api_secret: str) -> ClientRow | None:
        """The client whose key and secret match, or ``None`` (inactive clients are returned)."""
        row = await self._db.run(lambda session: session.get(ClientRow, client_id))
        if row is None:
            return None
        key_ok = hmac.compare_digest(row.key_hash, hash_secret(api_key))
        secret_ok = hmac.compare_digest(row.secret_hash, hash_secret(api_secret))
        return row if key_ok and secret_ok else None

    async def list(self) -> list[ClientRow]:
        """Every client, oldest first."""
        return await self._db.run(
            lambda session: list(
                session.scalars(sa.select(ClientRow).order_by(ClientRow.created_at))
            )
        )

    async def count(self) -> int:
        """How many clients exist."""
        count = await self._db.run(
            lambda session: session.scalar(sa.select(sa.func.count()).select_from(ClientRow))
        )
        return int(count or 0)

    async def set_active(self, client_id: str, active: bool) -> bool:
        """Enable or disable a client; ``False`` when there is no such client."""

        def update(session: Session) -> bool:
            result = session.execute(
                sa.update(ClientRow).where(ClientRow.id == client_id).values(is_active=active)
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]

        return await self._db.run(update, write=True)
