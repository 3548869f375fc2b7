"""The result model is the documented flat shape with nulls and empty lists."""

from __future__ import annotations

from spidernest.services.site.result import SOCIAL_FIELDS, SiteMetadata, SiteResult


def test_a_bare_result_has_every_field_with_empty_values() -> None:
    metadata = SiteMetadata(
        spa_enabled=True,
        sitemap_used=False,
        browser_rendering_available=False,
        crawl_strategy="bestfirst",
        total_emails_found=0,
        total_phones_found=0,
    )
    data = SiteResult(
        url="https://acme.de", pages_crawled=0, crawl_status="failed", metadata=metadata
    ).model_dump()
    assert all(data[name] is None for name in SOCIAL_FIELDS)
    assert len(SOCIAL_FIELDS) == 14
    assert data["emails"] == data["phones"] == data["addresses"] == data["team_members"] == []
    assert data["compendium"]["available"] is False
    assert data["markdown_compendium"] is None
