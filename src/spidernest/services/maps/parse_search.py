r"""Google's JSON envelopes, and the fast-path search response (``/search?tbm=map``).

Google answers with JSON behind an anti-hijacking prefix (``)]}'``), sometimes wrapped in
``{"c":0,"d":")]}'\\n[...]"}/*""*/``. A search response is a list whose ``[0][1]`` holds the
results, each with its place array at ``[14]``; ``[1][0]`` is the viewport Google chose for
the query (distance in metres, longitude, latitude), which later pages reuse.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from spidernest.services.maps.arrays import dig, dig_float, dig_list
from spidernest.services.maps.parse_place import is_place_array, parse_place_array
from spidernest.services.maps.result import Business

__all__ = ["SearchPage", "Viewport", "decode_payload", "parse_search_page"]

_PREFIXES = (")]}'", ")]}")
_SUFFIX = '/*""*/'
# Levels searched for a moved result list (it sits at depth 2 today).
_ROWS_SEARCH_DEPTH = 4


@dataclass(frozen=True, slots=True)
class Viewport:
    """A map view: its centre and the distance (metres) it spans, as Google encodes it."""

    latitude: float
    longitude: float
    distance: float


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of fast-path results.

    The businesses, how many place rows Google sent (a short page means the end), and the
    viewport Google picked.
    """

    businesses: list[Business] = field(default_factory=list)
    rows: int = 0
    viewport: Viewport | None = None


def decode_payload(text: str) -> Any:
    """Parse a Google JSON answer; ``None`` if it is not JSON (an HTML page, a captcha...)."""
    body = text.strip().lstrip("\ufeff")
    if body.endswith(_SUFFIX):
        body = body[: -len(_SUFFIX)].rstrip()
    for prefix in _PREFIXES:
        if body.startswith(prefix):
            body = body[len(prefix) :].lstrip()
            break
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        return None
    if isinstance(value, dict) and isinstance(value.get("d"), str):
        return decode_payload(value["d"])
    return value


def parse_search_page(payload: Any, *, with_reviews: bool = False) -> SearchPage:
    """Read one decoded search response.

    Rows that are not places (ads, the query echo) are skipped, and a row that fails to parse
    costs only that row.
    """
    rows = _result_rows(payload)
    businesses: list[Business] = []
    place_rows = 0
    for row in rows:
        darray = dig(row, 14)
        if not is_place_array(darray):
            continue
        place_rows += 1
        try:
            businesses.append(parse_place_array(darray, with_reviews=with_reviews))
        except (ValueError, TypeError):
            continue
    return SearchPage(businesses=businesses, rows=place_rows, viewport=_viewport(payload))


def _result_rows(payload: Any) -> list[Any]:
    """The result rows: ``[0][1]``, else wherever Google moved them.

    That is the first list, breadth first and a few levels down, whose rows carry a place
    array at ``[14]``.
    """
    rows = dig_list(payload, 0, 1)
    if _has_place_rows(rows):
        return rows
    level: list[list[Any]] = [payload] if isinstance(payload, list) else []
    for _ in range(_ROWS_SEARCH_DEPTH):
        level = [child for node in level for child in node if isinstance(child, list)]
        for candidate in level:
            if _has_place_rows(candidate):
                return candidate
    return rows


def _has_place_rows(rows: list[Any]) -> bool:
    return any(is_place_array(dig(row, 14)) for row in rows)


def _viewport(payload: Any) -> Viewport | None:
    view = dig(payload, 1, 0)
    distance, longitude, latitude = dig_float(view, 0), dig_float(view, 1), dig_float(view, 2)
    if distance is None or longitude is None or latitude is None:
        return None
    return Viewport(latitude=latitude, longitude=longitude, distance=distance)
