"""Google Maps URLs: reading the ones users paste, building the ones the Maps app requests.

A search URL looks like ``/maps/search/dentists+in+Lyon/@45.75,4.85,13z``; a place URL like
``/maps/place/Kipriakon/@34.67,33.04,17z/data=!4m6!3m5!1s0x14e7…:0xe541…!8m2…``. The fast-path
endpoint takes the viewport and paging inside its ``pb`` parameter, a "protobuf over URL"
encoding where ``!<field><type><value>`` is one field (``d`` double, ``i`` int, ``b`` bool,
``m`` a message of the next n fields, ``f`` float, ``e`` enum).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote_plus, unquote_plus, urlencode, urlsplit

from spidernest.services.maps.parse_search import Viewport

__all__ = [
    "WORLD_VIEW",
    "MapsTarget",
    "page_pb",
    "parse_maps_url",
    "place_page_url",
    "search_page_url",
    "search_request_url",
]

# With no location yet, ask with a view of the whole world: Google then places the viewport on
# the place named in the query ("… in Lyon") and returns it with the first page.
WORLD_VIEW = Viewport(latitude=0.0, longitude=0.0, distance=20_000_000.0)
# The map size the Maps web app reports for a desktop window, in CSS pixels.
_WIDTH, _HEIGHT = 1024, 768
_AT = re.compile(r"@(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?)([zm]))?")
_FEATURE = re.compile(r"!1s(0x[0-9a-f]+:0x[0-9a-f]+)", re.IGNORECASE)
_CID = re.compile(r"^\d{1,20}$")


@dataclass(frozen=True, slots=True)
class MapsTarget:
    """What a pasted Maps URL asks for; fields the URL does not carry are ``None``."""

    kind: str  # "search", "place" or "unknown"
    query: str | None = None
    feature_id: str | None = None
    cid: str | None = None
    latitude: float | None = None
    longitude: float | None = None


def parse_maps_url(url: str) -> MapsTarget:
    """Read a Google Maps search or place URL (also ``?q=`` and ``?cid=`` forms)."""
    parts = urlsplit(url)
    path = unquote_plus(parts.path)
    params = parse_qs(parts.query)
    at = _AT.search(path)
    latitude = float(at.group(1)) if at else None
    longitude = float(at.group(2)) if at else None
    feature = _FEATURE.search(url)
    cid = _first(params, "cid")
    segments = [s for s in path.split("/") if s]
    name = _segment_after(segments, "place")
    query = _segment_after(segments, "search") or _first(params, "q") or _first(params, "query")
    if feature or name or (cid and _CID.match(cid)):
        return MapsTarget(
            kind="place",
            query=name or query,
            feature_id=feature.group(1).lower() if feature else None,
            cid=cid if cid and _CID.match(cid) else None,
            latitude=latitude,
            longitude=longitude,
        )
    if query:
        return MapsTarget(kind="search", query=query, latitude=latitude, longitude=longitude)
    return MapsTarget(kind="unknown", latitude=latitude, longitude=longitude)


def _first(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    return values[0].strip() or None if values else None


def _segment_after(segments: list[str], marker: str) -> str | None:
    if marker in segments:
        index = segments.index(marker) + 1
        if index < len(segments) and not segments[index].startswith(("@", "data=")):
            return segments[index].strip() or None
    return None


def page_pb(viewport: Viewport, *, page_size: int, offset: int) -> str:
    """The ``pb`` parameter of one fast-path search page, as the Maps web app sends it.

    ``!4m12`` is the view (``!1d`` span in metres, ``!2d`` longitude, ``!3d`` latitude, the
    map size in pixels, ``!4f`` the zoom); ``!7i`` is the page size and ``!8i`` the offset of the
    first result; the ``!12m``/``!19m`` blocks ask for the full listing of each result (hours,
    phone, address parts), and ``!20m`` for its photos.
    """
    view = (
        f"!4m12!1m3!1d{_decimal(viewport.distance)}!2d{_decimal(viewport.longitude)}"
        f"!3d{_decimal(viewport.latitude)}"
        f"!2m3!1f0!2f0!3f0!3m2!1i{_WIDTH}!2i{_HEIGHT}!4f13.1"
    )
    paging = f"!7i{page_size}!8i{offset}!10b1"
    details = (
        "!12m22!1m3!18b1!30b1!34e1!2m3!5m1!6e2!20e3!4b0!10b1!12b1!13b1!16b1!17m1!3e1"
        "!20m3!5e2!6b1!14b1!46m1!1b0!96b1!19m4!2m3!1i360!2i120!4i8"
    )
    return view + paging + details


def _decimal(value: float) -> str:
    """A plain decimal as the Maps app writes it (``3826.9021832``, ``-71.05``, never ``2e+07``)."""
    text = f"{value:.7f}".rstrip("0").rstrip(".")
    return text if text not in {"", "-0"} else "0"


def search_request_url(
    base_url: str, query: str, *, lang: str, viewport: Viewport, page_size: int, offset: int
) -> str:
    """The fast-path search URL for one page of results."""
    params = {
        "tbm": "map",
        "authuser": "0",
        "hl": lang,
        "q": query,
        "pb": page_pb(viewport, page_size=page_size, offset=offset),
    }
    return f"{base_url.rstrip('/')}/search?{urlencode(params)}"


def search_page_url(base_url: str, query: str, *, lang: str) -> str:
    """The Maps web page of a search, as a person opens it."""
    return f"{base_url.rstrip('/')}/maps/search/{quote_plus(query)}?hl={lang}"


def place_page_url(base_url: str, link: str, *, lang: str) -> str:
    """A place link moved onto ``base_url`` (so tests can serve it), with the UI language."""
    parts = urlsplit(link)
    path = parts.path or "/maps"
    query = f"{parts.query}&hl={lang}" if parts.query else f"hl={lang}"
    return f"{base_url.rstrip('/')}{path}?{query}"
