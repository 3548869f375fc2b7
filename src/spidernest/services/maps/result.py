"""The shape of a SpiderMaps result: what the API returns as ``data``, the CLI prints and docs show.

Every documented field is always present; ``None`` (JSON ``null``) means Google did not show it
or the option that produces it was off.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

__all__ = [
    "Business",
    "BusinessStatus",
    "Coordinates",
    "Image",
    "MapsMetadata",
    "MapsResult",
    "Owner",
    "Review",
]

BusinessStatus = Literal["OPERATIONAL", "CLOSED_TEMPORARILY", "CLOSED_PERMANENTLY"]


class Coordinates(BaseModel):
    """Where the place is, in WGS 84 degrees."""

    model_config = ConfigDict(frozen=True)

    latitude: float
    longitude: float


class Owner(BaseModel):
    """The Google account that claimed the listing ("Kipriakon (Owner)")."""

    model_config = ConfigDict(frozen=True)

    id: str | None = None
    name: str | None = None
    link: str | None = None


class Image(BaseModel):
    """One photo of the listing, under the tab Google files it in ("All", "Menu", "By owner")."""

    model_config = ConfigDict(frozen=True)

    title: str | None = None
    url: str


class Review(BaseModel):
    """One review as Google shows it; ``rating`` is on the source's own scale (``rating_scale``)."""

    review_id: str | None = None
    author: str | None = None
    author_url: str | None = None
    author_photo: str | None = None
    rating: float | None = None
    rating_scale: int | None = None
    text: str | None = None
    text_translated: str | None = None
    language: str | None = None
    relative_date: str | None = None
    published_at: str | None = None
    source: str | None = None
    owner_response: str | None = None
    owner_response_at: str | None = None


class Business(BaseModel):
    """One Google Maps listing, flat, with every field present.

    ``place_id`` is the Maps feature id (``0x…:0x…``), ``google_place_id`` the Places API id
    (``ChIJ…``) and ``cid`` the decimal customer id used in ``maps?cid=`` links. ``phone`` is
    the number as Google displays it; the ``phone_*`` fields come from libphonenumber and are
    ``None`` when phone validation is off. ``image_url`` is the listing's main photo and
    ``images`` the first photo of each photo tab; ``is_claimed`` is ``False`` when Google offers
    "Claim this business", ``True`` when an owner account manages the listing.
    """

    name: str | None = None
    place_id: str | None = None
    google_place_id: str | None = None
    cid: str | None = None
    rating: float | None = None
    reviews_count: int | None = None
    address: str | None = None
    street: str | None = None
    city: str | None = None
    postal_code: str | None = None
    state: str | None = None
    country: str | None = None
    phone: str | None = None
    phone_e164: str | None = None
    phone_national: str | None = None
    phone_type: str | None = None
    phone_valid: bool | None = None
    website: str | None = None
    categories: list[str] = []
    description: str | None = None
    coordinates: Coordinates | None = None
    link: str | None = None
    business_status: BusinessStatus | None = None
    price_range: str | None = None
    working_hours: dict[str, str] | None = None
    plus_code: str | None = None
    timezone: str | None = None
    image_url: str | None = None
    images: list[Image] = []
    owner: Owner | None = None
    is_claimed: bool | None = None
    reviews: list[Review] | None = None

    @property
    def identity(self) -> str | None:
        """The key businesses are de-duplicated by: the most stable id available."""
        if self.place_id:
            return f"fid:{self.place_id.lower()}"
        if self.google_place_id:
            return f"pid:{self.google_place_id}"
        if self.cid:
            return f"cid:{self.cid}"
        return None


class MapsMetadata(BaseModel):
    """The options the search ran with, and which provider answered."""

    max_results: int
    extract_reviews: bool
    extract_photos: bool
    language: str
    provider: str | None = None


class MapsResult(BaseModel):
    """The ``data`` of a completed spiderMaps job."""

    query: str
    results_count: int
    businesses: list[Business]
    metadata: MapsMetadata
