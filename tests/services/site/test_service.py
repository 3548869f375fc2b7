"""crawl_site end to end: the documented data shape, the compendium and the request presets."""

from __future__ import annotations

import json

from spidernest.config import SiteSettings
from spidernest.net import Fetcher
from spidernest.services.site import SiteRequest, SiteResult, crawl_site
from tests.services.site.fixture_web import FixtureWeb

DOCUMENTED_FIELDS = {
    "url", "pages_crawled", "crawl_status", "emails", "phones", "addresses", "linkedin",
    "twitter", "facebook", "instagram", "youtube", "github", "tiktok", "pinterest", "medium",
    "discord", "whatsapp", "telegram", "snapchat", "reddit", "markdown_compendium", "compendium",
    "company_vitals", "pain_points", "team_members", "lead_scoring", "personalization_hooks",
    "metadata",
}  # fmt: skip


async def test_data_has_every_documented_field(web: FixtureWeb, fetcher: Fetcher) -> None:
    result = await crawl_site(SiteRequest(url=web["de_handwerk"].url), fetcher=fetcher)
    data = json.loads(result.model_dump_json())
    assert set(data) >= DOCUMENTED_FIELDS
    assert set(data["compendium"]) == {
        "available", "chars", "cleanup_level", "storage_location", "download_url", "filename",
        "size_bytes", "content_hash", "estimated_tokens",
    }  # fmt: skip
    assert set(data["metadata"]) >= {
        "spa_enabled", "sitemap_used", "browser_rendering_available", "crawl_strategy",
        "total_emails_found", "total_phones_found",
    }  # fmt: skip
    assert data["company_vitals"] is None
    assert data["lead_scoring"] is None
    assert data["pain_points"] is None
    assert data["team_members"] == []
    assert data["markdown_compendium"] is None  # contacts mode: no compendium
    assert data["compendium"]["available"] is False
    assert data["phone_details"][0]["e164"] == "+493044556677"
    assert data["faxes"] == ["+49 30 44556678"]
    assert data["metadata"]["total_emails_found"] >= len(data["emails"])


async def test_fit_compendium_drops_repeated_blocks_and_orders_by_priority(
    web: FixtureWeb, fetcher: Fetcher
) -> None:
    request = SiteRequest(url=web["de_handwerk"].url, mode="compendium")
    result = await crawl_site(request, fetcher=fetcher)
    markdown = result.markdown_compendium
    assert markdown is not None
    assert result.compendium.cleanup_level == "fit"
    assert result.compendium.chars == len(markdown)
    assert result.compendium.estimated_tokens == (len(markdown) + 3) // 4
    sources = [
        line.removeprefix("Source: ")
        for line in markdown.splitlines()
        if line.startswith("Source: ")
    ]
    assert sources[0] == web["de_handwerk"].url  # home page first
    assert sources[1].endswith(("/kontakt", "/impressum"))  # then the contact pages
    assert "\n\n---\n\n" in markdown
    assert markdown.count("Maßmöbel aus Meisterhand") == 1
    assert "Über uns" not in markdown.split("Source:")[1]  # navigation removed by trafilatura


async def test_raw_compendium_keeps_everything_once_and_respects_max_chars(
    web: FixtureWeb, fetcher: Fetcher
) -> None:
    payload = {
        "url": web["de_handwerk"].url,
        "mode": "compendium",
        "compendium": {"cleanup_level": "raw"},
    }
    result = await crawl_site(SiteRequest.model_validate(payload), fetcher=fetcher)
    markdown = result.markdown_compendium or ""
    assert markdown.count("Schönhauser Allee 12") <= 2  # footer once (+ imprint body once)
    assert "Leistungen" in markdown  # navigation kept at raw level
    payload["compendium"] = {"cleanup_level": "raw", "max_chars": 1000}
    short = await crawl_site(SiteRequest.model_validate(payload), fetcher=fetcher)
    assert short.compendium.chars <= 1000


async def test_citations_and_minimal_levels(web: FixtureWeb, fetcher: Fetcher) -> None:
    base = {"url": web["en_blog"].url, "max_pages": 3, "mode": "compendium"}
    cited = await crawl_site(
        SiteRequest.model_validate({**base, "compendium": {"cleanup_level": "citations"}}),
        fetcher=fetcher,
    )
    assert "[1]: http" in (cited.markdown_compendium or "")
    minimal = await crawl_site(
        SiteRequest.model_validate({**base, "compendium": {"cleanup_level": "minimal"}}),
        fetcher=fetcher,
    )
    fit = await crawl_site(SiteRequest.model_validate(base), fetcher=fetcher)
    assert 0 < minimal.compendium.chars < fit.compendium.chars


async def test_extract_flags_switch_fields_off(web: FixtureWeb, fetcher: Fetcher) -> None:
    payload = {"url": web["uk_shop"].url, "extract_emails": False, "extract_social": False}
    result: SiteResult = await crawl_site(SiteRequest.model_validate(payload), fetcher=fetcher)
    assert result.emails == []
    assert result.twitter is None
    assert result.phones == ["+44 20 7946 0321"]


async def test_team_members_come_from_structured_data_when_asked(
    web: FixtureWeb, fetcher: Fetcher
) -> None:
    site = web["it_studio"]
    plain = await crawl_site(SiteRequest(url=site.url), fetcher=fetcher)
    assert plain.team_members == []
    asked = await crawl_site(SiteRequest(url=site.url, extract_team=True), fetcher=fetcher)
    assert [(m.name, m.title) for m in asked.team_members] == [
        ("Giulia Rossi", "Architetto, fondatrice")
    ]


async def test_pages_started_during_the_crawl_give_the_same_compendium(
    web: FixtureWeb, fetcher: Fetcher
) -> None:
    # 7 pages: the first chunks start during the crawl, the rest after it. A compendium
    # max_pages below the crawl's makes every page wait for the end.
    base = {"url": web["de_handwerk"].url, "max_pages": 15, "mode": "compendium"}
    one_at_a_time = SiteSettings(max_concurrency=1)  # the same crawl order both times
    during = await crawl_site(
        SiteRequest.model_validate(base), fetcher=fetcher, settings=one_at_a_time
    )
    after = await crawl_site(
        SiteRequest.model_validate({**base, "compendium": {"max_pages": 14}}),
        fetcher=fetcher,
        settings=one_at_a_time,
    )
    assert during.pages_crawled == 7
    assert during.compendium.cleanup_level == after.compendium.cleanup_level == "fit"
    assert during.markdown_compendium == after.markdown_compendium
