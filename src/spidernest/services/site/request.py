"""The SpiderSite job payload (api-reference §1.3) and the crawl plan resolved from it.

Unknown fields are rejected (422 naming the field) so that a typo such as ``max_page`` does not
silently crawl with defaults; every field the SpiderIQ docs list is accepted, including those
SpiderNest does not act on yet (``overrides.strategies``, ``fuzziq_*``, the v3 blocks).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "DEFAULT_TARGET_PAGES",
    "CompendiumOptions",
    "CrawlPlan",
    "CustomAIPrompt",
    "SiteOverrides",
    "SiteRequest",
    "plan_crawl",
]

Mode = Literal["contacts", "compendium", "leads", "full"]
Strategy = Literal["bestfirst", "bfs", "dfs"]
CleanupLevel = Literal["raw", "fit", "citations", "minimal"]

DEFAULT_TARGET_PAGES = ("contact", "about", "team", "news", "blog")
_STRICT = ConfigDict(extra="forbid")


class CompendiumOptions(BaseModel):
    """The markdown compendium block; unset fields take the mode preset's values."""

    model_config = _STRICT

    enabled: bool = True
    cleanup_level: CleanupLevel = "fit"
    max_chars: int = Field(default=100_000, ge=1_000, le=1_000_000)
    include_in_response: bool = True
    remove_duplicates: bool = True
    separator: str = Field(default="\n\n---\n\n", max_length=200)
    priority_sections: list[str] = Field(
        default_factory=lambda: ["main", "article", "content"], max_length=20
    )
    max_pages: int | None = Field(default=None, ge=1, le=100)


class CustomAIPrompt(BaseModel):
    """A custom LLM prompt over the compendium (accepted and validated; the AI is a later issue)."""

    model_config = _STRICT

    enabled: bool = False
    system_prompt: str | None = Field(default=None, max_length=2000)
    user_prompt: str | None = Field(default=None, max_length=4000)
    json_schema: dict[str, Any] | None = None
    output_field_name: str = Field(default="custom_analysis", max_length=100)
    model: Literal[
        "spideriq/research",
        "spideriq/lead-analysis",
        "spideriq/extraction",
        "spideriq/classification",
        "spideriq/summarization",
        "spideriq/fast",
        "spideriq/coding",
        "spideriq/chat",
        "spideriq/creative",
    ] = "spideriq/research"
    temperature: float = Field(default=0.1, ge=0, le=2)
    max_tokens: int = Field(default=4000, ge=100, le=16_000)

    @model_validator(mode="after")
    def _needs_a_prompt(self) -> CustomAIPrompt:
        if self.enabled and not (self.system_prompt or self.user_prompt):
            raise ValueError("custom_ai_prompt needs system_prompt or user_prompt when enabled")
        return self


class SiteOverrides(BaseModel):
    """Overrides of the mode preset (``{max_pages, strategies[]}``)."""

    model_config = _STRICT

    max_pages: int | None = Field(default=None, ge=1, le=100)
    strategies: list[Literal["css", "jsonld", "regex", "microformat"]] | None = None


class SiteRequest(BaseModel):
    """A SpiderSite job: crawl one company website and extract its contacts."""

    model_config = _STRICT

    url: str = Field(min_length=1, max_length=2048)
    mode: Mode = "contacts"
    overrides: SiteOverrides | None = None
    max_pages: int | None = Field(default=None, ge=1, le=50)
    crawl_strategy: Strategy = "bestfirst"
    target_pages: list[str] = Field(
        default_factory=lambda: list(DEFAULT_TARGET_PAGES), max_length=50
    )
    timeout: int = Field(default=30, ge=10, le=120)
    enable_spa: bool = True
    spa_timeout: int = Field(default=30, ge=10, le=120)
    extract_team: bool | None = None
    extract_company_info: bool | None = None
    extract_pain_points: bool | None = None
    product_description: str | None = Field(default=None, max_length=1024)
    icp_description: str | None = Field(default=None, max_length=1024)
    compendium: CompendiumOptions | None = None
    custom_ai_prompt: CustomAIPrompt | None = None
    extract_emails: bool = True
    extract_phones: bool = True
    extract_social: bool = True
    fuzziq_enabled: bool | None = None
    fuzziq_unique_only: bool | None = None
    test: bool = False
    extraction: dict[str, Any] | None = None
    analyze: dict[str, Any] | None = None
    persist: dict[str, Any] | None = None

    @property
    def budget_seconds(self) -> float:
        """The crawl's own time budget in seconds (it stops and reports ``partial`` after)."""
        return plan_crawl(self).budget_seconds

    @field_validator("url")
    @classmethod
    def _check_url(cls, value: str) -> str:
        value = value.strip()
        if "://" not in value:
            value = f"https://{value}"
        parts = urlsplit(value)
        if parts.scheme.lower() not in {"http", "https"}:
            raise ValueError("url must be an http:// or https:// address")
        if not parts.hostname or " " in value:
            raise ValueError("url must name a host, e.g. https://example.com")
        return value

    @field_validator("target_pages")
    @classmethod
    def _check_targets(cls, value: list[str]) -> list[str]:
        cleaned = [word.strip().lower() for word in value if word.strip()]
        if any(len(word) > 100 for word in cleaned):
            raise ValueError("target_pages entries must be at most 100 characters")
        return cleaned

    @model_validator(mode="after")
    def _validate_champ_requirements(self) -> SiteRequest:
        if bool(self.product_description) != bool(self.icp_description):
            raise ValueError(
                "product_description and icp_description must be sent together (CHAMP scoring)"
            )
        prompt, compendium = self.custom_ai_prompt, self.compendium
        if (
            prompt is not None
            and prompt.enabled
            and compendium is not None
            and not compendium.enabled
        ):
            raise ValueError("custom_ai_prompt requires compendium.enabled")
        return self


# Mode presets (api-reference §1.3). ``contacts`` crawls 10 pages, the documented default of
# ``max_pages``, rather than the 5 of the newer preset table: contact details hide on imprint
# and legal pages that a 5-page budget often misses.
_PRESETS: dict[str, dict[str, Any]] = {
    "contacts": {"max_pages": 10, "compendium": None, "ai": False},
    "compendium": {"max_pages": 10, "compendium": ("fit", 100_000), "ai": False},
    "leads": {"max_pages": 50, "compendium": ("fit", 100_000), "ai": True},
    "full": {"max_pages": 100, "compendium": ("raw", 200_000), "ai": True},
}


@dataclass(frozen=True, slots=True)
class CrawlPlan:
    """What a crawl actually does once the mode preset and the explicit fields are combined."""

    url: str
    max_pages: int
    strategy: Strategy
    target_pages: tuple[str, ...]
    page_timeout: float
    enable_spa: bool
    spa_timeout: float
    compendium: CompendiumOptions | None
    extract_team: bool
    extract_emails: bool
    extract_phones: bool
    extract_social: bool

    @property
    def budget_seconds(self) -> float:
        """The soft time budget of the whole crawl: enough for slow sites, never unbounded."""
        return min(900.0, max(60.0, self.page_timeout * 2 + self.max_pages * 4.0))


def _resolve_compendium(request: SiteRequest, preset: dict[str, Any]) -> CompendiumOptions | None:
    preset_compendium: tuple[str, int] | None = preset["compendium"]
    given = request.compendium
    if given is None:
        if preset_compendium is None:
            return None
        level, max_chars = preset_compendium
        return CompendiumOptions(cleanup_level=level, max_chars=max_chars)
    if not given.enabled:
        return None
    updates: dict[str, Any] = {}
    if preset_compendium is not None:
        if "cleanup_level" not in given.model_fields_set:
            updates["cleanup_level"] = preset_compendium[0]
        if "max_chars" not in given.model_fields_set:
            updates["max_chars"] = preset_compendium[1]
    return given.model_copy(update=updates) if updates else given


def plan_crawl(request: SiteRequest) -> CrawlPlan:
    """Combine the mode preset with the explicit fields: explicit values always win."""
    preset = _PRESETS[request.mode]
    max_pages: int = preset["max_pages"]
    if request.overrides is not None and request.overrides.max_pages is not None:
        max_pages = request.overrides.max_pages
    if request.max_pages is not None:
        max_pages = request.max_pages
    extract_team = request.extract_team if request.extract_team is not None else preset["ai"]
    return CrawlPlan(
        url=request.url,
        max_pages=max_pages,
        strategy=request.crawl_strategy,
        target_pages=tuple(request.target_pages),
        page_timeout=float(request.timeout),
        enable_spa=request.enable_spa,
        spa_timeout=float(request.spa_timeout),
        compendium=_resolve_compendium(request, preset),
        extract_team=bool(extract_team),
        extract_emails=request.extract_emails,
        extract_phones=request.extract_phones,
        extract_social=request.extract_social,
    )
