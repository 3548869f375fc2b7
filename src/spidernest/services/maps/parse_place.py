"""One Google Maps place array (the "darray") → a ``Business``.

The same array appears in a place payload (``/maps/preview/place``, the page's embedded state,
at ``payload[6]``) and in each fast-path search result (``results[i][14]``), where it carries
fewer blocks (no photos, no owner name, no plus code). Positions were read off real payloads
(tests/fixtures/maps, cross-checked with gosom/google-maps-scraper's parser). Layouts drift, so
each field is read from a list of candidate positions, first match wins, and every candidate
is checked for the shape the field must have (a feature id, a ``ChIJ…`` id, a number in
range, an http URL); a missing or moved field gives ``None``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, quote_plus, urlsplit

from spidernest.services.maps.arrays import dig, dig_float, dig_int, dig_list, dig_str
from spidernest.services.maps.parse_hours import parse_hours, parse_status
from spidernest.services.maps.parse_reviews import parse_review_items
from spidernest.services.maps.plus_codes import PLUS_CODE, short_plus_code
from spidernest.services.maps.result import Business, Coordinates, Image, Owner

__all__ = ["FEATURE_ID", "is_place_array", "parse_place_array"]

Path = tuple[int, ...]

FEATURE_ID = re.compile(r"^0x[0-9a-f]{1,16}:0x[0-9a-f]{1,16}$", re.IGNORECASE)
# Places API ids: URL-safe base64 of a protobuf, "ChIJ…" for almost every business.
_GOOGLE_PLACE_ID = re.compile(r"^[A-Za-z0-9_-]{16,}$")
# A Google account id (owner, contributor): a long decimal number.
_ACCOUNT_ID = re.compile(r"^\d{15,25}$")
# Places API ids of businesses in the form every fixture shows ("ChIJ" + 23 characters).
_CHIJ = re.compile(r"^ChIJ[A-Za-z0-9_-]{20,}$")
# Place arrays run to 250 entries; the nested "related place" stubs are far shorter.
_MIN_PLACE_LENGTH = 20
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
# IANA zone names ("Asia/Nicosia", "America/Argentina/Buenos_Aires") or a bare "UTC".
_TIMEZONE = re.compile(r"^(?:[A-Za-z_]+(?:/[A-Za-z0-9_+-]+)+|UTC)$")
_DIGITS = re.compile(r"\d[\d,.\u00a0\u202f ]*")
# Price levels are a few currency signs ("€€", "$$") or a range ("€10–20", "$10-20").
_PRICE_MAX_LENGTH = 24
MAPS_WEB = "https://www.google.com/maps"

_FEATURE_ID_PATHS: tuple[Path, ...] = ((10,), (227, 0, 0))
_GOOGLE_PLACE_ID_PATHS: tuple[Path, ...] = ((78,), (227, 0, 4))
_COORDINATE_PATHS: tuple[Path, ...] = ((9,), (208, 0))
_PHONE_PATHS: tuple[Path, ...] = ((178, 0, 0), (178, 0, 1, 0, 0), (178, 0, 3))
# The main photo: [72][0][1] is the 408 px rendition of the header photo, [72][0][0] its
# thumbnail; then the first photo of the "All" tab, the photo strip, and the gallery header
# (which can be a Street View panorama, hence last).
_IMAGE_PATHS: tuple[Path, ...] = (
    (72, 0, 1, 6, 0),
    (72, 0, 0, 6, 0),
    (171, 0, 0, 3, 0, 6, 0),
    (51, 0, 0, 6, 0),
    (37, 0, 0, 6, 0),
)
# The managing owner's account id: [57][2] in claimed listings, the knowledge-panel ids [181][6]
# and [227][0][6] (also present in search rows, which have no [57]).
_MANAGER_ID_PATHS: tuple[Path, ...] = ((57, 2), (181, 6), (227, 0, 6))
# The id in ``owner``: those, then [57][8] as the last resort, which _is_claimed does not count.
_OWNER_ID_PATHS: tuple[Path, ...] = (*_MANAGER_ID_PATHS, (57, 8))
# The "Claim this business" link (business.google.com/create) of an unclaimed listing.
_CLAIM_LINK_PATHS: tuple[Path, ...] = ((49, 0), (226, 0))
# The "From the owner" / editorial summary, where gosom/google-maps-scraper reads it.
_DESCRIPTION_PATHS: tuple[Path, ...] = ((32, 1, 1),)


def is_place_array(value: Any) -> bool:
    """Whether ``value`` looks like a place array: long, with a name and a place id.

    The id may sit at any of its known positions, so that a moved ``[10]`` does not turn a
    place payload into the "People also search for" places nested inside it.
    """
    return (
        isinstance(value, list)
        and len(value) > _MIN_PLACE_LENGTH
        and dig_str(value, 11) is not None
        and (
            _first(value, _FEATURE_ID_PATHS, FEATURE_ID) is not None
            or _first(value, _GOOGLE_PLACE_ID_PATHS, _CHIJ) is not None
        )
    )


def parse_place_array(
    darray: list[Any], *, envelope: list[Any] | None = None, with_reviews: bool = False
) -> Business:
    """Read one place array; fields Google did not send are ``None``.

    Args:
        darray: the place array.
        envelope: the whole place payload it came from, which also carries the cid.
        with_reviews: also parse the reviews embedded in the array (else ``reviews`` is None).
    """
    name = dig_str(darray, 11)
    feature_id = _first(darray, _FEATURE_ID_PATHS, FEATURE_ID)
    parts = dig(darray, 183, 1)
    coordinates = _coordinates(darray)
    images = _images(darray)
    return Business(
        name=name,
        place_id=feature_id,
        google_place_id=_first(darray, _GOOGLE_PLACE_ID_PATHS, _GOOGLE_PLACE_ID)
        or _place_id_from_reviews_link(darray),
        cid=_cid(envelope, feature_id),
        rating=_rating(darray),
        reviews_count=_reviews_count(darray),
        address=_address(darray, name),
        street=_street(dig_str(parts, 1) or dig_str(darray, 82, 1)),
        city=dig_str(parts, 3) or dig_str(darray, 82, 3),
        postal_code=dig_str(parts, 4),
        state=dig_str(parts, 5),
        country=_match(dig_str(parts, 6), _COUNTRY_CODE)
        or _match(dig_str(darray, 243), _COUNTRY_CODE),
        phone=_phone(darray),
        website=_website(darray),
        categories=[c.strip() for c in dig_list(darray, 13) if isinstance(c, str) and c.strip()],
        description=_first(darray, _DESCRIPTION_PATHS),
        coordinates=coordinates,
        link=_link(darray, name, feature_id),
        business_status=parse_status(darray),
        price_range=_price_range(darray),
        working_hours=parse_hours(darray),
        plus_code=_plus_code(darray, coordinates),
        timezone=_match(dig_str(darray, 30), _TIMEZONE),
        image_url=_first_url(darray, _IMAGE_PATHS) or (images[0].url if images else None),
        images=images,
        owner=_owner(darray),
        is_claimed=_is_claimed(darray),
        reviews=parse_review_items(_review_items(darray)) if with_reviews else None,
    )


def _first(
    darray: Any, paths: tuple[Path, ...], shape: re.Pattern[str] | None = None
) -> str | None:
    """The first string found at one of ``paths`` (that matches ``shape``, when given)."""
    for path in paths:
        found = dig_str(darray, *path)
        if found is not None and (shape is None or shape.match(found)):
            return found
    return None


def _first_url(darray: Any, paths: tuple[Path, ...]) -> str | None:
    for path in paths:
        found = dig_str(darray, *path)
        if found is not None and found.startswith(("https://", "http://", "//")):
            return f"https:{found}" if found.startswith("//") else found
    return None


def _match(value: str | None, shape: re.Pattern[str]) -> str | None:
    return value if value is not None and shape.match(value) else None


def _address(darray: list[Any], name: str | None) -> str | None:
    """The postal address without the business name ("Old port, Limassol 3042")."""
    direct = dig_str(darray, 39)
    if direct:
        return direct
    lines = [line.strip() for line in dig_list(darray, 2) if isinstance(line, str) and line.strip()]
    if lines:
        return ", ".join(lines)
    full = dig_str(darray, 18)
    if full and name and full.startswith(f"{name},"):
        return full[len(name) + 1 :].strip() or None
    return full


def _street(street: str | None) -> str | None:
    """The street without the plus code Google puts first where there is no street number.

    "29RR+CPC, Λεοφόρος Ακάμαντος" → "Λεοφόρος Ακάμαντος"; the code is in ``plus_code``.
    """
    if street is None:
        return None
    head, _, rest = street.partition(",")
    if PLUS_CODE.match(head.strip()) and rest.strip():
        return rest.strip()
    return street


def _rating(darray: list[Any]) -> float | None:
    """Stars at ``[4][7]``; else the mean of the star histogram, as Google rounds it."""
    rating = dig_float(darray, 4, 7)
    if rating is not None and 0 < rating <= 5:
        return rating
    histogram = _histogram(darray)
    if histogram and sum(histogram):
        mean = sum(stars * count for stars, count in enumerate(histogram, 1)) / sum(histogram)
        return round(mean, 1)
    return None


def _reviews_count(darray: list[Any]) -> int | None:
    """``[4][8]``; else the star histogram's total, else the "396 reviews" label."""
    count = dig_int(darray, 4, 8)
    if count is not None and count >= 0:
        return count
    histogram = _histogram(darray)
    if histogram:
        return sum(histogram)
    label = dig_str(darray, 4, 3, 1)
    found = _DIGITS.search(label or "")
    if found is None:
        return None
    return int("".join(ch for ch in found.group() if ch.isdigit()))


def _histogram(darray: list[Any]) -> list[int] | None:
    """Reviews per star, 1 to 5 (``[175][3]``: ``[37, 16, 27, 60, 256]``)."""
    counts = [dig_int(darray, 175, 3, i) for i in range(5)]
    if any(c is None or c < 0 for c in counts) or len(dig_list(darray, 175, 3)) != len(counts):
        return None
    return [c for c in counts if c is not None]


def _coordinates(darray: list[Any]) -> Coordinates | None:
    for path in _COORDINATE_PATHS:
        latitude, longitude = dig_float(darray, *path, 2), dig_float(darray, *path, 3)
        if latitude is None or longitude is None:
            continue
        if -90 <= latitude <= 90 and -180 <= longitude <= 180 and (latitude, longitude) != (0, 0):
            return Coordinates(latitude=latitude, longitude=longitude)
    return None


def _cid(envelope: list[Any] | None, feature_id: str | None) -> str | None:
    """The decimal cid: from the payload when present, else the feature id's second half.

    A feature id ``0x…:0xe5415928d6702b47`` carries the cid in hexadecimal (0xe541… is
    16519582940102929223, the cid Google puts in ``maps?cid=`` links). ``feature_id`` has
    already been checked against ``FEATURE_ID``.
    """
    found = dig_str(envelope, 25, 3, 0, 13, 0, 0, 1)
    if found and found.isdigit():
        return found
    if feature_id:
        value = int(feature_id.split(":", 1)[1], 16)
        return str(value) if value else None
    return None


def _place_id_from_reviews_link(darray: list[Any]) -> str | None:
    link = dig_str(darray, 4, 3, 0)
    if not link:
        return None
    found = parse_qs(urlsplit(link).query).get("placeid")
    return found[0] if found and _GOOGLE_PLACE_ID.match(found[0]) else None


def _phone(darray: list[Any]) -> str | None:
    """The number as the listing displays it ("25 101555"); any candidate with a digit."""
    for path in _PHONE_PATHS:
        found = dig_str(darray, *path)
        if found and any(ch.isdigit() for ch in found):
            return found
    return None


def _website(darray: list[Any]) -> str | None:
    """The website link, unwrapped from Google's ``/url?q=`` redirect when present."""
    url = dig_str(darray, 7, 0)
    if url is None:
        return None
    split = urlsplit(url)
    if split.path == "/url" and (not split.netloc or "google." in split.netloc):
        query = parse_qs(split.query)
        targets = query.get("q") or query.get("url") or []
        url = targets[0].strip() if targets else None
    if url and url.startswith("//"):
        url = f"https:{url}"
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    return url


def _link(darray: list[Any], name: str | None, feature_id: str | None) -> str | None:
    link = dig_str(darray, 27)
    if link and link.startswith("https://"):
        return link
    if not feature_id:
        return None
    slug = quote_plus(name) if name else "_"
    return f"{MAPS_WEB}/place/{slug}/data=!4m2!3m1!1s{feature_id}"


def _price_range(darray: list[Any]) -> str | None:
    """``[4][2]`` as shown ("€€", "$10–20"); ``[4][4]`` is the greyed rest of the scale, not it."""
    price = dig_str(darray, 4, 2)
    if price is None or len(price) > _PRICE_MAX_LENGTH or price.startswith(("http", "/")):
        return None
    return price


def _plus_code(darray: list[Any], coordinates: Coordinates | None) -> str | None:
    """The local plus code ("M2CR+6X Limassol").

    Where Google lists none: a plus code first address line with the locality, else (search
    rows) the code computed from the coordinates, next to the locality Google names.
    """
    listed = dig_str(darray, 183, 2, 2, 0) or dig_str(darray, 183, 2, 1, 0)
    if listed and "+" in listed:
        return listed
    locality = dig_str(darray, 14) or _town(darray)
    first_line = dig_str(darray, 2, 0)
    if first_line and PLUS_CODE.match(first_line):
        return f"{first_line} {locality}" if locality else first_line
    if coordinates is None:
        return None
    return short_plus_code(coordinates.latitude, coordinates.longitude, locality)


def _town(darray: list[Any]) -> str | None:
    """The town Google names the place's area by: ``[166]`` ("Ilion, Greece") or the city."""
    area = dig_str(darray, 166)
    if area:
        return area.split(",", 1)[0].strip() or None
    return dig_str(darray, 183, 1, 3)


def _images(darray: list[Any]) -> list[Image]:
    """The first photo of each photo tab ("All", "Menu", "By owner"), as gosom reads them."""
    found: list[Image] = []
    seen: set[str] = set()
    for tab in dig_list(darray, 171, 0):
        url = _first_url(tab, ((3, 0, 6, 0),))
        if url and url not in seen:
            seen.add(url)
            found.append(Image(title=dig_str(tab, 2), url=url))
    return found


def _owner(darray: list[Any]) -> Owner | None:
    owner_id = _first(darray, _OWNER_ID_PATHS, _ACCOUNT_ID)
    owner_name = dig_str(darray, 57, 1)
    if owner_id is None and owner_name is None:
        return None
    link = f"{MAPS_WEB}/contrib/{owner_id}" if owner_id else None
    return Owner(id=owner_id, name=owner_name, link=link)


def _is_claimed(darray: list[Any]) -> bool | None:
    """False with a "Claim this business" link, True with a managing owner account."""
    for path in _CLAIM_LINK_PATHS:
        link = dig_str(darray, *path)
        if link and "business.google.com" in link:
            return False
    if _first(darray, _MANAGER_ID_PATHS, _ACCOUNT_ID):
        return True
    return None


def _review_items(darray: list[Any]) -> list[Any]:
    """Embedded reviews: ``[175][9][0][0]``, or one level up in newer layouts."""
    items = dig_list(darray, 175, 9, 0, 0)
    return items or dig_list(darray, 175, 9, 0)
