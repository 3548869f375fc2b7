"""The payload's bounds, 422 rules and mode presets."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from spidernest.services.site.request import SiteRequest, plan_crawl


@pytest.mark.parametrize(
    "payload",
    [
        {"url": ""},
        {"url": "x" * 2049},
        {"url": "ftp://example.com"},
        {"url": "https://example.com", "max_pages": 51},
        {"url": "https://example.com", "max_pages": 0},
        {"url": "https://example.com", "timeout": 9},
        {"url": "https://example.com", "spa_timeout": 121},
        {"url": "https://example.com", "crawl_strategy": "random"},
        {"url": "https://example.com", "mode": "everything"},
        {"url": "https://example.com", "product_description": "CRM"},
        {"url": "https://example.com", "icp_description": "SMBs"},
        {"url": "https://example.com", "product_description": "x" * 1025, "icp_description": "y"},
        {"url": "https://example.com", "compendium": {"max_chars": 999}},
        {"url": "https://example.com", "compendium": {"cleanup_level": "tidy"}},
        {"url": "https://example.com", "custom_ai_prompt": {"enabled": True}},
        {"url": "https://example.com", "max_page": 5},
    ],
)
def test_invalid_payloads_are_rejected(payload: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        SiteRequest.model_validate(payload)


def test_defaults_and_contacts_preset() -> None:
    request = SiteRequest(url="example.com")
    assert request.url == "https://example.com"
    plan = plan_crawl(request)
    assert (plan.max_pages, plan.strategy, plan.compendium) == (10, "bestfirst", None)
    assert plan.target_pages == ("contact", "about", "team", "news", "blog")
    assert plan.extract_team is False


def test_presets_and_explicit_values() -> None:
    leads = plan_crawl(SiteRequest(url="https://example.com", mode="leads"))
    assert leads.max_pages == 50
    assert leads.extract_team is True
    assert leads.compendium is not None
    assert leads.compendium.cleanup_level == "fit"
    full = plan_crawl(SiteRequest(url="https://example.com", mode="full"))
    assert full.max_pages == 100
    assert full.compendium is not None
    assert (full.compendium.cleanup_level, full.compendium.max_chars) == ("raw", 200_000)
    explicit = SiteRequest.model_validate(
        {
            "url": "https://example.com",
            "mode": "full",
            "max_pages": 7,
            "compendium": {"cleanup_level": "minimal"},
        }
    )
    plan = plan_crawl(explicit)
    assert plan.max_pages == 7
    assert plan.compendium is not None
    assert (plan.compendium.cleanup_level, plan.compendium.max_chars) == ("minimal", 200_000)
    off = SiteRequest.model_validate(
        {"url": "https://example.com", "mode": "leads", "compendium": {"enabled": False}}
    )
    assert plan_crawl(off).compendium is None
    both = SiteRequest(url="https://example.com", product_description="CRM", icp_description="SMB")
    assert both.product_description == "CRM"
