"""The optional DNSBL check of the MX hosts' addresses, against the loopback DNS server."""

from __future__ import annotations

from spidernest.config import VerifySettings
from spidernest.services.verify import VerifyRequest, verify_emails


async def test_dnsbl_reports_listings_of_the_mx_addresses(
    verify_settings: VerifySettings,
) -> None:
    settings = verify_settings.model_copy(
        update={"dnsbl_zones": ("listed.test", "clean.test", "refusing.test")}
    )
    result = await verify_emails(
        VerifyRequest(emails=["alice@acme.test", "x@nowhere.test"], check_dnsbl=True),
        settings=settings,
    )
    report = result.results[0].dnsbl
    assert report is not None
    assert report.blacklists_hit == ["listed.test"]
    assert report.spam_trap_risk == 33
    assert report.error is not None
    assert "refusing.test" in report.error
    assert report.checked_at
    no_hosts = result.results[1].dnsbl
    assert no_hosts is not None
    assert no_hosts.blacklists_hit == []
    unchecked = await verify_emails(VerifyRequest(email="alice@acme.test"), settings=settings)
    assert unchecked.results[0].dnsbl is None
