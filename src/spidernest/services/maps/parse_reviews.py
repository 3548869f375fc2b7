"""Reviews out of Google's review arrays.

Both the reviews embedded in a place payload and the ``listugcposts`` items: native Google
reviews with or without text, translation or owner reply, and aggregated ones from other sites
such as Tripadvisor. Pure and drift-tolerant: a review whose fields moved keeps what can still
be read; an item that is not a review at all is skipped.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from spidernest.services.maps.arrays import dig, dig_float, dig_int, dig_list, dig_str
from spidernest.services.maps.result import Review

__all__ = ["parse_review", "parse_review_items"]


def parse_review_items(items: list[Any]) -> list[Review]:
    """Parse a list of review entries; each entry is ``[review, ...]`` or the review itself."""
    reviews: list[Review] = []
    for item in items:
        element = item[0] if isinstance(dig(item, 0), list) else item
        review = parse_review(element)
        if review is not None:
            reviews.append(review)
    return reviews


def parse_review(element: Any) -> Review | None:
    """One review array (``[id, [meta], [body], [reply]…]``), or ``None`` if it is not one."""
    review_id = dig_str(element, 0)
    meta = dig(element, 1)
    if review_id is None or not isinstance(meta, list):
        return None
    body = dig(element, 2)
    author, author_url, author_photo = _author(meta)
    original, translated = _texts(body)
    return Review(
        review_id=review_id,
        author=author,
        author_url=author_url,
        author_photo=author_photo,
        rating=_rating(body),
        rating_scale=dig_int(meta, 13, 4),
        text=original,
        text_translated=translated,
        language=dig_str(body, 14, 0) or dig_str(body, 1, 1),
        relative_date=dig_str(meta, 6),
        published_at=_timestamp(dig(meta, 2)),
        source=dig_str(meta, 13, 0),
        owner_response=dig_str(element, 3, 15, 0, 0) or dig_str(element, 3, 14, 0, 0),
        owner_response_at=_timestamp(dig(element, 3, 1)),
    )


def _author(meta: list[Any]) -> tuple[str | None, str | None, str | None]:
    """Name, profile link and photo: the current layout first, then the 2023 one."""
    name = dig_str(meta, 4, 5, 0)
    if name is not None:
        return name, dig_str(meta, 4, 5, 2, 0) or dig_str(meta, 4, 2, 0), dig_str(meta, 4, 5, 1)
    return dig_str(meta, 4, 0, 4), dig_str(meta, 4, 0, 5), dig_str(meta, 4, 0, 3)


def _rating(body: Any) -> float | None:
    """Stars at ``[0][0]``; aggregated reviews carry a score on their own scale at ``[8][1]``."""
    return dig_float(body, 0, 0) or dig_float(body, 8, 1)


def _texts(body: Any) -> tuple[str | None, str | None]:
    """The original text and Google's translation, when shown."""
    texts = dig_list(body, 15)
    if texts:
        original = dig_str(texts, 0, 0)
        translated = dig_str(texts, 1, 0)
        return original, translated if translated != original else None
    return dig_str(body, 1, 0), None


def _timestamp(value: Any) -> str | None:
    """Google's microseconds since the epoch as an ISO 8601 UTC string."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None
    seconds = value / 1_000_000
    try:
        moment = datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return moment.isoformat().replace("+00:00", "Z")
