"""The company running a domain's mail, read from its MX host names."""

from __future__ import annotations

import pytest

from spidernest.services.verify.provider import accepts_any_recipient, detect_provider


@pytest.mark.parametrize(
    ("hosts", "provider"),
    [
        (["aspmx.l.google.com", "alt1.aspmx.l.google.com"], "google"),
        (["smtp.google.com"], "google"),
        (["acme-com.mail.protection.outlook.com"], "Microsoft"),
        (["hotmail-com.olc.protection.outlook.com"], "Microsoft"),
        (["mta5.am0.yahoodns.net"], "Yahoo"),
        (["mx.zoho.eu"], "Zoho"),
        (["mail.protonmail.ch"], "ProtonMail"),
        (["mx01.mail.icloud.com"], "iCloud"),
        (["mx1.secureserver.net"], "GoDaddy"),
        (["mx1.privateemail.com"], "Namecheap"),
        (["inbound-smtp.eu-west-1.amazonaws.com"], "Amazon SES"),
        (["mx.sendgrid.net"], "SendGrid"),
        (["mxa.mailgun.org"], "Mailgun"),
        (["mail.acme.com"], "Other"),
        ([], None),
    ],
)
def test_provider_from_mx_hosts(hosts: list[str], provider: str | None) -> None:
    assert detect_provider(hosts) == provider


def test_only_yahoo_is_known_to_accept_any_recipient() -> None:
    assert accepts_any_recipient(detect_provider(["mta6.am0.yahoodns.net"]))
    assert not accepts_any_recipient(detect_provider(["aspmx.l.google.com"]))
    assert not accepts_any_recipient(None)
