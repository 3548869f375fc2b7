"""Each fixture site, crawled as a new user would: exactly the contacts a person finds there.

The quality gate (``test_quality_gate.py``) pins totals over the whole fixture web; this test
names the site and the contact that went missing or crept in. The sites imitate what real
small businesses run on — WordPress with Elementor, Shopify, Squarespace, TYPO3, hand-written
pages — in several countries, with their decoys: placeholders, web-agency credits, share
buttons, commenters' addresses, authorities named in privacy policies, register and tax
numbers, prices, barcodes and dates. Later sites bring what a second pair of eyes found
missing: full-width Japanese forms and 〒 addresses, North American direct dials and vanity
numbers, Cloudflare-only addresses behind a consent banner and a chat widget, branch pages
of multi-location firms, partner and client lists with the partners' own contacts, e-mails
shown as images, theme placeholders, and a lender's number beside its domain.
"""

from __future__ import annotations

import pytest

from spidernest.net import Fetcher
from spidernest.services.site import SiteRequest, crawl_site
from tests.services.site.fixture_web import SITES, FixtureWeb
from tests.services.site.test_quality_gate import SOCIAL

NAMES = sorted(
    p.name
    for p in SITES.iterdir()
    if p.is_dir() and "needs_browser" not in (p / "_expected.json").read_text()
)


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


@pytest.mark.parametrize("name", NAMES)
async def test_site_reports_exactly_what_a_person_finds(
    web: FixtureWeb, fetcher: Fetcher, name: str
) -> None:
    site = web[name]
    expected = site.expected()
    result = await crawl_site(SiteRequest(url=site.url, max_pages=15), fetcher=fetcher)
    assert result.crawl_status == "success"
    assert set(result.emails) == set(expected["emails"])
    assert {p.e164 for p in result.phone_details} == set(expected["phones"])
    assert {"+" + _digits(f) for f in result.faxes} == set(expected["faxes"])
    socials = {k: getattr(result, k) for k in SOCIAL if getattr(result, k)}
    assert socials == expected["socials"]
    joined = " | ".join(result.addresses)
    assert [part for part in expected["addresses_contain"] if part not in joined] == []
    assert result.metadata.sitemap_used is expected["sitemap_used"]
    reported = [_digits(n) for n in [*result.phones, *result.faxes]]
    assert [d for d in expected["decoy_digits"] for n in reported if d in n] == []
    assert [e for e in expected["decoy_emails"] if e in result.emails] == []
    for path in expected.get("never_fetched", []):
        assert site.fetched(path) == [], path
