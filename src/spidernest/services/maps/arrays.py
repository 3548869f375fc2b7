"""Safe reads from Google's positional JSON arrays, where any index may be missing or moved.

Google Maps payloads are deeply nested arrays whose layout drifts between releases. Every
read goes through these functions: a missing index, a ``null`` or a value of the wrong type
gives ``None``, never an exception, so one moved field costs that field only.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

__all__ = ["dig", "dig_float", "dig_int", "dig_list", "dig_str", "unescape_js"]

# Strings read from a page's embedded state keep JavaScript escapes such as ``\u003d`` ("=")
# and ``\u0026`` ("&") literally (see tests/fixtures/maps/raw2.json); they are undone here.
_JS_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def dig(value: Any, *path: int) -> Any:
    """The element at ``path`` inside nested lists, or ``None`` if any step is missing."""
    current = value
    for index in path:
        if not isinstance(current, list) or not -len(current) <= index < len(current):
            return None
        current = current[index]
    return current


def unescape_js(text: str) -> str:
    r"""Undo JSON escapes (``\u003d``, ``\n``) left literally in strings copied out of scripts."""
    if "\\u" not in text and "\\n" not in text and '\\"' not in text:
        return text
    try:
        decoded = json.loads(f'"{text}"')
    except ValueError:
        return _JS_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)
    return decoded if isinstance(decoded, str) else text


def dig_str(value: Any, *path: int) -> str | None:
    """A non-empty, stripped string at ``path``, else ``None``."""
    found = dig(value, *path)
    if isinstance(found, str):
        cleaned = unescape_js(found).strip()
        return cleaned or None
    return None


def dig_float(value: Any, *path: int) -> float | None:
    """A finite number at ``path`` as a float (booleans are not numbers here), else ``None``.

    ``json.loads`` accepts ``NaN`` and ``Infinity``; neither is a coordinate or a count.
    """
    found = dig(value, *path)
    if isinstance(found, bool) or not isinstance(found, int | float):
        return None
    number = float(found)
    return number if math.isfinite(number) else None


def dig_int(value: Any, *path: int) -> int | None:
    """A whole number at ``path``, else ``None``."""
    found = dig_float(value, *path)
    if found is None or found != int(found):
        return None
    return int(found)


def dig_list(value: Any, *path: int) -> list[Any]:
    """The list at ``path``, else an empty list."""
    found = dig(value, *path)
    return found if isinstance(found, list) else []
