"""The spiderMaps job payload (``POST /api/v1/jobs/spiderMaps/submit``, api-reference §1.4)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["MapsRequest"]


class MapsRequest(BaseModel):
    """What to search: exactly one of ``search_query`` (alias ``query``) or ``url``.

    ``search_query`` should name the place ("dentists in Lyon"). ``url`` is a Google Maps search
    or place URL. ``store_images``, ``skip_proxy`` and ``fuzziq_*`` are accepted for SpiderIQ
    compatibility and ignored; unknown fields (``location``, ``country_code``) are dropped, as
    the documented API does.
    """

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    search_query: str | None = Field(default=None, max_length=500)
    url: str | None = Field(default=None, max_length=4000)
    max_results: int = Field(default=20, ge=1, le=100)
    lang: str = Field(
        default="en", min_length=2, max_length=16, pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$"
    )
    extract_reviews: bool = False
    extract_photos: bool = False
    validate_phones: bool = True
    headless: bool = True
    test: bool = False
    store_images: bool = True
    skip_proxy: bool = False
    fuzziq_enabled: bool | None = None
    fuzziq_unique_only: bool | None = None

    @model_validator(mode="before")
    @classmethod
    def _query_alias(cls, data: Any) -> Any:
        """``query`` is an alias of ``search_query``; ``search_query`` wins when both are sent."""
        if isinstance(data, dict) and "query" in data:
            data = dict(data)
            alias = data.pop("query")
            if not _is_blank(alias) and _is_blank(data.get("search_query")):
                data["search_query"] = alias
        return data

    @model_validator(mode="after")
    def _exactly_one_input(self) -> MapsRequest:
        query = (self.search_query or "").strip() or None
        url = (self.url or "").strip() or None
        if (query is None) == (url is None):
            raise ValueError(
                "provide exactly one of search_query (or query) and url"
                + (", not both" if query and url else "")
            )
        if url is not None and not url.lower().startswith(("http://", "https://")):
            raise ValueError("url must be an http(s) Google Maps search or place URL")
        self.search_query, self.url = query, url
        return self

    @property
    def summary(self) -> str:
        """The query, or the URL, for job lists and logs."""
        return self.search_query or self.url or ""


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
