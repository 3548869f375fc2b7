"""Open Location Codes ("plus codes") computed from coordinates, for listings that omit theirs.

Place payloads carry the code Google shows ("M2CR+6X Limassol"); fast-path search rows do not,
so the same code is computed from the place's coordinates with the Open Location Code
algorithm (https://github.com/google/open-location-code, "Specification": 10 digits, pairs
only, a resolution of 1/8000 degree, about 14 m).
"""

from __future__ import annotations

import math
import re

__all__ = ["PLUS_CODE", "encode_plus_code", "short_plus_code"]

_ALPHABET = "23456789CFGHJMPQRVWX"
# A full or short code as Google prints it: up to 8 digits, "+", up to 3 more ("M2CR+6X").
PLUS_CODE = re.compile(rf"^[{_ALPHABET}]{{2,8}}\+[{_ALPHABET}]{{0,3}}$")
_BASE = len(_ALPHABET)
_PAIRS = 5
# 1/8000 degree: the place value of the fifth pair (20 / 20**4).
_FINAL_PRECISION = 8000
# Digits dropped in a short code whose locality is named next to it (the spec's "short codes":
# four digits when the reference is within about 0.5 degree, which a named town always is).
_SHORT_DROP = 4


def encode_plus_code(latitude: float, longitude: float) -> str:
    """The full 10-digit code ("8G6MM2CR+6X") of a point."""
    latitude = min(max(latitude, -90.0), 90.0)
    longitude = (longitude + 180.0) % 360.0 - 180.0
    # Integer arithmetic as the reference implementations do, rounding away float noise first.
    lat_value = math.floor(round((latitude + 90.0) * _FINAL_PRECISION * 1e6) / 1e6)
    lng_value = math.floor(round((longitude + 180.0) * _FINAL_PRECISION * 1e6) / 1e6)
    lat_value = min(lat_value, 180 * _FINAL_PRECISION - 1)  # the north pole folds into the last row
    digits: list[str] = []
    for _ in range(_PAIRS):
        digits.append(_ALPHABET[lng_value % _BASE])
        digits.append(_ALPHABET[lat_value % _BASE])
        lat_value //= _BASE
        lng_value //= _BASE
    code = "".join(reversed(digits))
    return f"{code[:8]}+{code[8:]}"


def short_plus_code(latitude: float, longitude: float, locality: str | None) -> str:
    """The code as Google shows it next to a town ("M2CR+6X Limassol"), else the full code."""
    code = encode_plus_code(latitude, longitude)
    if not locality:
        return code
    return f"{code[_SHORT_DROP:]} {locality}"
