"""Any saved Google Maps answer → businesses: the one entry point for payloads of every shape.

Recognised shapes: a fast-path search response, a place payload (``[6]`` is the place array),
the ``{"d": ...}`` wrapper, and an HTML page with ``window.APP_INITIALIZATION_STATE``. Anything
else is searched (boundedly) for place arrays and for embedded ``)]}'`` strings, so a payload
whose layout moved still yields what it holds.
"""

from __future__ import annotations

import json
import re
from typing import Any

from spidernest.services.maps.arrays import dig
from spidernest.services.maps.parse_place import is_place_array, parse_place_array
from spidernest.services.maps.parse_search import decode_payload, parse_search_page
from spidernest.services.maps.result import Business

__all__ = ["extract_initialization_state", "parse_businesses", "parse_decoded"]

_STATE = re.compile(r"APP_INITIALIZATION_STATE\s*=\s*")
# Nesting depth searched for place arrays in an unrecognised payload; real ones sit at depth
# 1-4, and the bound keeps a hostile file from costing more than a linear walk.
_MAX_DEPTH = 8


def parse_businesses(text: str, *, with_reviews: bool = False) -> list[Business]:
    """Every business in a saved Google answer (JSON or HTML), de-duplicated, in order."""
    payload = decode_payload(text)
    if payload is None and "APP_INITIALIZATION_STATE" in text:
        payload = extract_initialization_state(text)
    return parse_decoded(payload, with_reviews=with_reviews)


def parse_decoded(payload: Any, *, with_reviews: bool = False) -> list[Business]:
    """Businesses in an already decoded payload."""
    page = parse_search_page(payload, with_reviews=with_reviews)
    found = list(page.businesses)
    if not page.rows:
        for darray, envelope in _place_arrays(payload, None, 0):
            try:
                found.append(
                    parse_place_array(darray, envelope=envelope, with_reviews=with_reviews)
                )
            except (ValueError, TypeError):
                continue
    unique: dict[str, Business] = {}
    for business in found:
        key = business.identity or f"row:{len(unique)}"
        unique.setdefault(key, business)
    return list(unique.values())


def extract_initialization_state(html: str) -> Any:
    """The JSON value assigned to ``window.APP_INITIALIZATION_STATE`` in a Maps page, or None."""
    match = _STATE.search(html)
    if match is None:
        return None
    try:
        value, _ = json.JSONDecoder().raw_decode(html, match.end())
    except (ValueError, RecursionError):
        return None
    return value


def _place_arrays(value: Any, envelope: list[Any] | None, depth: int) -> list[tuple[Any, Any]]:
    """Place arrays inside ``value``, each with the payload that holds it."""
    if depth > _MAX_DEPTH:
        return []
    if isinstance(value, str):
        if value.startswith(")]}'"):
            return _place_arrays(decode_payload(value), None, depth + 1)
        return []
    if not isinstance(value, list):
        return []
    if is_place_array(value):
        return [(value, envelope)]
    if is_place_array(dig(value, 6)):
        return [(value[6], value)]
    found: list[tuple[Any, Any]] = []
    for child in value:
        found.extend(_place_arrays(child, envelope, depth + 1))
    return found
