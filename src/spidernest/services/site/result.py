"""The SpiderSite ``data`` object, exactly as the results page documents it (plus a few extras).

Every documented field is always present (``null`` / ``[]`` when it does not apply). Extras,
documented in ``docs/site.md``: ``phone_details`` (E.164 and friends, the newer shape of the
docs), ``faxes`` (fax numbers kept apart from ``phones``) and ``metadata.pages_rendered`` /
``metadata.pages_failed``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

__all__ = [
    "SOCIAL_FIELDS",
    "CompendiumInfo",
    "PhoneDetail",
    "SiteMetadata",
    "SiteResult",
    "TeamMember",
]

SOCIAL_FIELDS = (
    "linkedin",
    "twitter",
    "facebook",
    "instagram",
    "youtube",
    "github",
    "tiktok",
    "pinterest",
    "medium",
    "discord",
    "whatsapp",
    "telegram",
    "snapchat",
    "reddit",
)


class PhoneDetail(BaseModel):
    """One phone number parsed with libphonenumber (``type`` as libphonenumber names it)."""

    raw: str
    e164: str | None
    national: str | None
    international: str | None
    country_code: int | None
    type: str
    valid: bool


class TeamMember(BaseModel):
    """A person named on the site's own structured data (schema.org Person)."""

    name: str
    title: str | None = None
    email: str | None = None
    linkedin: str | None = None


class CompendiumInfo(BaseModel):
    """Where the markdown compendium lives and how big it is."""

    available: bool = False
    chars: int = 0
    cleanup_level: str | None = None
    storage_location: str | None = None
    download_url: str | None = None
    filename: str | None = None
    size_bytes: int | None = None
    content_hash: str | None = None
    estimated_tokens: int | None = None


class SiteMetadata(BaseModel):
    """How the crawl went."""

    spa_enabled: bool
    sitemap_used: bool
    browser_rendering_available: bool
    crawl_strategy: Literal["sitemap", "bestfirst", "bfs", "dfs"]
    total_emails_found: int
    total_phones_found: int
    pages_rendered: int = 0
    pages_failed: int = 0


class SiteResult(BaseModel):
    """SpiderSite ``data``: contacts, social profiles, compendium and crawl metadata."""

    url: str
    pages_crawled: int
    crawl_status: Literal["success", "partial", "failed"]
    emails: list[str] = Field(default_factory=list)
    phones: list[str] = Field(default_factory=list)
    addresses: list[str] = Field(default_factory=list)
    linkedin: str | None = None
    twitter: str | None = None
    facebook: str | None = None
    instagram: str | None = None
    youtube: str | None = None
    github: str | None = None
    tiktok: str | None = None
    pinterest: str | None = None
    medium: str | None = None
    discord: str | None = None
    whatsapp: str | None = None
    telegram: str | None = None
    snapchat: str | None = None
    reddit: str | None = None
    markdown_compendium: str | None = None
    compendium: CompendiumInfo = Field(default_factory=CompendiumInfo)
    company_vitals: dict[str, Any] | None = None
    pain_points: list[str] | None = None
    team_members: list[TeamMember] = Field(default_factory=list)
    lead_scoring: dict[str, Any] | None = None
    personalization_hooks: dict[str, Any] | None = None
    metadata: SiteMetadata
    phone_details: list[PhoneDetail] = Field(default_factory=list)
    faxes: list[str] = Field(default_factory=list)

    def social_profiles(self) -> dict[str, str | None]:
        """The 14 flat social fields by platform name, in the documented order."""
        return {name: getattr(self, name) for name in SOCIAL_FIELDS}
