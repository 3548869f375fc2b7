"""One Google Maps place array (the "darray") → a ``Business``.

The same array appears in a place payload (``/maps/preview/place``, the page's embedded state,
at ``payload[6]``) and in each fast-path search result (``results[i][14]``). Positions were read
off real payloads (tests/fixtures/maps, cross-checked with gosom/google-maps-scraper's parser)
and every read tolerates drift: a missing or moved field gives ``None``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import parse_qs, quote_plus, urlsplit

from spidernest.services.maps.arrays import dig, dig_float, dig_int, dig_list, dig_str
from spidernest.services.maps.parse_reviews import parse_review_items
from spidernest.services.maps.result import Business, BusinessStatus, Coordinates, Owner

__all__ = ["FEATURE_ID", "WEEKDAYS", "is_place_array", "parse_place_array"]

FEATURE_ID = re.compile(r"^0x[0-9a-f]{1,16}:0x[0-9a-f]{1,16}$", re.IGNORECASE)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MAPS_WEB = "https://www.google.com/maps"
# Closure banners as Google words them in the Maps UI languages we have seen; lowercase.
_CLOSED_PERMANENTLY = (
    "permanently closed",
    "closed permanently",
    "définitivement fermé",
    "dauerhaft geschlossen",
    "cerrado permanentemente",
    "chiuso definitivamente",
    "permanentemente chiuso",
    "fechado permanentemente",
    "permanent gesloten",
    "μόνιμα κλειστό",
)
_CLOSED_TEMPORARILY = (
    "temporarily closed",
    "fermé temporairement",
    "temporär geschlossen",
    "vorübergehend geschlossen",
    "cerrado temporalmente",
    "temporaneamente chiuso",
    "chiuso temporaneamente",
    "temporariamente fechado",
    "tijdelijk gesloten",
    "προσωρινά κλειστό",
)
# Open Location Code alphabet (https://github.com/google/open-location-code, "Specification").
_PLUS_CODE = re.compile(r"^[23456789CFGHJMPQRVWX]{2,8}\+[23456789CFGHJMPQRVWX]{0,3}$")
_SPACES = str.maketrans({"\u202f": " ", "\u00a0": " ", "\u2009": " "})


def is_place_array(value: Any) -> bool:
    """Whether ``value`` looks like a place array: long, with a name and a feature id."""
    return (
        isinstance(value, list)
        and len(value) > 20
        and dig_str(value, 11) is not None
        and FEATURE_ID.match(dig_str(value, 10) or "") is not None
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
    feature_id = dig_str(darray, 10)
    parts = dig(darray, 183, 1)
    return Business(
        name=name,
        place_id=feature_id if feature_id and FEATURE_ID.match(feature_id) else None,
        google_place_id=dig_str(darray, 78) or _place_id_from_reviews_link(darray),
        cid=_cid(envelope, feature_id),
        rating=dig_float(darray, 4, 7),
        reviews_count=dig_int(darray, 4, 8),
        address=_address(darray, name),
        street=dig_str(parts, 1),
        city=dig_str(parts, 3),
        postal_code=dig_str(parts, 4),
        state=dig_str(parts, 5),
        country=dig_str(parts, 6),
        phone=dig_str(darray, 178, 0, 0),
        website=_website(darray),
        categories=[c.strip() for c in dig_list(darray, 13) if isinstance(c, str) and c.strip()],
        coordinates=_coordinates(darray),
        link=dig_str(darray, 27) or _link(name, feature_id),
        business_status=_status(darray),
        price_range=dig_str(darray, 4, 2),
        working_hours=_hours(darray),
        plus_code=_plus_code(darray),
        timezone=dig_str(darray, 30),
        image_url=dig_str(darray, 72, 0, 1, 6, 0) or dig_str(darray, 37, 0, 0, 6, 0),
        owner=_owner(darray),
        reviews=parse_review_items(dig_list(darray, 175, 9, 0, 0)) if with_reviews else None,
    )


def international_phone(darray: list[Any]) -> str | None:
    """The "+357 25 101555" variant Google lists next to the displayed number, if any."""
    for variant in dig_list(darray, 178, 0, 1):
        text = dig_str(variant, 0)
        if text and text.startswith("+"):
            return text
    return None


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


def _coordinates(darray: list[Any]) -> Coordinates | None:
    latitude, longitude = dig_float(darray, 9, 2), dig_float(darray, 9, 3)
    if latitude is None or longitude is None:
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return Coordinates(latitude=latitude, longitude=longitude)


def _cid(envelope: list[Any] | None, feature_id: str | None) -> str | None:
    """The decimal cid: from the payload when present, else the feature id's second half.

    A feature id ``0x…:0xe5415928d6702b47`` carries the cid in hexadecimal (0xe541… is
    16519582940102929223, the cid Google puts in ``maps?cid=`` links).
    """
    found = dig_str(envelope, 25, 3, 0, 13, 0, 0, 1)
    if found and found.isdigit():
        return found
    if feature_id and FEATURE_ID.match(feature_id):
        value = int(feature_id.split(":", 1)[1], 16)
        return str(value) if value else None
    return None


def _place_id_from_reviews_link(darray: list[Any]) -> str | None:
    link = dig_str(darray, 4, 3, 0)
    if not link:
        return None
    found = parse_qs(urlsplit(link).query).get("placeid")
    return found[0] if found else None


def _website(darray: list[Any]) -> str | None:
    """The website link, unwrapped from Google's ``/url?q=`` redirect when present."""
    url = dig_str(darray, 7, 0)
    if url and url.startswith("/url?"):
        target = parse_qs(urlsplit(url).query).get("q")
        url = target[0] if target else None
    return url


def _link(name: str | None, feature_id: str | None) -> str | None:
    if not feature_id:
        return None
    slug = quote_plus(name) if name else "_"
    return f"{MAPS_WEB}/place/{slug}/data=!4m2!3m1!1s{feature_id}"


def _plus_code(darray: list[Any]) -> str | None:
    """The local plus code ("M2CR+6X Limassol").

    When Google only puts the code in the first address line (places without a street
    number), that code with the locality.
    """
    listed = dig_str(darray, 183, 2, 2, 0) or dig_str(darray, 183, 2, 1, 0)
    if listed:
        return listed
    first_line = dig_str(darray, 2, 0)
    if first_line and _PLUS_CODE.match(first_line):
        locality = dig_str(darray, 14) or dig_str(darray, 183, 1, 3)
        return f"{first_line} {locality}" if locality else first_line
    return None


def _owner(darray: list[Any]) -> Owner | None:
    owner_id = dig_str(darray, 57, 2) or dig_str(darray, 57, 8)
    owner_name = dig_str(darray, 57, 1)
    if owner_id is None and owner_name is None:
        return None
    link = f"{MAPS_WEB}/contrib/{owner_id}" if owner_id else None
    return Owner(id=owner_id, name=owner_name, link=link)


def _status(darray: list[Any]) -> BusinessStatus:
    """Closure banners are text in the UI language; a listing without one is operational."""
    candidates = (
        dig_str(darray, 34, 4, 4),
        dig_str(darray, 34, 4, 5),
        dig_str(darray, 203, 1, 4, 0),
        dig_str(darray, 88, 0),
    )
    text = " ".join(c.lower() for c in candidates if c)
    if any(marker in text for marker in _CLOSED_PERMANENTLY):
        return "CLOSED_PERMANENTLY"
    if any(marker in text for marker in _CLOSED_TEMPORARILY):
        return "CLOSED_TEMPORARILY"
    return "OPERATIONAL"


def _hours(darray: list[Any]) -> dict[str, str] | None:
    """Opening hours keyed by English weekday, Monday first ({"Monday": "12:30–10 pm"}).

    Google names the days in the UI language ("Σάββατο"), but each row also carries its date
    (``"2024-10-12"``), which gives the weekday in any language.
    """
    rows = dig_list(darray, 34, 1)
    found: dict[str, str] = {}
    for row in rows:
        day = _weekday(row)
        times = [t.translate(_SPACES).strip() for t in dig_list(row, 1) if isinstance(t, str)]
        if day is None or not times:
            continue
        found[day] = ", ".join(t for t in times if t)
    if not found:
        return None
    return {day: found[day] for day in (*WEEKDAYS, *found) if day in found}


def _weekday(row: Any) -> str | None:
    stamp = dig_str(row, 4)
    if stamp:
        try:
            return WEEKDAYS[date.fromisoformat(stamp).weekday()]
        except ValueError:
            pass
    label = dig_str(row, 0)
    if label is None:
        return None
    for weekday in WEEKDAYS:
        if label.lower() == weekday.lower():
            return weekday
    return label
