"""The sanctioned route: Google Places API Text Search (New), when an API key is configured.

``POST {places_api_url}/v1/places:searchText`` with ``X-Goog-Api-Key`` and a field mask,
paged with ``nextPageToken`` (20 places per page, at most 60 per query by Google's rule). The
API has no Maps feature id, so ``place_id`` stays ``None``; ``google_place_id`` and the
``cid`` (from ``googleMapsUri``) identify the place.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from spidernest.errors import FetchError
from spidernest.services.maps.pacing import GoogleSession
from spidernest.services.maps.result import Business, BusinessStatus, Coordinates, Review

__all__ = ["FIELD_MASK", "parse_places_response", "search_places"]

_FIELDS = (
    "id",
    "displayName",
    "formattedAddress",
    "addressComponents",
    "location",
    "rating",
    "userRatingCount",
    "nationalPhoneNumber",
    "internationalPhoneNumber",
    "websiteUri",
    "googleMapsUri",
    "businessStatus",
    "priceLevel",
    "regularOpeningHours",
    "types",
    "primaryTypeDisplayName",
    "plusCode",
    "photos",
    "timeZone",
)
FIELD_MASK = ",".join([f"places.{name}" for name in _FIELDS] + ["nextPageToken"])
# Places API page size limit (https://developers.google.com/maps/documentation/places/web-service/text-search).
_PAGE_SIZE = 20
_PRICE = {
    "PRICE_LEVEL_INEXPENSIVE": "$",
    "PRICE_LEVEL_MODERATE": "$$",
    "PRICE_LEVEL_EXPENSIVE": "$$$",
    "PRICE_LEVEL_VERY_EXPENSIVE": "$$$$",
}
_STATUSES: dict[str, BusinessStatus] = {
    "OPERATIONAL": "OPERATIONAL",
    "CLOSED_TEMPORARILY": "CLOSED_TEMPORARILY",
    "CLOSED_PERMANENTLY": "CLOSED_PERMANENTLY",
}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_PART_TYPES = {
    "postal_code": "postal_code",
    "locality": "city",
    "postal_town": "city",
    "administrative_area_level_1": "state",
    "country": "country",
}

Found = Callable[[int], Awaitable[None]]


async def search_places(
    query: str,
    *,
    session: GoogleSession,
    base_url: str,
    api_key: str,
    lang: str,
    max_results: int,
    with_reviews: bool = False,
    with_photos: bool = False,
    on_found: Found | None = None,
) -> list[Business]:
    """Run a Text Search (New) and page until ``max_results`` or the last page.

    With ``with_photos``, each place's first photo is resolved to its public URL (one more
    request per place, billed by Google) for ``image_url``; the API key never appears in a result.

    Raises:
        FetchError: the API answered with an error (bad key, quota) or an unreadable body.
    """
    mask = FIELD_MASK + (",places.reviews" if with_reviews else "")
    url = f"{base_url.rstrip('/')}/v1/places:searchText"
    found: dict[str, Business] = {}
    token: str | None = None
    while len(found) < max_results:
        body: dict[str, Any] = {
            "textQuery": query,
            "languageCode": lang,
            "pageSize": min(_PAGE_SIZE, max_results - len(found)),
        }
        if token:
            body["pageToken"] = token
        response = await session.request(
            url,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "X-Goog-Api-Key": api_key,
                "X-Goog-FieldMask": mask,
            },
            content=json.dumps(body).encode(),
            is_api=True,
        )
        data = _json(response.text)
        if response.status != 200 or data is None:
            message = _error_message(data) or f"HTTP {response.status}"
            raise FetchError(f"Places API error: {message}", url=url, status=response.status)
        for business, photo in parse_places_response(data, with_reviews=with_reviews):
            if with_photos and photo:
                business = business.model_copy(
                    update={"image_url": await _photo_uri(session, base_url, api_key, photo)}
                )
            found.setdefault(business.identity or f"row:{len(found)}", business)
        if on_found is not None:
            await on_found(min(len(found), max_results))
        token = data.get("nextPageToken") if isinstance(data.get("nextPageToken"), str) else None
        if not token:
            break
    return list(found.values())[:max_results]


def parse_places_response(
    data: dict[str, Any], *, with_reviews: bool = False
) -> list[tuple[Business, str | None]]:
    """Businesses in a Text Search (New) response, each with its first photo's resource name.

    A malformed place is skipped.
    """
    places = data.get("places")
    businesses: list[tuple[Business, str | None]] = []
    for place in places if isinstance(places, list) else []:
        if not isinstance(place, dict):
            continue
        try:
            photos = place.get("photos") or []
            photo = _photo_reference(photos[0]) if isinstance(photos, list) and photos else None
            businesses.append((_business(place, with_reviews=with_reviews), photo))
        except (ValueError, TypeError, KeyError, AttributeError):
            continue
    return businesses


async def _photo_uri(session: GoogleSession, base_url: str, api_key: str, name: str) -> str | None:
    """The public URL of a photo (Place Photos (New) with ``skipHttpRedirect``)."""
    url = f"{base_url.rstrip('/')}/v1/{name}/media?maxWidthPx=1200&skipHttpRedirect=true"
    response = await session.request(url, headers={"X-Goog-Api-Key": api_key}, is_api=True)
    data = _json(response.text)
    return _text(data.get("photoUri")) if response.status == 200 and data else None


def _business(place: dict[str, Any], *, with_reviews: bool) -> Business:
    parts = _address_parts(place.get("addressComponents"))
    location = place.get("location") or {}
    hours = (place.get("regularOpeningHours") or {}).get("weekdayDescriptions")
    maps_uri = _text(place.get("googleMapsUri"))
    return Business(
        name=_text((place.get("displayName") or {}).get("text")),
        place_id=None,
        google_place_id=_text(place.get("id")),
        cid=_cid(maps_uri),
        rating=_number(place.get("rating")),
        reviews_count=_whole(place.get("userRatingCount")),
        address=_text(place.get("formattedAddress")),
        street=parts.get("street"),
        city=parts.get("city"),
        postal_code=parts.get("postal_code"),
        state=parts.get("state"),
        country=parts.get("country"),
        phone=_text(place.get("nationalPhoneNumber"))
        or _text(place.get("internationalPhoneNumber")),
        website=_text(place.get("websiteUri")),
        categories=_categories(place),
        coordinates=_coordinates(location),
        link=maps_uri,
        business_status=_STATUSES.get(str(place.get("businessStatus")), "OPERATIONAL"),
        price_range=_PRICE.get(str(place.get("priceLevel"))),
        working_hours=_hours(hours),
        plus_code=_text((place.get("plusCode") or {}).get("compoundCode")),
        timezone=_text((place.get("timeZone") or {}).get("id")),
        image_url=None,
        owner=None,
        reviews=_reviews(place.get("reviews")) if with_reviews else None,
    )


def _cid(maps_uri: str | None) -> str | None:
    if not maps_uri:
        return None
    found = parse_qs(urlsplit(maps_uri).query).get("cid")
    return found[0] if found else None


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _whole(value: Any) -> int | None:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else None


def _coordinates(location: Any) -> Coordinates | None:
    if not isinstance(location, dict):
        return None
    latitude, longitude = _number(location.get("latitude")), _number(location.get("longitude"))
    if latitude is None or longitude is None:
        return None
    return Coordinates(latitude=latitude, longitude=longitude)


def _categories(place: dict[str, Any]) -> list[str]:
    primary = _text((place.get("primaryTypeDisplayName") or {}).get("text"))
    types = [t for t in place.get("types") or [] if isinstance(t, str)]
    readable = [
        t.replace("_", " ") for t in types if t not in {"point_of_interest", "establishment"}
    ]
    categories = [primary] if primary else []
    categories += [t for t in readable if t.lower() != (primary or "").lower()]
    return categories


def _address_parts(components: Any) -> dict[str, str]:
    parts: dict[str, str] = {}
    number = route = None
    for component in components if isinstance(components, list) else []:
        if not isinstance(component, dict):
            continue
        kinds = component.get("types") or []
        text = _text(component.get("longText"))
        short = _text(component.get("shortText"))
        if "street_number" in kinds:
            number = text
        elif "route" in kinds:
            route = text
        for kind in kinds:
            key = _PART_TYPES.get(kind)
            if key and key not in parts:
                value = short if key == "country" else text
                if value:
                    parts[key] = value
    if route:
        parts["street"] = f"{number} {route}" if number else route
    return parts


def _hours(descriptions: Any) -> dict[str, str] | None:
    """``weekdayDescriptions`` run Monday to Sunday ("Monday: 9:00 AM – 5:00 PM")."""
    if not isinstance(descriptions, list) or len(descriptions) != len(_WEEKDAYS):
        return None
    hours: dict[str, str] = {}
    for day, line in zip(_WEEKDAYS, descriptions, strict=True):
        if isinstance(line, str):
            hours[day] = line.split(": ", 1)[-1].replace("\u202f", " ").replace("\u2009", " ")
    return hours or None


def _photo_reference(photo: Any) -> str | None:
    """A photo's resource name (``places/…/photos/…``); the media URL needs the API key."""
    return _text(photo.get("name")) if isinstance(photo, dict) else None


def _reviews(items: Any) -> list[Review]:
    reviews: list[Review] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        author = item.get("authorAttribution") or {}
        text = item.get("originalText") or item.get("text") or {}
        translated = item.get("text") or {}
        reviews.append(
            Review(
                review_id=_text(item.get("name")),
                author=_text(author.get("displayName")),
                author_url=_text(author.get("uri")),
                author_photo=_text(author.get("photoUri")),
                rating=_number(item.get("rating")),
                rating_scale=5,
                text=_text(text.get("text")),
                text_translated=_text(translated.get("text")) if translated is not text else None,
                language=_text(text.get("languageCode")),
                relative_date=_text(item.get("relativePublishTimeDescription")),
                published_at=_text(item.get("publishTime")),
                source="Google",
            )
        )
    return reviews


def _json(text: str) -> dict[str, Any] | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _error_message(data: dict[str, Any] | None) -> str | None:
    error = (data or {}).get("error")
    if isinstance(error, dict):
        return _text(error.get("message")) or _text(error.get("status"))
    return None
