"""Mail hosts from DNS, against a real DNS server on loopback."""

from __future__ import annotations

import pytest

from spidernest.config import VerifySettings
from spidernest.errors import DNSError
from spidernest.services.verify.dns import MailResolver, parse_nameserver
from spidernest.services.verify.score import DomainState


async def test_mx_hosts_in_preference_order(verify_settings: VerifySettings) -> None:
    mail = await MailResolver(verify_settings).mail_domain("fallback.test")
    assert mail.state is DomainState.OK
    assert mail.mx_records == ["mx1.fallback.test", "mx.acme.test"]
    assert [host.addresses for host in mail.hosts] == [("127.0.0.7",), ("127.0.0.1",)]
    assert mail.mx_found


async def test_only_the_first_mx_hosts_are_kept(verify_settings: VerifySettings) -> None:
    mail = await MailResolver(verify_settings).mail_domain("many.test")
    assert len(mail.mx_records) == 5
    assert [host.name for host in mail.hosts] == ["mx1.many.test", "mx2.many.test", "mx3.many.test"]


async def test_implicit_mx_uses_the_domain_address(verify_settings: VerifySettings) -> None:
    mail = await MailResolver(verify_settings).mail_domain("amx.test")
    assert mail.state is DomainState.OK
    assert not mail.mx_found
    assert [(host.name, host.addresses) for host in mail.hosts] == [("amx.test", ("127.0.0.1",))]


@pytest.mark.parametrize(
    ("domain", "state"),
    [
        ("nowhere.test", DomainState.NOT_FOUND),
        ("nullmx.test", DomainState.NO_MAIL_HOST),
        ("nomail.test", DomainState.NO_MAIL_HOST),
        ("mxgone.test", DomainState.NO_MAIL_HOST),
    ],
)
async def test_domains_that_cannot_receive_mail(
    verify_settings: VerifySettings, domain: str, state: DomainState
) -> None:
    assert (await MailResolver(verify_settings).mail_domain(domain)).state is state


@pytest.mark.parametrize("domain", ["broken.test", "slow.test"])
async def test_failures_raise_dns_error(verify_settings: VerifySettings, domain: str) -> None:
    with pytest.raises(DNSError):
        await MailResolver(verify_settings).mail_domain(domain)


def test_nameserver_forms() -> None:
    assert (
        parse_nameserver("127.0.0.1:5353").address,
        parse_nameserver("127.0.0.1:5353").port,
    ) == (
        "127.0.0.1",
        5353,
    )
    assert parse_nameserver("9.9.9.9").port == 53
    assert (parse_nameserver("[::1]:5300").address, parse_nameserver("[::1]:5300").port) == (
        "::1",
        5300,
    )
