"""Bearer authentication: documented messages, disabled clients, no secrets stored in clear."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from spidernest.api.auth import Authenticator
from spidernest.errors import Forbidden, Unauthorized
from spidernest.store.clients import ClientStore
from spidernest.store.database import Database
from spidernest.store.models import ClientRow
from tests.support.servers import LiveApp

FORMAT_MESSAGE = "Invalid authentication token format. Expected: client_id:api_key:api_secret"


def test_missing_or_malformed_token_is_401_with_the_documented_message(live: LiveApp) -> None:
    with httpx.Client(base_url=live.base_url) as anonymous:
        for headers in (
            {},
            {"Authorization": "Bearer"},
            {"Authorization": "Bearer just-one-part"},
            {"Authorization": "Basic cli_x:sk_y:secret_z"},
            {"Authorization": "Bearer cli_x:sk_y"},
        ):
            response = anonymous.get("/api/v1/jobs/list", headers=headers)
            assert response.status_code == 401, headers
            assert response.json() == {"detail": FORMAT_MESSAGE}
            assert response.headers["www-authenticate"] == "Bearer"


def test_wrong_secret_is_401_and_disabled_client_is_403(live: LiveApp) -> None:
    with live.client() as client:
        token = client.headers["authorization"].removeprefix("Bearer ")
        client_id, api_key, _ = token.split(":")
        wrong = client.get(
            "/api/v1/jobs/list",
            headers={"Authorization": f"Bearer {client_id}:{api_key}:secret_wrong"},
        )
        assert wrong.status_code == 401
        assert wrong.json() == {"detail": "Invalid API credentials"}
        assert client.get("/api/v1/jobs/list").status_code == 200

        async def disable() -> None:
            database = Database(live.settings.resolved_database_url)
            await ClientStore(database).set_active(client_id, False)
            await database.aclose()

        asyncio.run(disable())
        disabled = client.get("/api/v1/jobs/list")
        assert disabled.status_code == 403
        assert disabled.json() == {"detail": "Client account is inactive"}


def test_credentials_are_stored_only_as_hashes(live: LiveApp) -> None:
    with live.client("hashed") as client:
        token = client.headers["authorization"].removeprefix("Bearer ")
        client_id, api_key, api_secret = token.split(":")
        assert len(client_id) == len("cli_") + 15
        assert api_key.startswith("sk_")
        assert len(api_key) == 50
        assert api_secret.startswith("secret_")
        assert len(api_secret) == 55

        async def load() -> ClientRow:
            database = Database(live.settings.resolved_database_url)
            row = await database.run(
                lambda session: session.scalar(
                    sa.select(ClientRow).where(ClientRow.id == client_id)
                )
            )
            await database.aclose()
            assert row is not None
            return row

        row = asyncio.run(load())
        assert api_key not in (row.key_hash, row.secret_hash)
        assert api_secret not in (row.key_hash, row.secret_hash)


async def test_verified_tokens_are_remembered_for_the_ttl_only(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'auth.sqlite'}")
    database.migrate()
    clients = ClientStore(database)
    credential = await clients.create("cached")
    header = f"Bearer {credential.token}"
    remembering = Authenticator(clients, ttl=300)
    forgetting = Authenticator(clients, ttl=0)
    assert (await remembering.authenticate(header)).id == credential.client_id
    await clients.set_active(credential.client_id, False)
    # Within the TTL the remembered (active) client is still accepted ...
    assert (await remembering.authenticate(header)).id == credential.client_id
    # ... and without memory the change shows at once.
    with pytest.raises(Forbidden):
        await forgetting.authenticate(header)
    with pytest.raises(Unauthorized):
        await remembering.authenticate(header.replace(credential.api_secret, "secret_x"))
    await database.aclose()
