"""The optional Gravatar check, through the Fetcher, against a local stand-in."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from spidernest.config import NetSettings, VerifySettings
from spidernest.errors import InvalidInput
from spidernest.net import Fetcher
from spidernest.services.verify import VerifyRequest, verify_emails

KNOWN = hashlib.sha256(b"alice@acme.test").hexdigest()


class _Gravatar(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        found = self.path.startswith(f"/avatar/{KNOWN}?")
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "image/png" if found else "text/plain")
        self.end_headers()
        self.wfile.write(b"\x89PNG" if found else b"not found")

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture(scope="module")
def gravatar_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Gravatar)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


async def test_gravatar_found_and_not_found(
    verify_settings: VerifySettings, gravatar_url: str
) -> None:
    settings = verify_settings.model_copy(update={"gravatar_url": gravatar_url})
    request = VerifyRequest(
        emails=["Alice@acme.test", "bob@acme.test"], check_gravatar=True, smtp_timeout_secs=10
    )
    async with Fetcher(NetSettings(allow_private_networks=True)) as fetcher:
        result = await verify_emails(request, settings=settings, fetcher=fetcher)
    alice, bob = result.results
    assert alice.gravatar_url == f"{gravatar_url}/avatar/{KNOWN}"
    assert alice.flags.has_gravatar
    assert bob.gravatar_url is None
    assert not bob.flags.has_gravatar


async def test_gravatar_needs_a_fetcher(verify_settings: VerifySettings) -> None:
    with pytest.raises(InvalidInput):
        await verify_emails(
            VerifyRequest(email="alice@acme.test", check_gravatar=True), settings=verify_settings
        )
