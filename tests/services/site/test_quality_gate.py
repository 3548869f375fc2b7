"""Quality gate: precision and recall of extraction over the whole fixture web.

Every fixture site is crawled with default settings; what is reported is compared with the
site's ``_expected.json``. The floors live in ``tests/fixtures/site/quality_floors.json``
(trafilatura's eval gate is the model): any drop fails.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spidernest.net import Fetcher
from spidernest.services.site import SiteRequest, SiteResult, crawl_site
from tests.services.site.fixture_web import FixtureWeb

FLOORS = Path(__file__).resolve().parents[2] / "fixtures" / "site" / "quality_floors.json"
SOCIAL = (
    "linkedin", "twitter", "facebook", "instagram", "youtube", "github", "tiktok",
    "pinterest", "medium", "discord", "whatsapp", "telegram", "snapchat", "reddit",
)  # fmt: skip


def _counts(expected: set[str], reported: set[str]) -> tuple[int, int, int]:
    return len(expected & reported), len(reported), len(expected)


def _observe(result: SiteResult, expected: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    socials = {f"{k}={getattr(result, k)}" for k in SOCIAL if getattr(result, k)}
    faxes = set(expected["faxes"])
    reported_faxes = {"+" + "".join(ch for ch in f if ch.isdigit()) for f in result.faxes}
    return {
        "emails": _counts(set(expected["emails"]), set(result.emails)),
        "phones": _counts(set(expected["phones"]), {p.e164 or "" for p in result.phone_details}),
        "faxes": _counts(faxes, reported_faxes),
        "socials": _counts({f"{k}={v}" for k, v in expected["socials"].items()}, socials),
    }


def _decoys(result: SiteResult, expected: dict[str, Any]) -> list[str]:
    found = [e for e in expected["decoy_emails"] if e in result.emails]
    numbers = [p.e164 or "" for p in result.phone_details] + result.faxes
    digits = ["".join(ch for ch in n if ch.isdigit()) for n in numbers]
    found += [d for d in expected["decoy_digits"] for n in digits if d in n]
    return found


async def test_extraction_meets_the_pinned_floors(web: FixtureWeb, fetcher: Fetcher) -> None:
    floors = json.loads(FLOORS.read_text())
    totals: dict[str, list[int]] = {k: [0, 0, 0] for k in ("emails", "phones", "faxes", "socials")}
    address_hits = address_total = 0
    decoys: dict[str, list[str]] = {}
    for name, site in web.sites.items():
        expected = site.expected()
        if expected.get("needs_browser"):
            continue  # covered by the Chromium test
        result = await crawl_site(SiteRequest(url=site.url, max_pages=15), fetcher=fetcher)
        assert result.crawl_status == "success", name
        for key, (hits, reported, wanted) in _observe(result, expected).items():
            totals[key][0] += hits
            totals[key][1] += reported
            totals[key][2] += wanted
        joined = " | ".join(result.addresses)
        address_hits += sum(part in joined for part in expected["addresses_contain"])
        address_total += len(expected["addresses_contain"])
        if found := _decoys(result, expected):
            decoys[name] = found
    for key, (hits, reported, wanted) in totals.items():
        precision = hits / reported if reported else 1.0
        recall = hits / wanted if wanted else 1.0
        assert precision >= floors[key]["precision"], (key, "precision", precision)
        assert recall >= floors[key]["recall"], (key, "recall", recall)
    assert address_hits / address_total >= floors["addresses"]["recall"]
    assert sum(len(v) for v in decoys.values()) <= floors["decoys_reported"], decoys
