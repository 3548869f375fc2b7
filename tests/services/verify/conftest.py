"""Loopback DNS and SMTP peers shared by the verify tests of this package."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from spidernest.config import VerifySettings
from tests.services.verify.peers import Peers, start_world, stopping


@pytest.fixture(scope="package")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Peers]:
    """The DNS server and every mail host of ``peers.py``, started once for the package."""
    yield from stopping(start_world(tmp_path_factory.mktemp("tls")))


@pytest.fixture
def verify_settings(world: Peers) -> VerifySettings:
    """Settings that send DNS and SMTP to the loopback peers, with quick greylist retries."""
    return VerifySettings(
        dns_servers=(world.dns.address,),
        dns_timeout=1.0,
        smtp_port=world.smtp_port,
        hello_name="verifier.test",
        from_email="probe@verifier.test",
        greylist_retry_delay=0.2,
        allow_private_mail_hosts=True,
    )
